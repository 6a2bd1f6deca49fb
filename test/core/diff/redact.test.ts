import { describe, expect, it } from 'vitest';
import { InvalidRedactPatternError, resolveDiffOptions } from '../../../core/diff/diff-options.ts';
import { redactPair, redactResource } from '../../../core/diff/redact.ts';
import type { JsonObject } from '../../../core/manifests/json-value.ts';

const options = resolveDiffOptions();

describe('redactResource', () => {
  it.each<[string, JsonObject, JsonObject]>([
    [
      'Secret data and stringData values',
      { kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'x' } },
      { kind: 'Secret', metadata: { name: 's' }, data: { a: '(redacted)' }, stringData: { b: '(redacted)' } },
    ],
    [
      'a Secret whose data is not a map',
      { kind: 'Secret', data: 'oops' },
      { kind: 'Secret', data: '(redacted)' },
    ],
    [
      'a Secret inside a List',
      { kind: 'List', items: [{ kind: 'Secret', data: { a: 'eA==' } }] },
      { kind: 'List', items: [{ kind: 'Secret', data: { a: '(redacted)' } }] },
    ],
    [
      'SealedSecret encrypted values',
      { kind: 'SealedSecret', spec: { encryptedData: { a: 'AgB...' }, template: { type: 'Opaque' } } },
      { kind: 'SealedSecret', spec: { encryptedData: { a: '(encrypted)' }, template: { type: 'Opaque' } } },
    ],
    [
      'SOPS values and the sops block',
      {
        kind: 'ConfigMap',
        data: { a: 'ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]', b: 'plain' },
        sops: { mac: 'm' },
      },
      { kind: 'ConfigMap', data: { a: '(encrypted)', b: 'plain' }, sops: '(encrypted)' },
    ],
    [
      'env values named like secrets, but not references',
      {
        kind: 'Pod',
        spec: {
          containers: [
            {
              name: 'c',
              env: [
                { name: 'DB_PASSWORD', value: 'hunter2' },
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'k', key: 'api-key' } } },
              ],
            },
          ],
        },
      },
      {
        kind: 'Pod',
        spec: {
          containers: [
            {
              name: 'c',
              env: [
                { name: 'DB_PASSWORD', value: '(redacted)' },
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'k', key: 'api-key' } } },
              ],
            },
          ],
        },
      },
    ],
    [
      'ConfigMap keys named like secrets, keeping reference keys',
      { kind: 'ConfigMap', data: { 'db.password': 'pw', token_ttl: '60', secretName: 'tls' } },
      {
        kind: 'ConfigMap',
        data: { 'db.password': '(redacted)', token_ttl: '(redacted)', secretName: 'tls' },
      },
    ],
    [
      '--flag=value arguments named like secrets',
      {
        kind: 'Pod',
        spec: { containers: [{ name: 'c', args: ['--token=abc', '--port=80', 'DB_PASSWORD=x'] }] },
      },
      {
        kind: 'Pod',
        spec: {
          containers: [{ name: 'c', args: ['--token=(redacted)', '--port=80', 'DB_PASSWORD=(redacted)'] }],
        },
      },
    ],
    [
      'PEM private keys anywhere',
      {
        kind: 'ConfigMap',
        data: { 'tls.pem': '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n' },
      },
      { kind: 'ConfigMap', data: { 'tls.pem': '(redacted)' } },
    ],
    [
      'secret-named lines of config files, keeping the rest',
      {
        kind: 'ConfigMap',
        data: {
          'application.properties': 'server.port=8080\nspring.datasource.password=hunter2\n',
          'app.yaml': 'db:\n  password: "x"\n  passwordFile: /run/pw\n  auth_token:\n    nested: 1\n',
          '.env': 'export API_KEY=abc\nLOG=info',
        },
      },
      {
        kind: 'ConfigMap',
        data: {
          'application.properties': 'server.port=8080\nspring.datasource.password=(redacted)\n',
          'app.yaml': 'db:\n  password: (redacted)\n  passwordFile: /run/pw\n  auth_token:\n    nested: 1\n',
          '.env': 'export API_KEY=(redacted)\nLOG=info',
        },
      },
    ],
    [
      'last-applied-configuration',
      {
        kind: 'Deployment',
        metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      },
      {
        kind: 'Deployment',
        metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '(redacted)' } },
      },
    ],
  ])('redacts %s', (_, input, expected) => {
    const copy = structuredClone(input);
    expect(redactResource(input, options)).toEqual(expected);
    expect(input).toEqual(copy);
  });

  it('redacts redactPaths (with a kind filter) and respects redactKeyPattern: false', () => {
    const custom = resolveDiffOptions({
      redactPaths: ['Deployment:spec.template.spec.containers[*].env[name=DSN_URL].value', 'spec.webhook'],
      redactKeyPattern: false,
    });
    const object: JsonObject = {
      kind: 'Deployment',
      spec: {
        webhook: { url: 'u' },
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                env: [
                  { name: 'DSN_URL', value: 'pg://x' },
                  { name: 'TOKEN', value: 't' },
                ],
              },
            ],
          },
        },
      },
    };
    expect(redactResource(object, custom)).toEqual({
      kind: 'Deployment',
      spec: {
        webhook: '(redacted)',
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                env: [
                  { name: 'DSN_URL', value: '(redacted)' },
                  { name: 'TOKEN', value: 't' },
                ],
              },
            ],
          },
        },
      },
    });
    expect(redactResource({ ...object, kind: 'StatefulSet' }, custom)).toMatchObject({
      spec: { webhook: '(redacted)' },
    });
  });

  it('takes the pattern as text (case-insensitive) and refuses a bad one', () => {
    const custom = resolveDiffOptions({ redactKeyPattern: '^internal_' });
    expect(redactResource({ INTERNAL_ID: 'x', password: 'y' }, custom)).toEqual({
      INTERNAL_ID: '(redacted)',
      password: 'y',
    });
    expect(() => resolveDiffOptions({ redactKeyPattern: '(' })).toThrow(InvalidRedactPatternError);
  });

  it('redacts every duplicate of an env var', () => {
    const object: JsonObject = {
      env: [
        { name: 'TOKEN', value: 'a' },
        { name: 'TOKEN', value: 'b' },
      ],
    };
    expect(JSON.stringify(redactResource(object, options))).not.toMatch(/"[ab]"/);
  });
});

describe('redactPair', () => {
  it('marks a value changed on the head side only when its hash differs', () => {
    const base: JsonObject = { kind: 'Secret', data: { same: 'YQ==', diff: 'Yg==', gone: 'Yw==' } };
    const head: JsonObject = { kind: 'Secret', data: { same: 'YQ==', diff: 'Zg==', added: 'ZA==' } };
    expect(redactPair(base, head, options)).toEqual({
      base: { kind: 'Secret', data: { same: '(redacted)', diff: '(redacted)', gone: '(redacted)' } },
      head: {
        kind: 'Secret',
        data: { same: '(redacted)', diff: '(redacted, changed)', added: '(redacted)' },
      },
    });
  });

  it('marks changed lines of config files one by one', () => {
    const config = (a: string, b: string): JsonObject => ({
      kind: 'ConfigMap',
      data: { f: `a_token=${a}\nb_token=${b}\n` },
    });
    expect(redactPair(config('1', '2'), config('1', '3'), options).head).toEqual({
      kind: 'ConfigMap',
      data: { f: 'a_token=(redacted)\nb_token=(redacted, changed)\n' },
    });
  });

  it('says "changed" for re-encrypted values', () => {
    const base: JsonObject = { kind: 'SealedSecret', spec: { encryptedData: { a: 'AgA1' } } };
    const head: JsonObject = { kind: 'SealedSecret', spec: { encryptedData: { a: 'AgA2' } } };
    expect(redactPair(base, head, options).head).toEqual({
      kind: 'SealedSecret',
      spec: { encryptedData: { a: '(encrypted, changed)' } },
    });
  });
});

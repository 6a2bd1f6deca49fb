import { describe, expect, it } from 'vitest';
import { parseCheckCommandOptions } from '../../cli/check-options.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../../platform/check-defaults.ts';

describe('parseCheckCommandOptions', () => {
  it.each([
    // Without a location: the offline schemas, asked for what they are.
    [
      [],
      {
        locations: ['offline'],
        kubernetesVersion: '1.27.0',
        strict: false,
        onlyOffline: true,
        offlineAccepts: 'requested',
      },
    ],
    // A location: the pull-request defaults, as the Action has them.
    [
      ['-schema-location', 'default'],
      {
        locations: ['default'],
        kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
        strict: true,
        onlyOffline: false,
        offlineAccepts: 'requested',
      },
    ],
    // Flags ask for more than the offline schemas can do: they stay asked.
    [
      ['-strict', '-kubernetes-version', '1.30.2'],
      {
        locations: ['offline'],
        kubernetesVersion: '1.30.2',
        strict: true,
        onlyOffline: true,
        offlineAccepts: 'requested',
      },
    ],
    // -offline: an explicit weaker check, whatever else is asked.
    [
      ['-offline', '-schema-location', 'default'],
      {
        locations: ['default'],
        kubernetesVersion: '1.27.0',
        strict: false,
        onlyOffline: true,
        offlineAccepts: 'any',
      },
    ],
  ])('check %j validates with %j', (flags, schemas) => {
    expect(parseCheckCommandOptions('check', [...flags, 'repo']).schemas).toEqual(schemas);
  });

  it('types the rest: output, head, base and changed files', () => {
    const options = parseCheckCommandOptions('check', [
      'repo',
      '-o',
      'json',
      '-base-ref',
      'origin/main',
      '-changed',
      'a.yaml',
      '-changed',
      'b.yaml',
    ]);
    expect(options).toMatchObject({
      help: false,
      output: 'json',
      head: 'repo',
      baseDir: undefined,
      baseRef: 'origin/main',
      changed: ['a.yaml', 'b.yaml'],
    });
  });

  it('reads `diff BASE_DIR HEAD_DIR` as base then head, and `-base DIR` as the base flag', () => {
    expect(parseCheckCommandOptions('diff', ['old', 'new'])).toMatchObject({
      baseDir: 'old',
      baseDirFlag: '',
      head: 'new',
    });
    expect(parseCheckCommandOptions('diff', ['-base', 'old', 'new'])).toMatchObject({
      baseDir: 'old',
      baseDirFlag: '-base',
      head: 'new',
    });
  });

  it.each([
    [['check', ['-output', 'yaml']], '-output must be one of text, markdown, json, sarif, not "yaml"'],
    [['diff', []], 'give BASE_DIR and HEAD_DIR, or -base-ref REF'],
    [['diff', ['-strict', 'a', 'b']], 'flag provided but not defined: -strict'],
  ] as const)('%j is a usage error: %s', ([kind, argv], message) => {
    expect(() => parseCheckCommandOptions(kind, argv)).toThrow(message);
  });
});

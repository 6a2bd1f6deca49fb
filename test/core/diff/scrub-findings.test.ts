import { describe, expect, it } from 'vitest';
import { resolveDiffOptions } from '../../../core/diff/diff-options.ts';
import { createScrubber, scrubText, scrubWith, secretTexts } from '../../../core/diff/scrub-findings.ts';
import type { Finding } from '../../../core/findings.ts';
import type { JsonObject } from '../../../core/manifests/json-value.ts';
import type { RenderedEnvironment } from '../../../core/render/render-environments.ts';

/** The one place findings are cut free of secrets: each form a message could quote a value in. */
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-canary-line\n-----END PRIVATE KEY-----\n';
const secret: JsonObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  data: { password: btoa('hunter2-canary'), 'key.pem': btoa(PEM) },
  stringData: { token: 'plain-canary-token' },
};
const sealed: JsonObject = {
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name: 'db' },
  spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA-sealed-canary' } },
};
const configMap: JsonObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings' },
  data: { greeting: 'hello-visible-value', db_password: 'cm-password-canary' },
};
const options = resolveDiffOptions();
const finding = (message: string): Finding => ({
  ruleId: 'schema',
  severity: 'error',
  message,
  path: 'a.yaml',
});

describe('secretTexts', () => {
  const cut = secretTexts([secret, sealed, configMap], options);

  it('holds every value a Secret, a SealedSecret or a redacted key carries, and the base64 decoded', () => {
    expect(cut).toEqual(
      expect.arrayContaining([
        btoa('hunter2-canary'),
        'hunter2-canary',
        'plain-canary-token',
        'AgBy3i4OJSWK+PiTySYZZA-sealed-canary',
        'cm-password-canary',
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-canary-line',
      ]),
    );
  });

  it('leaves ordinary configuration alone, and values too short to mean anything', () => {
    expect(cut).not.toContain('hello-visible-value');
    const short = secretTexts(
      [{ ...secret, data: { pin: btoa('12') }, stringData: { pin: 'abc' } }],
      options,
    );
    expect(short).not.toContain('abc');
    expect(short).not.toContain('12');
  });

  it('is longest first, so a value is cut whole before a part of it', () => {
    const lengths = cut.map((text) => text.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe('scrubText and scrubWith', () => {
  const cut = secretTexts([secret, sealed], options);

  it.each([
    ['as is', `data.password: ${btoa('hunter2-canary')} is not valid`],
    ['decoded', 'value "hunter2-canary" is too short'],
    ['JSON-escaped', `got ${JSON.stringify(PEM)}, want format byte`],
    ['one line of a multi-line value', 'line 2: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-canary-line'],
    ['a SealedSecret value', "encryptedData.password: 'AgBy3i4OJSWK+PiTySYZZA-sealed-canary'"],
  ])('cuts a secret quoted %s', (_form, message) => {
    const scrubbed = scrubText(message, cut);
    expect(scrubbed).toContain('(redacted)');
    for (const canary of ['hunter2', 'canary-line', 'sealed-canary', btoa('hunter2-canary')])
      expect(scrubbed).not.toContain(canary);
  });

  it('returns a finding without a secret as it is, and changes only the message of the others', () => {
    const clean = finding('replicas: got string, want integer');
    const leaking = finding('password hunter2-canary rejected');
    const [kept, cutFinding] = scrubWith([clean, leaking], cut);
    expect(kept).toBe(clean);
    expect(cutFinding).toEqual({ ...leaking, message: 'password (redacted) rejected' });
  });

  it('a scrubber finds the secrets of the environments once and cuts every batch', () => {
    const side = { resources: [{ object: secret }] } as unknown as RenderedEnvironment;
    const scrub = createScrubber([side, undefined], options);
    expect(scrub([])).toEqual([]);
    expect(scrub([finding('plain-canary-token here')])[0]?.message).toBe('(redacted) here');
    expect(scrub([finding(`and ${btoa('hunter2-canary')}`)])[0]?.message).toBe('and (redacted)');
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../../core/render/kustomize/build-kustomization.ts';
import { diskFileSource } from '../../../../platform/disk-file-source.ts';
import { MESSAGE_MAPPINGS } from './kustomize-error-messages.ts';

/**
 * Byte equality with `kubectl kustomize` (kustomize v5.5.0) on two corpora of our own making,
 * whose expected outputs were produced on this machine by scripts/conformance-expected.mjs and
 * scripts/fixtures-generators.mjs. Each case folder is the repository root. Where kustomize fails,
 * kubeproof fails with kustomize's message, or with the one kustomize-error-messages.ts records
 * for the case, with the reason.
 */
interface Case {
  name: string;
  root: string;
  build: string;
}

function casesIn(corpus: string): Case[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const root = join(corpus, entry.name);
      const config = join(root, 'case.json');
      const build = existsSync(config)
        ? (JSON.parse(readFileSync(config, 'utf8')) as { build: string }).build
        : existsSync(join(root, 'overlay'))
          ? 'overlay'
          : '.';
      return { name: entry.name, root, build: build === '.' ? '' : build };
    });
}

const corpora = ['test/fixtures/kustomize/conformance', 'test/fixtures/kustomize/generators'];

/**
 * Cases where the built-in engine is known to print something else (README, "Known differences").
 * `it.fails` keeps them honest: when one starts to match, its test fails and must move back.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  '51-untyped-scalars-in-custom-resource': 'integers beyond 2^53 lose digits (JavaScript numbers)',
  'files-text-edges':
    'U+0085, U+2028, U+2029 in generated values: kustomize folds them when it re-reads its YAML',
  'hash-corpus': 'U+0085, U+2028, U+2029 in generated values: kustomize folds them when it re-reads its YAML',
  'literals-json-escapes':
    'U+0085, U+2028, U+2029 in generated values: kustomize folds them when it re-reads its YAML',
};

describe.each(corpora)('the built-in kustomize engine on %s', (corpus) => {
  const cases = casesIn(corpus);
  const succeeding = cases.filter((c) => existsSync(join(c.root, 'expected.yaml')));
  const failing = cases.filter((c) => existsSync(join(c.root, 'expected-error.txt')));

  const matches = async (c: Case): Promise<void> => {
    const build = await buildKustomization(await diskFileSource(c.root), c.build);
    expect(build.findings).toEqual([]);
    expect(build.yaml).toBe(readFileSync(join(c.root, 'expected.yaml'), 'utf8'));
  };
  const known = succeeding.filter((c) => KNOWN_DIFFERENCES[c.name] !== undefined);
  const supported = succeeding.filter((c) => KNOWN_DIFFERENCES[c.name] === undefined);

  it.each(supported.map((c) => [c.name, c] as const))('prints what kustomize prints: %s', async (_name, c) =>
    matches(c),
  );

  if (known.length > 0)
    it.fails.each(known.map((c) => [c.name, KNOWN_DIFFERENCES[c.name], c] as const))(
      'known difference on %s: %s',
      async (_name, _reason, c) => matches(c),
    );

  it.each(failing.map((c) => [c.name, c] as const))('fails where kustomize fails: %s', async (_name, c) => {
    const build = await buildKustomization(await diskFileSource(c.root), c.build);
    expect(build.ok).toBe(false);
    expect(build.yaml).toBe('');
    const finding = build.findings.find((f) => f.severity === 'error');
    expect(finding?.path).toMatch(/\S/);
    expect(finding?.line).toBeGreaterThan(0);
    const kustomize = readFileSync(join(c.root, 'expected-error.txt'), 'utf8').replace(/\n$/, '');
    const mapping = MESSAGE_MAPPINGS[c.name];
    if (mapping === undefined) {
      expect(finding?.message, 'the message kustomize gives (or record why not)').toBe(kustomize);
      return;
    }
    expect(kustomize, 'kustomize still says what the mapping records').toBe(mapping.kustomize);
    expect(mapping.kubeproof, 'a mapping only for a message that differs').not.toBe(kustomize);
    expect(finding?.message).toBe(mapping.kubeproof);
  });
});

describe("the recorded differences from kustomize's error messages", () => {
  const failing = corpora.flatMap((corpus) =>
    casesIn(corpus)
      .filter((c) => existsSync(join(c.root, 'expected-error.txt')))
      .map((c) => c.name),
  );

  it('name only cases where kustomize fails, each once across the corpora', () => {
    expect(new Set(failing).size).toBe(failing.length);
    expect(Object.keys(MESSAGE_MAPPINGS).filter((name) => !failing.includes(name))).toEqual([]);
  });

  it('each say why', () => {
    for (const mapping of Object.values(MESSAGE_MAPPINGS)) expect(mapping.why).toMatch(/\S{3}/);
  });
});

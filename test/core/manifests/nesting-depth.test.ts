import { describe, expect, it } from 'vitest';
import { FALLBACK, fastParseYaml } from '../../../core/manifests/fast-yaml.ts';
import { MAX_NESTING_DEPTH, tooDeepMessage } from '../../../core/manifests/nesting-depth.ts';
import { parseYamlDocument } from '../../../core/manifests/parse-yaml-document.ts';

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ';

/** Documents whose `data.x` nests `levels` deep, in each style a manifest can be written in. */
const SHAPES: [string, (levels: number) => string][] = [
  ['YAML flow sequences', (n) => `${HEADER}${'['.repeat(n)}${']'.repeat(n)}\n`],
  ['YAML flow mappings', (n) => `${HEADER}${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
  ['unclosed flow sequences', (n) => `${HEADER}${'['.repeat(n)}\n`],
  [
    'JSON',
    (n) =>
      `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "deep"}, "data": {"x": ${'{"a": ['.repeat(n / 2)}1${']}'.repeat(n / 2)}}}\n`,
  ],
  ['block sequences', (n) => `${HEADER}\n    ${'- '.repeat(n)}1\n`],
  [
    'block mappings',
    (n) => `${HEADER}\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 4)}a:\n`).join('')}`,
  ],
];

function full(text: string) {
  return parseYamlDocument(text, { uniqueKeys: true, firstLine: 1 });
}

describe('nesting depth limit', () => {
  it.each(SHAPES)('%s 10,000 levels deep: a problem on the line where the limit is crossed', (_, shape) => {
    // Block mappings need quadratic indentation: 10,000 levels would be 50 MB, the limit is enough.
    const text = shape(_ === 'block mappings' ? MAX_NESTING_DEPTH + 10 : 10_000);
    let tooDeep: number | undefined;
    expect(fastParseYaml(text, 0, text.length, { uniqueKeys: true, onTooDeep: (at) => (tooDeep = at) })).toBe(
      FALLBACK,
    );
    expect(tooDeep).toBeGreaterThan(0);
    const parsed = full(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.message).toBe(tooDeepMessage());
    const line = parsed.problems[0]?.line ?? 0;
    expect(line).toBeGreaterThanOrEqual(_ === 'JSON' ? 1 : 6);
    expect(line).toBeLessThanOrEqual(MAX_NESTING_DEPTH + 10);
  });

  it.each(SHAPES.filter(([name]) => !name.startsWith('unclosed')))(
    '%s just under the limit: read by both parsers alike',
    (_, shape) => {
      const text = shape(MAX_NESTING_DEPTH - 10);
      const fast = fastParseYaml(text, 0, text.length, { uniqueKeys: true });
      const parsed = full(text);
      expect(parsed.problems).toEqual([]);
      if (fast !== FALLBACK) expect(fast).toEqual(parsed.value);
    },
  );

  it('stops a million `[` at the limit instead of reading them all', () => {
    const text = `x: ${'['.repeat(1_000_000)}`;
    const parsed = full(text);
    expect(parsed.problems).toEqual([{ message: tooDeepMessage(), line: 1, column: expect.any(Number) }]);
  });

  it('counts what aliases put in place: nested anchors cannot stack past the limit', () => {
    const half = Math.ceil(MAX_NESTING_DEPTH / 2) + 5;
    const text = [
      `a: &a ${'['.repeat(half)}${']'.repeat(half)}`,
      `b: &b ${'['.repeat(half)}*a${']'.repeat(half)}`,
      `c: ${'['.repeat(half)}*b${']'.repeat(half)}`,
      '',
    ].join('\n');
    const parsed = full(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.problems.map((p) => [p.message, p.line])).toEqual([[tooDeepMessage(), 2]]);
  });

  it('gives the line in the file for a document further down', () => {
    const text = `x: ${'['.repeat(10_000)}\n`;
    expect(parseYamlDocument(text, { uniqueKeys: false, firstLine: 40 }).problems[0]?.line).toBe(40);
  });
});

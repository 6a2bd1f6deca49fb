import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  FALLBACK,
  createScanCursor,
  fastParseYaml,
  type PositionMap,
} from '../../../core/manifests/fast-yaml.ts';
import { parseYamlDocument } from '../../../core/manifests/parse-yaml-document.ts';
import { resolveKustomizeScalar } from '../../../core/manifests/resolve-scalar.ts';

/** Parses with and without the shared comment cursor; both must give the same answer. */
function fast(text: string, uniqueKeys = true): unknown {
  const plain = fastParseYaml(text, 0, text.length, { uniqueKeys });
  const withCursor = fastParseYaml(text, 0, text.length, { uniqueKeys, scan: createScanCursor() });
  if (plain === FALLBACK || withCursor === FALLBACK) expect(withCursor).toBe(plain);
  else expect(JSON.stringify(withCursor)).toBe(JSON.stringify(plain));
  return plain;
}

function full(text: string, uniqueKeys = true): unknown {
  return parseYamlDocument(text, { uniqueKeys, firstLine: 1 }).value;
}

/** Deep equality that also checks key order, as JSON output would show it. */
function expectSameJson(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

/** The fast parser either gives up or agrees exactly with the full parser. */
function expectAgreement(text: string, uniqueKeys = true): unknown {
  const value = fast(text, uniqueKeys);
  if (value !== FALLBACK) expectSameJson(value, full(text, uniqueKeys));
  return value;
}

// Documents the fast path must handle itself (no fallback), with their expected JSON.
const handled: [string, string, unknown][] = [
  ['empty document', '', null],
  ['comments only', '# one\n  # two\n', null],
  ['block mapping', 'a: 1\nb: two\n', { a: 1, b: 'two' }],
  ['nested mapping', 'a:\n  b:\n    c: d\n', { a: { b: { c: 'd' } } }],
  ['sequence under key, indented', 'a:\n  - 1\n  - 2\n', { a: [1, 2] }],
  ['sequence under key, same indent', 'a:\n- x\n- z\nb: 1\n', { a: ['x', 'z'], b: 1 }],
  [
    'compact mapping in sequence',
    'c:\n- name: a\n  image: nginx:1.2\n- name: b\n',
    { c: [{ name: 'a', image: 'nginx:1.2' }, { name: 'b' }] },
  ],
  ['nested compact sequences', '- - a\n  - b\n- c\n', [['a', 'b'], 'c']],
  ['empty values are null', 'a:\nb: ~\nc: null\n', { a: null, b: null, c: null }],
  [
    'YAML 1.1 booleans',
    'a: yes\nb: "yes"\nc: on\nd: Off\ne: y\nf: n\n',
    { a: true, b: 'yes', c: true, d: false, e: true, f: false },
  ],
  [
    'YAML 1.1 numbers',
    'a: 0644\nb: 0x1F\nc: 1_000\nd: 1e3\ne: .5\nf: -2\ng: 08\nh: 1.\n',
    { a: 420, b: 31, c: 1000, d: 1000, e: 0.5, f: -2, g: 8, h: 1 },
  ],
  [
    'strings that look special',
    'a: 1.2.3\nb: 12:30\nc: 2024-01-01\nd: "0644"\ne: -x\n',
    { a: '1.2.3', b: '12:30', c: '2024-01-01', d: '0644', e: '-x' },
  ],
  [
    'quoted scalars and escapes',
    'a: "x\\ty\\u00e9\\"q\\""\nb: \'it\'\'s\'\nc: "#not comment"\n',
    { a: 'x\tyé"q"', b: "it's", c: '#not comment' },
  ],
  ['comments after values', 'a: b # note\nc: d#e\n', { a: 'b', c: 'd#e' }],
  ['URLs and colons inside plain scalars', 'url: http://x:80/y\n', { url: 'http://x:80/y' }],
  ['quoted keys', '"a b": 1\n\'c\': 2\n', { 'a b': 1, c: 2 }],
  ['non-string keys become strings', '1: a\non: b\n', { '1': 'a', true: 'b' }],
  ['literal block scalar', 'a: |\n  line 1\n\n  line 2\nb: 1\n', { a: 'line 1\n\nline 2\n', b: 1 }],
  ['literal keep and strip', 'a: |+\n  x\n\nb: |-\n  y\n', { a: 'x\n\n', b: 'y' }],
  ['literal keeps indentation and #', 'a: |\n  if x:\n    # y\n', { a: 'if x:\n  # y\n' }],
  ['folded block scalar', 'a: >\n  one\n  two\n\n  three\n', { a: 'one two\nthree\n' }],
  ['block scalar in sequence', '- |\n  x\n- z\n', ['x\n', 'z']],
  ['a single y is a boolean in YAML 1.1', '- y\n- Y\n- n\n', [true, true, false]],
  [
    'flow collections',
    'a: [1, "b", c]\nd: {e: f, "g": [h]}\ni: []\nj: {}\n',
    { a: [1, 'b', 'c'], d: { e: 'f', g: ['h'] }, i: [], j: {} },
  ],
  [
    'JSON document',
    '{\n  "a": [1, 2.5, true, null],\n  "b": {"c": "d"}\n}\n',
    { a: [1, 2.5, true, null], b: { c: 'd' } },
  ],
  ['top-level scalar', 'hello\n', 'hello'],
  ['top-level sequence', '- a\n- b\n', ['a', 'b']],
  ['indented document', '  a: 1\n  b: 2\n', { a: 1, b: 2 }],
  ['trailing spaces', 'a: 1   \nb:   \n  c: 2\n', { a: 1, b: { c: 2 } }],
];

// Documents the fast path must leave to the full parser.
const deferred: [string, string][] = [
  ['anchors and aliases', 'a: &x 1\nb: *x\n'],
  ['tags', 'a: !!str 1\n'],
  ['merge keys', 'a: &x {p: 1}\nb:\n  <<: *x\n'],
  ['multi-line plain scalar', 'a: one\n  two\n'],
  ['multi-line quoted scalar', 'a: "one\n  two"\n'],
  ['tabs in indentation', 'a:\n\tb: 1\n'],
  ['complex keys', '? a\n: b\n'],
  ['duplicate keys with uniqueKeys', 'a: 1\na: 2\n'],
  ['syntax error', 'a: b: c\n'],
  ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
  ['sequence inside mapping at the same level', 'a: 1\n- b\n'],
  ['block scalar with indentation indicator', 'a: |2\n   x\n'],
  ['more-indented folded lines', 'a: >\n  x\n    y\n'],
  ['__proto__ key', '__proto__: 1\n'],
  ['keys that collide once resolved', 'true: a\non: b\n'],
  ['a lone dash as a value', 'a: -\n'],
];

describe('fastParseYaml', () => {
  it.each(handled)('handles %s', (_name, text, expected) => {
    const value = fast(text);
    expectSameJson(value, expected);
    expectSameJson(value, full(text));
  });

  it.each(deferred)('leaves %s to the full parser', (_name, text) => {
    expect(fast(text)).toBe(FALLBACK);
  });

  it('lets the last duplicate key win when keys need not be unique, like the full parser', () => {
    expect(expectAgreement('a: 1\nb: 2\na: 3\n', false)).toStrictEqual({ a: 3, b: 2 });
  });

  it('records the line and column of every key and item', () => {
    const positions: PositionMap = new Map();
    const text = 'a:\n  b: 1\n  c:\n    - x\n    - k: v\n';
    fastParseYaml(text, 0, text.length, { uniqueKeys: true, positions, firstLine: 10 });
    expect(Object.fromEntries(positions)).toEqual({
      '/a': [10, 1],
      '/a/b': [11, 3],
      '/a/c': [12, 3],
      '/a/c/0': [13, 7],
      '/a/c/1': [14, 7],
      '/a/c/1/k': [14, 7],
    });
  });

  it('shares one comment cursor across the documents of a text, in order', () => {
    const text = 'a: 1 # one\n---\nb: x:y\n---\nc: 3 # three\nd: "#"\n';
    const scan = createScanCursor();
    expect(fastParseYaml(text, 0, 11, { uniqueKeys: true, scan })).toStrictEqual({ a: 1 });
    expect(fastParseYaml(text, 15, 22, { uniqueKeys: true, scan })).toStrictEqual({ b: 'x:y' });
    expect(fastParseYaml(text, 26, text.length, { uniqueKeys: true, scan })).toStrictEqual({ c: 3, d: '#' });
  });

  it('parses a slice of a larger text without reading outside it', () => {
    const text = 'x: 1\n---\na: 2\n---\nb: 3\n';
    expect(fastParseYaml(text, 9, 14, { uniqueKeys: true })).toStrictEqual({ a: 2 });
  });
});

// Values that look like Kubernetes manifests: string keys, scalars of every kind, nesting.
const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    '~',
    'null',
    '0644',
    '0x1F',
    '1_000',
    '1e3',
    '.5',
    '-',
    '- a',
    ': x',
    '#',
    'a: b',
    'a #b',
    '2024-01-01',
    '12:30',
    "it's",
    'a"b',
    '|',
    '>',
    '* x',
    '&a',
    '!t',
    '%',
    '@',
    '`',
    ' lead',
    'trail ',
    '',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'on', 'yes', '1', 'a/b', 'a~b', 'x: y', '- z'),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).node;

describe('fastParseYaml agrees with the full parser', () => {
  it.each([
    ['block style', {}],
    ['sequences not indented', { indentSeq: false }],
    ['flow style', { collectionStyle: 'flow' as const }],
    ['double quotes', { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const }],
    ['single quotes', { singleQuote: true }],
    ['literal blocks', { blockQuote: 'literal' as const }],
    ['folded blocks', { blockQuote: 'folded' as const, lineWidth: 20 }],
  ])('on random documents in %s', (_name, options) => {
    fc.assert(
      fc.property(value, (v) => {
        const text = stringify(v, { version: '1.1', ...options });
        expectAgreement(text, true);
        expectAgreement(text, false);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text, never throwing', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            ' ',
            '\n',
            ':',
            '-',
            '#',
            '"',
            "'",
            '|',
            '>',
            '[',
            ']',
            '{',
            '}',
            ',',
            '1',
            '\t',
            '&',
            '*',
            '!',
            '?',
          ),
        }),
        (text) => {
          expectAgreement(text, true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on real block-style manifests without falling back', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (v) => {
        const text = stringify(v, { version: '1.1' });
        const parsed = expectAgreement(text);
        // Block style output of a plain mapping with simple string keys is the fast path's bread and butter.
        if (
          Object.keys(v).every((k) => /^[a-z]+$/.test(k)) &&
          !text.includes('\n  ') &&
          !/[!&*"'|>]/.test(text)
        ) {
          expect(parsed).not.toBe(FALLBACK);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseYamlDocument as kustomize reads resources', () => {
  it('resolves scalars with go-yaml v3 rules and keeps annotation values verbatim', async () => {
    const { resolveKustomizeScalar } = await import('../../../core/manifests/resolve-scalar.ts');
    const text = [
      'metadata:',
      '  annotations:',
      '    oct: 0777',
      '    tilde: ~',
      'x: [yes, on, y, True, 0777, 0o17, 1_000, 0x1F, 1e3, .5, +1, 1.50, -0, 2024-01-01, 2024-01-01T10:00:00.500Z, 2024-1-2 3:04:05, 0b101, ~]',
      '',
    ].join('\n');
    const value = parseYamlDocument(text, {
      uniqueKeys: true,
      firstLine: 1,
      resolve: resolveKustomizeScalar,
      keepText: (pointer) => pointer.startsWith('/metadata/annotations/'),
    }).value;
    // Expected values observed with kubectl kustomize v5.5.0 (docs/kustomize-behaviour.md).
    expect(value).toEqual({
      metadata: { annotations: { oct: '0777', tilde: '~' } },
      x: [
        'yes',
        'on',
        'y',
        true,
        511,
        15,
        1000,
        31,
        1000,
        0.5,
        1,
        1.5,
        -0,
        '2024-01-01T00:00:00Z',
        '2024-01-01T10:00:00.5Z',
        '2024-01-02T03:04:05Z',
        5,
        null,
      ],
    });
  });
});

describe('fastParseYaml agrees with the full parser as kustomize reads resources', () => {
  const kustomize = {
    resolve: resolveKustomizeScalar,
    keepText: (pointer: string) => /^\/metadata\/annotations\/[^/]+$/.test(pointer),
  };
  const agree = (text: string): void => {
    const value = fastParseYaml(text, 0, text.length, { uniqueKeys: true, ...kustomize });
    if (value !== FALLBACK)
      expectSameJson(value, parseYamlDocument(text, { uniqueKeys: true, firstLine: 1, ...kustomize }).value);
  };
  const tricky = fc.constantFrom(
    '0777',
    '~',
    'yes',
    'on',
    '1e3',
    '2024-01-01',
    '2024-2-30',
    '1e400',
    '0x1F',
    '',
    'True',
    '12:30',
  );
  const resource = fc.record({
    metadata: fc.record({
      annotations: fc.dictionary(fc.constantFrom('a', 'b', 'x.io/c'), fc.oneof(tricky, scalar)),
      labels: fc.dictionary(fc.constantFrom('a', 'b'), fc.oneof(tricky, scalar)),
    }),
    spec: value,
  });

  it.each([
    ['block style', {}],
    ['flow style', { collectionStyle: 'flow' as const }],
  ])('on random resources in %s, annotations kept as text', (_name, options) => {
    fc.assert(
      fc.property(resource, (r) => {
        agree(stringify(r, { version: '1.1', ...options }));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps annotation values verbatim on the fast path', () => {
    const text =
      'metadata:\n  annotations:\n    a: 0777\n    b: yes\n  labels:\n    a: 0777\nspec:\n  on: yes\n';
    const value = fastParseYaml(text, 0, text.length, { uniqueKeys: true, ...kustomize });
    expect(value).toEqual({
      metadata: { annotations: { a: '0777', b: 'yes' }, labels: { a: 511 } },
      spec: { on: 'yes' },
    });
  });
});

// Regenerates test/fixtures/kustomize/generators: one folder per case with its kustomization(s),
// the files they read, and what `kubectl kustomize` (kustomize v5.5.0) makes of it: expected.yaml,
// or expected-error.txt when kustomize fails (its message, with the case's absolute path removed so
// paths read repository-relative, the case folder being the repository). A case builds its
// `overlay/` folder when it has one, its root otherwise. Needs kubectl; not run in CI.
// Usage: node scripts/fixtures-generators.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const OUT = resolve('test/fixtures/kustomize/generators');

/** A kustomization as JSON (valid YAML), every character outside printable ASCII escaped. */
function json(value) {
  return `${[...JSON.stringify(value, null, 2)]
    .map((c) => {
      const cp = c.codePointAt(0);
      if (cp < 0x7f) return c;
      return cp > 0xffff
        ? `\\U${cp.toString(16).padStart(8, '0')}`
        : `\\u${cp.toString(16).padStart(4, '0')}`;
    })
    .join('')}\n`;
}

const bytes = (...values) =>
  Buffer.concat(values.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from([v].flat()))));
const range = (n, from = 0) => Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const descending = (n) => Array.from({ length: n }, (_, i) => 255 - (i % 256));

let seed = 4242;
function random() {
  // mulberry32: a fixed seed gives the same corpus every time.
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const ATOMS = [
  'a',
  'Z',
  'x9',
  '1',
  '-',
  '_',
  '.',
  ' ',
  '=',
  ':',
  '#',
  '"',
  "'",
  '\n',
  '\t',
  '\\',
  '<',
  '>',
  '&',
  'é',
  '✓',
  '😀',
  '\u2028',
  '\u0085',
  '\u00a0',
  '\u0001',
  '\b',
  '\f',
  '\r',
  'yes',
  'null',
  '{}',
  'word',
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor',
];
const KEY_ATOMS = [
  'a',
  'B',
  'z',
  'k',
  '1',
  '2',
  '9',
  '-',
  '_',
  '.',
  'é',
  'Ω',
  '✓',
  '😀',
  '\uff21',
  'key',
  'X',
];
const randomText = (max, atoms) =>
  Array.from({ length: Math.floor(random() * max) }, () => pick(atoms)).join('');

function corpus() {
  const configMapGenerator = [];
  const secretGenerator = [];
  for (let i = 0; i < 40; i++) {
    const literals = [];
    const keys = new Set();
    for (let k = Math.floor(random() * 6); k > 0; k--) {
      let key = randomText(4, KEY_ATOMS) || `k${k}`;
      // Leading-zero digit runs make kustomize's printed key order random (docs/kustomize-behaviour.md).
      // Keys that go-yaml v3 reads back as numbers make kustomize fail (see literals-numeric-key-error).
      if (/^[-+.0-9]/.test(key)) key = `k${key}`;
      if (/0/.test(key) || keys.has(key)) key = `k${k}x${i}`;
      keys.add(key);
      literals.push(`${key}=${randomText(random() < 0.2 ? 40 : 8, ATOMS)}`);
    }
    const entry = { name: `c${String(i).padStart(2, '0')}`, literals };
    if (i % 3 === 2) secretGenerator.push({ ...entry, ...(i % 2 ? { type: `example.com/t${i}` } : {}) });
    else configMapGenerator.push(entry);
  }
  return json({ configMapGenerator, secretGenerator });
}

const ENV_EDGES =
  '\ufeffA=1\n# comment\n\n   \n  B = 2  \nexport C=3\nD="quoted"\nE=\'single\'\nF=a=b\nG\n\tH=tab\n' +
  'I=crlf\r\nJ= lead\n  # indented comment\nK=#notcomment\nL=x # trailing\r\r\nM\r\n=skipped\n   =also\n' +
  'N=é ✓ 😀 <&>\nO=\\n not a break\n';

/** name -> files of the case (path -> text or bytes). */
const CASES = {
  'literals-basic': {
    'kustomization.yaml': `configMapGenerator:
- name: lit
  literals:
  - A=1
  - B=x=y
  - C="quoted"
  - D='single'
  - E=
  - F="mis'
  - G=" spaced "
  - H=<&>
  - I=true
`,
  },
  'literals-quote-edges': {
    'kustomization.yaml': json({
      configMapGenerator: [
        {
          name: 'q',
          literals: ['A="', 'B=""', "C=''", 'D="x"y"', 'E=a=', 'F= "x" ', 'G=\'"', 'H="\'"', "I='a'b'"],
        },
      ],
    }),
  },
  'literals-keys-not-validated': {
    'kustomization.yaml': json({
      configMapGenerator: [
        { name: 'keys', literals: ['a b=1', 'a/b=2', '..=3', '.=4', 'é=5', 'export X=6', ' lead=7'] },
      ],
    }),
  },
  'literals-json-escapes': {
    'kustomization.yaml': json({
      configMapGenerator: [
        {
          name: 'esc',
          literals: [
            'ctl=a\bb\fc\u0001d\u001fe\u000bf\u001bg',
            'html=<script>&amp;</script>',
            'seps=a\u2028b\u2029c',
            'quote=say "hi" \\ bye',
            'uni=é ✓ 😀 \u00a0 \u0085',
            'tab=a\tb',
            'bom=\ufeffx',
            'cr=a\rb',
          ],
        },
      ],
    }),
  },
  'literals-multiline': {
    'kustomization.yaml': json({
      configMapGenerator: [
        {
          name: 'ml',
          literals: [
            'a=line1\nline2\n',
            'b=no final break\nx',
            'c=\n\nblank lines\n\n',
            'd=  indented\n  text\n',
          ],
        },
      ],
    }),
  },
  'literals-key-order': {
    'kustomization.yaml': json({
      configMapGenerator: [
        {
          name: 'order',
          literals: [
            'a=1',
            'B=2',
            'a1=3',
            'a10=4',
            'a2=5',
            'é=6',
            '😀=7',
            '\uff21=8',
            '_=9',
            '-=10',
            'Z=11',
            'z=12',
            '.a=13',
          ],
        },
      ],
    }),
  },
  'literals-no-equals-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: k\n  literals:\n  - noequals\n',
  },
  'literals-leading-equals-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: k\n  literals:\n  - "=1"\n',
  },
  'literals-duplicate-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: k\n  literals:\n  - a=1\n  - b=2\n  - a=3\n',
  },
  'missing-name-error': {
    'kustomization.yaml': 'secretGenerator:\n- literals:\n  - a=1\n',
  },
  'empty-generators': {
    'kustomization.yaml': 'configMapGenerator:\n- name: empty\nsecretGenerator:\n- name: sempty\n',
  },
  'names-do-not-count': {
    'kustomization.yaml': `configMapGenerator:
- name: one
  literals: [key=value]
- name: two
  namespace: other
  literals: [key=value]
- name: three
  literals: [key=value]
  options:
    labels: {app: three}
    annotations: {note: three}
    immutable: true
secretGenerator:
- name: four
  literals: [key=value]
- name: five
  namespace: other
  literals: [key=value]
`,
  },
  'hash-corpus': { 'kustomization.yaml': corpus() },
  'files-plain-and-keyed': {
    'kustomization.yaml': `configMapGenerator:
- name: f
  files:
  - sub/app.conf
  - other=sub/app.conf
  - plain
  - ./sub/../plain2=plain
  - deep/er/config.json
`,
    'sub/app.conf': 'hello\n',
    plain: 'x',
    'deep/er/config.json': '{"a": 1, "b": [true, null]}\n',
  },
  'files-text-edges': {
    'kustomization.yaml': `configMapGenerator:
- name: text
  files:
  - crlf.txt
  - bom.txt
  - trailing-spaces.txt
  - leading-space.txt
  - no-final-newline.txt
  - only-newlines.txt
  - empty.txt
  - unicode.txt
  - tabs.txt
`,
    'crlf.txt': 'line one\r\nline two\r\n',
    'bom.txt': '\ufeffbom text\n',
    'trailing-spaces.txt': 'a  \nb \n',
    'leading-space.txt': '  indented\nnot\n',
    'no-final-newline.txt': 'one\ntwo',
    'only-newlines.txt': '\n\n\n',
    'empty.txt': '',
    'unicode.txt': 'é ✓ 😀 \u2028 \u0085 <&>\n',
    'tabs.txt': 'key:\tvalue\n\tindented\n',
  },
  'files-directory-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - sub\n',
    'sub/app.conf': 'hello\n',
  },
  'files-trailing-slash-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - sub/\n',
    'sub/app.conf': 'hello\n',
  },
  'files-missing-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - missing.txt\n',
  },
  'files-outside-folder-error': {
    'overlay/kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - ../outside.txt\n',
    'outside.txt': 'x',
  },
  'files-back-inside': {
    'overlay/kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - ../overlay/inside.txt\n',
    'overlay/inside.txt': 'in\n',
  },
  'files-missing-key-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - =a.txt\n',
    'a.txt': 'x',
  },
  'files-missing-path-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - key=\n',
  },
  'files-equals-in-path-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - k=a=b\n',
    a: 'x',
  },
  'files-duplicate-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  files:\n  - a\n  - s/a\n',
    a: 'x',
    's/a': 'y',
  },
  'literal-file-duplicate-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: f\n  literals: [a=1]\n  files: [a]\n',
    a: 'x',
  },
  'binary-configmap': {
    'kustomization.yaml': `configMapGenerator:
- name: bin
  literals: [text=plain]
  files: [small.bin, b51.bin, b52.bin, big.bin, surrogate.bin, overlong.bin, truncated.bin, latin1.txt, nul.bin, bom.txt]
`,
    'small.bin': bytes(0xff, 0xfe, 0x00, 0x01),
    'b51.bin': bytes(descending(51)),
    'b52.bin': bytes(descending(52)),
    'big.bin': bytes(descending(256), range(700)),
    'surrogate.bin': bytes(0xed, 0xa0, 0x80),
    'overlong.bin': bytes(0xc0, 0x80),
    'truncated.bin': bytes(0x61, 0xe2, 0x9c),
    'latin1.txt': bytes(0x63, 0x61, 0x66, 0xe9, 0x0a),
    'nul.bin': bytes(0x00, 0x00, 0x0a),
    'bom.txt': '\ufeffvalid text\n',
  },
  'binary-only-configmap': {
    'kustomization.yaml': 'configMapGenerator:\n- name: bin\n  files: [x.bin]\n',
    'x.bin': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, range(60, 200)),
  },
  'secret-basic': {
    'kustomization.yaml': `secretGenerator:
- name: s
  literals:
  - user=admin
  - password="p@ss w0rd"
  - empty=
  files:
  - token.txt
  - cert=certs/tls.crt
  envs:
  - secret.env
`,
    'token.txt': 'abc123\n',
    'certs/tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    'secret.env': 'DB_HOST=db\nDB_PORT=5432\n',
  },
  'secret-type-and-immutable': {
    'kustomization.yaml': `secretGenerator:
- name: tls
  type: kubernetes.io/tls
  literals: [tls.crt=x, tls.key=y]
  options:
    immutable: true
- name: opaque
  literals: [tls.crt=x, tls.key=y]
- name: empty-type
  type: ""
  literals: [tls.crt=x, tls.key=y]
- name: custom
  type: example.com/thing
  literals: [tls.crt=x, tls.key=y]
`,
  },
  'secret-base64-wrapping': {
    'kustomization.yaml': json({
      secretGenerator: [
        {
          name: 'wrap',
          literals: [
            `l51=${'x'.repeat(51)}`,
            `l52=${'x'.repeat(52)}`,
            `l105=${'y'.repeat(105)}`,
            `l106=${'z'.repeat(106)}`,
          ],
          files: ['big.bin', 'small.bin', 'text.txt'],
        },
      ],
    }),
    'big.bin': bytes(range(300)),
    'small.bin': bytes(0xff),
    'text.txt': 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n',
  },
  'secret-duplicate-error': {
    'kustomization.yaml': 'secretGenerator:\n- name: s\n  literals: [a=1]\n  envs: [a.env]\n',
    'a.env': 'a=2\n',
  },
  'envs-edge-cases': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env]\n',
    'a.env': ENV_EDGES,
  },
  'envs-unicode-space': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env]\n',
    'a.env': 'A=1\n\u0085 B=2\n\u3000C=3\n\ufeffD=4\n\v\fE=5\n\u00a0F=6\n\u2003G=7\n\ufeff\n#x\n\u200bH=8\n',
  },
  'envs-bom-only-first-line': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env, b.env]\n',
    'a.env': '\ufeff\ufeffA=1\n',
    'b.env': '\n\ufeffB=2\n',
  },
  'envs-no-final-newline': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env, b.env]\n',
    'a.env': 'A=1\nB=2\r',
    'b.env': 'C=3',
  },
  'envs-multiple-and-legacy': {
    'kustomization.yaml': `configMapGenerator:
- name: all
  env: legacy.env
  envs: [one.env, two.env]
  literals: [lit=1]
  files: [file.txt]
`,
    'legacy.env': 'LEGACY=yes\n',
    'one.env': 'ONE=1\n',
    'two.env': 'TWO=2\n',
    'file.txt': 'content\n',
  },
  'envs-long-lines': {
    'kustomization.yaml':
      'configMapGenerator:\n- name: e\n  envs: [fits.env, fits-crlf.env, too-long.env, too-long-last.env]\n',
    'fits.env': `A=1\nB=${'x'.repeat(65533)}\nC=3\n`,
    'fits-crlf.env': `D=1\r\nE=${'y'.repeat(65532)}\r\nF=3\r\n`,
    'too-long.env': `G=1\nH=${'z'.repeat(65534)}\nI=3\n`,
    'too-long-last.env': `J=1\nK=${'w'.repeat(65534)}`,
  },
  'envs-invalid-utf8-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env]\n',
    'a.env': bytes(Buffer.from('A=1\nB='), 0xff, 0xfe, 0x0a),
  },
  'envs-invalid-utf8-comment-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: e\n  envs: [a.env]\n',
    'a.env': bytes(Buffer.from('# caf'), 0xe9, 0x0a, Buffer.from('A=1\n')),
  },
  'envs-duplicate-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: x\n  env: a.env\n  envs: [b.env]\n',
    'a.env': 'A=1\n',
    'b.env': 'A=2\n',
  },
  'envs-missing-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: x\n  envs: [nope.env]\n',
  },
  'options-global-and-local': {
    'kustomization.yaml': `generatorOptions:
  labels: {g: global, both: global}
  annotations: {ga: global, both: global}
  disableNameSuffixHash: true
  immutable: true
configMapGenerator:
- name: c1
  literals: [a=1]
  options:
    labels: {l: local, both: local}
    annotations: {la: local, both: local}
    disableNameSuffixHash: false
    immutable: false
- name: c2
  literals: [a=1]
secretGenerator:
- name: s1
  literals: [a=1]
  options:
    labels: {l: local}
`,
  },
  'options-local-only': {
    'kustomization.yaml': `generatorOptions:
  labels: {}
configMapGenerator:
- name: hashed
  literals: [a=1]
  options:
    labels: {app: web, tier: "1"}
    annotations: {note: "yes", empty: ""}
- name: unhashed
  literals: [a=1]
  options:
    labels: {}
    annotations: {}
    disableNameSuffixHash: true
- name: frozen
  literals: [a=1]
  options:
    immutable: true
secretGenerator:
- name: frozen
  literals: [a=1]
  options:
    immutable: true
    disableNameSuffixHash: true
`,
  },
  namespaced: {
    'kustomization.yaml': `configMapGenerator:
- name: cm
  namespace: team-a
  literals: [a=1]
- name: cm
  namespace: team-b
  literals: [a=2]
secretGenerator:
- name: s
  namespace: team-a
  literals: [a=1]
`,
  },
  'behavior-merge': {
    'base/kustomization.yaml': `configMapGenerator:
- name: cm
  namespace: base-ns
  literals: [a=1, b=2]
  options:
    labels: {from: base, base: only}
    annotations: {from: base}
    immutable: true
- name: bin
  files: [x.bin]
  literals: [t=1]
secretGenerator:
- name: sec
  type: kubernetes.io/tls
  literals: [tls.crt=x]
  options:
    labels: {kept: "true"}
`,
    'base/x.bin': bytes(0xff, 0xfe),
    'overlay/kustomization.yaml': `resources: [../base]
configMapGenerator:
- name: cm
  namespace: base-ns
  behavior: merge
  literals: [b=3, c=4]
  options:
    labels: {from: overlay}
    annotations: {new: overlay}
- name: bin
  behavior: merge
  files: [y.bin]
  literals: [u=2]
secretGenerator:
- name: sec
  behavior: merge
  literals: [tls.key=y]
`,
    'overlay/y.bin': bytes(0xfe, 0xff),
  },
  'behavior-replace': {
    'base/kustomization.yaml': `configMapGenerator:
- name: rep
  literals: [a=1, b=2]
  options:
    labels: {from: base, base: only}
    annotations: {a: base}
- name: frozen
  literals: [a=1]
secretGenerator:
- name: sec
  type: example.com/x
  literals: [a=1]
`,
    'overlay/kustomization.yaml': `resources: [../base]
configMapGenerator:
- name: rep
  behavior: replace
  literals: [c=3]
  options:
    labels: {from: overlay}
- name: frozen
  behavior: replace
  literals: [a=1]
  options:
    immutable: true
secretGenerator:
- name: sec
  behavior: replace
  literals: [b=2]
`,
  },
  'behavior-hash-flags': {
    'base/kustomization.yaml': json({
      configMapGenerator: ['merge', 'replace'].flatMap((b) =>
        [true, false].flatMap((bd) =>
          [true, false].map((od) => ({
            name: `${b}-base${bd ? 'off' : 'on'}-overlay${od ? 'off' : 'on'}`,
            literals: ['a=1'],
            options: { disableNameSuffixHash: bd },
          })),
        ),
      ),
    }),
    'overlay/kustomization.yaml': json({
      resources: ['../base'],
      configMapGenerator: ['merge', 'replace'].flatMap((b) =>
        [true, false].flatMap((bd) =>
          [true, false].map((od) => ({
            name: `${b}-base${bd ? 'off' : 'on'}-overlay${od ? 'off' : 'on'}`,
            behavior: b,
            literals: ['b=1'],
            options: { disableNameSuffixHash: od },
          })),
        ),
      ),
    }),
  },
  'behavior-empty-maps': {
    'base/kustomization.yaml': `configMapGenerator:
- name: e1
- name: e2
  literals: [a=1]
- name: e3
  options: {annotations: {x: "1"}}
- name: e4
  literals: [a=1]
secretGenerator:
- name: s1
- name: s2
  literals: [a=1]
  type: foo
`,
    'overlay/kustomization.yaml': `resources: [../base]
configMapGenerator:
- name: e1
  behavior: merge
- name: e2
  behavior: replace
- name: e3
  behavior: replace
  options: {immutable: true}
- name: e4
  behavior: merge
  literals: [a=2]
  options: {annotations: {z: "1"}}
secretGenerator:
- name: s1
  behavior: merge
- name: s2
  behavior: replace
`,
  },
  'behavior-merge-envs-and-files': {
    'base/kustomization.yaml': 'configMapGenerator:\n- name: app\n  envs: [app.env]\n  files: [app.conf]\n',
    'base/app.env': 'LOG_LEVEL=info\nPORT=8080\n',
    'base/app.conf': 'server {\n  listen 80;\n}\n',
    'overlay/kustomization.yaml':
      'resources: [../base]\nconfigMapGenerator:\n- name: app\n  behavior: merge\n  envs: [prod.env]\n  files: [app.conf]\n',
    'overlay/prod.env': 'LOG_LEVEL=warn\nREPLICAS=3\n',
    'overlay/app.conf': 'server {\n  listen 443 ssl;\n}\n',
  },
  'literals-control-character-error': {
    'kustomization.yaml': json({ configMapGenerator: [{ name: 'c', literals: ['a=x\u007fy'] }] }),
  },
  'options-control-character-error': {
    'kustomization.yaml': json({
      secretGenerator: [{ name: 's', literals: ['a=1'], options: { labels: { app: 'x\u0080' } } }],
    }),
  },
  'files-control-character-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [f.txt]\n',
    'f.txt': 'x\u007fy\n',
  },
  'envs-control-character-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  envs: [a.env]\n',
    'a.env': 'A=x\uffffy\n',
  },
  'secret-control-character-file': {
    'kustomization.yaml': 'secretGenerator:\n- name: s\n  files: [f.txt]\n',
    'f.txt': 'x\u007fy\u0080\n',
  },
  'files-tab-first-line-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [Makefile]\n',
    Makefile: '\techo hi\nall:\n\techo all\n',
  },
  'files-tab-first-line-unhashed-error': {
    'kustomization.yaml':
      'configMapGenerator:\n- name: c\n  files: [Makefile]\n  options: {disableNameSuffixHash: true}\n',
    Makefile: '\techo hi\n',
  },
  'files-tabs-readable': {
    'kustomization.yaml': `configMapGenerator:
- name: tabs
  files: [one-line, second-line, leading-break, leading-space, space-before-break, crlf, astral, blank-tab, trailing-space]
`,
    'one-line': '\tx',
    'second-line': 'a\n\tb\n',
    'leading-break': '\n\tb\n',
    'leading-space': ' \tb\n',
    'space-before-break': '\tx \n',
    crlf: '\tx\r\n',
    astral: '\t😀\n',
    'blank-tab': '\t \n',
    'trailing-space': '\tx\ny ',
  },
  'literals-tab-key-error': {
    'kustomization.yaml': json({ configMapGenerator: [{ name: 'c', literals: ['\tx\ny=1'] }] }),
  },
  'literals-multiline-key': {
    'kustomization.yaml': json({
      configMapGenerator: [{ name: 'c', literals: ['a\nb=1', `${'k'.repeat(130)}=long key`] }],
    }),
  },
  'literals-numeric-key-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals: ["1=one", "a=b"]\n',
  },
  'secret-boolean-key-error': {
    'kustomization.yaml': 'secretGenerator:\n- name: s\n  literals: ["true=yes"]\n',
  },
  'files-numeric-binary-key-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: ["0x1F"]\n',
    '0x1F': bytes(0xff),
  },
  'options-numeric-label-key-error': {
    'kustomization.yaml':
      'configMapGenerator:\n- name: c\n  literals: [a=b]\n  options:\n    labels: {"1": x}\n',
  },
  'literals-merge-key-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals: ["<<=x"]\n',
  },
  'literals-timestamp-key-error': {
    'kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals: ["2024-01-01=new year"]\n',
  },
  'literals-string-like-keys': {
    'kustomization.yaml': json({
      configMapGenerator: [
        {
          name: 'c',
          literals: [
            'yes=1',
            'on=2',
            'y=3',
            'tRue=4',
            'nUll=5',
            '12:30=6',
            '1e=7',
            '_1=9',
            '1e400=10',
            '2024-2-30=11',
            '2024-1-2T3:4:5=12',
            '- =13',
          ],
        },
      ],
    }),
  },
};

/** kubectl's klog line `... "command failed" err="<message>"`, unquoted; `\xNN` stays as text. */
function errorMessage(stderr, caseDir) {
  const match = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (match === null) throw new Error(`unexpected kubectl error output: ${stderr}`);
  const text = match[1].replace(/\\(["\\nt])/g, (_, c) => ({ '"': '"', '\\': '\\', n: '\n', t: '\t' })[c]);
  return text.replaceAll(`${caseDir}/`, '').replaceAll(caseDir, '');
}

rmSync(OUT, { recursive: true, force: true });
for (const [name, files] of Object.entries(CASES)) {
  const caseDir = join(OUT, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(caseDir, path)), { recursive: true });
    writeFileSync(join(caseDir, path), content);
  }
  const target = 'overlay/kustomization.yaml' in files ? join(caseDir, 'overlay') : caseDir;
  try {
    const out = execFileSync('kubectl', ['kustomize', target], { encoding: 'utf8', stdio: 'pipe' });
    writeFileSync(join(caseDir, 'expected.yaml'), out);
  } catch (error) {
    writeFileSync(join(caseDir, 'expected-error.txt'), `${errorMessage(String(error.stderr), caseDir)}\n`);
  }
}

// Which generated keys go-yaml v3 reads back as non-strings (kustomize then fails), one build each.
const KEYS = [
  '1',
  '-1',
  '+1',
  '0x1F',
  '0X1f',
  '0o17',
  '017',
  '09',
  '0',
  '00',
  '1_000',
  '1.5',
  '.5',
  '1e3',
  '1E3',
  '1e',
  '.inf',
  '.Inf',
  '.nan',
  '-.inf',
  '+.inf',
  '.infinity',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'yes',
  'y',
  'on',
  'Y',
  'off',
  'no',
  'null',
  '~',
  'Null',
  'NULL',
  'nUll',
  '2024-01-01',
  '2024-1-2',
  '2024-01-01T10:00:00Z',
  '2024-01-02t03:04:05.5+01:00',
  '2024-01-02 03:04:05',
  '2024-01-02 03:04:05Z',
  '2024-02-29',
  '2023-02-29',
  '2024-13-01',
  '2024-01-02T25:00:00Z',
  '2024-01-02T03:04:05',
  '2024-01-02T03:04:05,5Z',
  '12:30',
  '190:20:30',
  '99999999999999999999',
  '18446744073709551615',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '1e400',
  '-1e400',
  '0b101',
  '-0b101',
  '0B11',
  '0x',
  '0b',
  '0o',
  '-0o7',
  '1_',
  '_1',
  '1__0',
  '0_x1',
  '.5_0',
  '._5',
  '.5e1_0',
  '.5_e1',
  '+.5',
  '1.',
  '1.e5',
  '1 ',
  '0.1.2',
  '-',
  '+',
  '.',
  '..',
  '0x1p-2',
  '1_000.5',
  'Infinity',
  'NaN',
  '0xG',
  '08',
  '0o8',
  '1e+5',
  '-.5e-3',
  '+0',
  '-0',
];
const keyDir = join(OUT, '.keys');
const keys = [];
for (const key of KEYS) {
  rmSync(keyDir, { recursive: true, force: true });
  mkdirSync(keyDir, { recursive: true });
  const config = {
    configMapGenerator: [{ name: 'c', literals: [`${key}=v`], options: { disableNameSuffixHash: true } }],
  };
  writeFileSync(join(keyDir, 'kustomization.yaml'), json(config));
  let string = true;
  try {
    execFileSync('kubectl', ['kustomize', keyDir], { stdio: 'pipe' });
  } catch (error) {
    if (!/unsupported type|map merge/.test(String(error.stderr))) throw new Error(`${key}: ${error.stderr}`);
    string = false;
  }
  keys.push({ key, string });
}
rmSync(keyDir, { recursive: true, force: true });
writeFileSync(join(OUT, 'key-resolution.json'), `${JSON.stringify(keys, null, 1)}\n`);
console.log(`wrote ${Object.keys(CASES).length} cases and ${keys.length} keys to ${OUT}`);

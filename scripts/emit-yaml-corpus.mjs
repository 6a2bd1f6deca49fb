// Regenerates test/fixtures/emit-yaml/corpus: random ConfigMaps written as JSON (so reading them is
// unambiguous) and what `kubectl kustomize` (kustomize v5.5.0) prints for them. Needs kubectl.
// Usage: node scripts/emit-yaml-corpus.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let seed = 20261123;
function random() {
  // mulberry32: a fixed seed gives the same corpus every time.
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

const atoms = [
  'a',
  'b',
  'Z',
  'x9',
  '0',
  '1',
  '07',
  '1.5',
  '-',
  '_',
  '.',
  ' ',
  '  ',
  ':',
  ': ',
  '#',
  ' #',
  '?',
  '!',
  '&',
  '*',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ',',
  '[',
  ']',
  '{',
  '}',
  '\n',
  '\n\n',
  '\t',
  '\\',
  'é',
  '✓',
  '😀',
  '\u00a0',
  '\u0007',
  'yes',
  'no',
  'on',
  'off',
  'true',
  'null',
  '~',
  '0x1F',
  '1e3',
  '.inf',
  '2024-01-01',
  '12:30',
  '190:20:30',
  '1_000',
  'word',
  'lorem ipsum dolor sit amet',
  'http://example.com:8080/a?b=c',
  '---',
  '...',
  '- ',
];

function randomString(maxAtoms) {
  let out = '';
  const n = Math.floor(random() * maxAtoms);
  for (let i = 0; i < n; i++) out += pick(atoms);
  return out;
}

const maps = [];
for (let m = 0; m < 12; m++) {
  const data = {};
  for (let k = 0; k < 60; k++) {
    const long = random() < 0.15;
    let key = randomString(4).replace(/[^A-Za-z0-9._-]/g, '') || `k${k}`;
    if (random() < 0.3) key = `${key}${Math.floor(random() * 200)}`;
    // Digit runs with a leading zero make go-yaml v2's key comparison non-transitive, and then
    // kustomize's own key order depends on Go's random map order: such keys have no one answer.
    if (/(^|[^0-9])0[0-9A-Za-z_]/.test(key)) key = `k${k}`;
    data[key] = long ? Array.from({ length: 30 }, () => randomString(3)).join(' ') : randomString(8);
  }
  maps.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `corpus-${String(m).padStart(2, '0')}` },
    data,
  });
}

// Other value types, in the structures that resources use.
maps.push({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'types', labels: { 'app.kubernetes.io/name': 'x', a10: 'x', a9: 'y', a09: 'z' } },
  spec: {
    containers: [
      {
        name: 'c',
        image: 'nginx:1.27',
        args: ['a', 'b c', '--x=1', '', 'yes'],
        ports: [{ containerPort: 80 }],
        env: [],
        resources: {},
      },
      {
        name: 'd',
        command: [['nested']],
        securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false },
      },
    ],
    nodeSelector: null,
    priority: 0.5,
    activeDeadlineSeconds: 123456789012,
    tolerations: [{}, { key: 'k', effect: 'NoSchedule', tolerationSeconds: 1.5e-7 }],
    overhead: { cpu: 1.25e21 },
  },
});

const dir = mkdtempSync(join(tmpdir(), 'emit-yaml-'));
try {
  const names = [];
  for (const [i, resource] of maps.entries()) {
    // Escape everything outside ASCII: YAML readers take U+0085 and U+2028 for line breaks.
    const json = [...JSON.stringify(resource)]
      .map((c) => {
        const cp = c.codePointAt(0);
        if (cp < 0x7f) return c;
        return cp > 0xffff
          ? `\\U${cp.toString(16).padStart(8, '0')}`
          : `\\u${cp.toString(16).padStart(4, '0')}`;
      })
      .join('');
    writeFileSync(join(dir, `r${i}.json`), json);
    names.push(`r${i}.json`);
  }
  writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${names.map((n) => `- ${n}`).join('\n')}\n`);
  const build = () => execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const expected = build();
  // kustomize must agree with itself before it can be the reference.
  for (let run = 0; run < 4; run++)
    if (build() !== expected) throw new Error('kustomize output differs between runs');
  const out = 'test/fixtures/emit-yaml/corpus';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'input.json'), `${JSON.stringify(maps, null, 1)}\n`);
  writeFileSync(join(out, 'expected.yaml'), expected);
  console.log(`wrote ${maps.length} resources to ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

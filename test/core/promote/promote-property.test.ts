/**
 * Property: a bump changes the bytes of the tag it targets and nothing else, in kustomizations
 * written every which way (quote styles, comments on the line, blank lines, CRLF, sequence
 * indentation, a final newline or not, `%YAML` and `---`), and bumping back restores the file
 * byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { isPlainSafe } from '../../../core/manifests/scalar-edit.ts';
import { planPromotion } from '../../../core/promote/plan-promotion.ts';
import type { Environment } from '../../../core/render/environments/types.ts';

const PATH = 'envs/prod/kustomization.yaml';
const ENVIRONMENTS: Environment[] = [
  { name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' },
];
// Tags that YAML reads as something else when written plain, and ordinary ones.
const TAGS = [
  '1.10',
  'on',
  '1e3',
  '010',
  'yes',
  'null',
  'true',
  '2024-01-01',
  '0x1F',
  'v1.2.3',
  '1.2.3',
  'latest-rc_1',
  '7',
];

const entry = fc.record({
  name: fc.constantFrom('ghcr.io/acme/web', 'nginx', 'registry:5000/team/api', 'busybox'),
  tag: fc.constantFrom(...TAGS),
  style: fc.constantFrom('plain', 'single', 'double'),
  comment: fc.constantFrom('', ' # tag', '   # {"note": 1}'),
  blankAfter: fc.boolean(),
});

const file = fc.record({
  entries: fc.uniqueArray(entry, { minLength: 1, maxLength: 4, selector: (e) => e.name }),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  indent: fc.constantFrom('', '  '),
  header: fc.constantFrom('', '---\n', '%YAML 1.1\n---\n', '# environment prod\n\n'),
});

function written(tag: string, style: string): string {
  if (style === 'single') return `'${tag}'`;
  if (style === 'double' || !isPlainSafe(tag, false)) return `"${tag}"`;
  return tag;
}

type FileSpec = typeof file extends fc.Arbitrary<infer T> ? T : never;

function render(spec: FileSpec): string {
  let text = `${spec.header}resources:\n${spec.indent}- ../../base\nimages:\n`;
  for (const e of spec.entries) {
    text += `${spec.indent}- name: ${e.name}\n${spec.indent}  newTag: ${written(e.tag, e.style)}${e.comment}\n`;
    if (e.blankAfter) text += '\n';
  }
  if (!spec.finalNewline) text = text.replace(/\n+$/, '');
  return spec.crlf ? text.replaceAll('\n', '\r\n') : text;
}

async function bump(text: string, image: string, tag: string): Promise<{ text: string; refused: boolean }> {
  const files = memoryFileSource({ [PATH]: text, 'envs/base/kustomization.yaml': 'resources: []\n' });
  const plan = await planPromotion(ENVIRONMENTS, files, [PATH], {
    pairs: [{ target: 'prod' }],
    images: [image],
    version: { tag, digest: '' },
    settings: {},
  });
  const update = plan.files.find((f) => f.path === PATH);
  return { text: update ? update.text : text, refused: plan.refused };
}

describe('bump edits the tag bytes only', () => {
  it('changes one line, only within the tag, and bumping back restores every byte', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.nat(), fc.constantFrom(...TAGS), async (spec, pick, next) => {
        const original = render(spec);
        const target = spec.entries[pick % spec.entries.length] as (typeof spec.entries)[number];
        const bumped = await bump(original, target.name, next);
        expect(bumped.refused).toBe(false);
        const before = original.split('\n');
        const after = bumped.text.split('\n');
        expect(after.length).toBe(before.length);
        const changed = before.flatMap((line, i) => (line === after[i] ? [] : [i]));
        expect(changed.length).toBe(next === target.tag ? 0 : 1);
        for (const i of changed) {
          // The line keeps everything around the value: the key, the comment, the CR.
          const [, head = '', , tail = ''] = /^(.*newTag: )(\S+)(.*)$/s.exec(before[i] as string) ?? [];
          expect(after[i]?.startsWith(head)).toBe(true);
          expect(after[i]?.endsWith(tail)).toBe(true);
          expect(after[i]).toContain(next);
        }
        const back = await bump(bumped.text, target.name, target.tag);
        expect(back.refused).toBe(false);
        // A plain tag that had to gain quotes keeps them on the way back (kubeproof cannot tell
        // quotes it added from quotes a person wrote); every other byte is the original's.
        const gainedQuotes = written(target.tag, target.style) === target.tag && !isPlainSafe(next, false);
        const restored = gainedQuotes
          ? render({
              ...spec,
              entries: spec.entries.map((e) => (e === target ? { ...e, style: 'double' } : e)),
            })
          : original;
        expect(back.text).toBe(restored);
      }),
      { numRuns: 150 },
    );
  });
});

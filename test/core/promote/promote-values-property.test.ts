/**
 * Property: in Helm values written inline (a Flux HelmRelease's `spec.values`, an Argo CD
 * Application's `helm.valuesObject` or `helm.values: |` block), written every which way (quote
 * styles, comments on the line, flow maps, blank lines, CRLF, a final newline or not), a bump
 * changes the bytes of the tag it targets and nothing else, and bumping back restores the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { isPlainSafe } from '../../../core/manifests/scalar-edit.ts';
import { planPromotion } from '../../../core/promote/plan-promotion.ts';
import type { Environment } from '../../../core/render/environments/types.ts';

const PATH = 'envs/prod/app.yaml';
const KUSTOMIZATION = 'envs/prod/kustomization.yaml';
const ENVIRONMENTS: Environment[] = [
  { name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' },
];
const TAGS = ['1.10', 'on', '010', 'null', '2024-01-01', 'v1.2.3', '1.2.3', 'latest-rc_1', '7'];

const HEADS = {
  'helm-release':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  values:\n',
  'values-object':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web\n    helm:\n      valuesObject:\n',
  'values-block':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web\n    helm:\n      values: |\n',
} as const;
const INDENT = { 'helm-release': '    ', 'values-object': '        ', 'values-block': '        ' } as const;

const entry = fc.record({
  key: fc.constantFrom('image', 'sidecar', 'metricsExporter', 'init'),
  repository: fc.constantFrom('ghcr.io/acme/web', 'nginx', 'team/api', 'busybox'),
  tag: fc.constantFrom(...TAGS),
  style: fc.constantFrom('plain', 'single', 'double'),
  comment: fc.constantFrom('', ' # tag', '   # {"note": 1}'),
  flow: fc.boolean(),
  blankAfter: fc.boolean(),
});

const file = fc.record({
  kind: fc.constantFrom(...(Object.keys(HEADS) as (keyof typeof HEADS)[])),
  entries: fc.uniqueArray(entry, {
    minLength: 1,
    maxLength: 4,
    selector: (e) => e.repository,
  }),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
});

type FileSpec = typeof file extends fc.Arbitrary<infer T> ? T : never;
type Entry = FileSpec['entries'][number];

function written(tag: string, style: string, flow: boolean): string {
  if (style === 'single') return `'${tag}'`;
  if (style === 'double' || !isPlainSafe(tag, flow)) return `"${tag}"`;
  return tag;
}

function render(spec: FileSpec): string {
  const indent = INDENT[spec.kind];
  let text: string = HEADS[spec.kind];
  for (const [i, e] of spec.entries.entries()) {
    const tag = written(e.tag, e.style, e.flow);
    const key = `${e.key}${i}`;
    // A comment after a flow map closes the line, so it goes after the `}`.
    text += e.flow
      ? `${indent}${key}: {repository: ${e.repository}, tag: ${tag}}${e.comment}\n`
      : `${indent}${key}:\n${indent}  repository: ${e.repository}\n${indent}  tag: ${tag}${e.comment}\n`;
    if (e.blankAfter) text += '\n';
  }
  if (!spec.finalNewline) text = text.replace(/\n+$/, '');
  return spec.crlf ? text.replaceAll('\n', '\r\n') : text;
}

async function bump(text: string, image: string, tag: string): Promise<{ text: string; refused: boolean }> {
  const files = { [PATH]: text, [KUSTOMIZATION]: 'resources:\n  - app.yaml\n' };
  const plan = await planPromotion(ENVIRONMENTS, memoryFileSource(files), Object.keys(files), {
    pairs: [{ target: 'prod' }],
    images: [image],
    version: { tag, digest: '' },
    settings: {},
  });
  const update = plan.files.find((f) => f.path === PATH);
  return { text: update ? update.text : text, refused: plan.refused };
}

describe('bump edits the tag bytes only, in inline Helm values', () => {
  it('changes one line, only within the tag, and bumping back restores every byte', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.nat(), fc.constantFrom(...TAGS), async (spec, pick, next) => {
        const original = render(spec);
        const target = spec.entries[pick % spec.entries.length] as Entry;
        const bumped = await bump(original, target.repository, next);
        expect(bumped.refused).toBe(false);
        const before = original.split('\n');
        const after = bumped.text.split('\n');
        expect(after.length).toBe(before.length);
        const changed = before.flatMap((line, i) => (line === after[i] ? [] : [i]));
        expect(changed.length).toBe(next === target.tag ? 0 : 1);
        for (const i of changed) {
          const [, head = '', , tail = ''] =
            /^(.*tag: )("[^"]*"|'[^']*'|[^\s,}]+)(.*)$/s.exec(before[i] as string) ?? [];
          expect(after[i]?.startsWith(head)).toBe(true);
          expect(after[i]?.endsWith(tail)).toBe(true);
          expect(after[i]).toContain(next);
        }
        const back = await bump(bumped.text, target.repository, target.tag);
        expect(back.refused).toBe(false);
        // A plain tag that had to gain quotes keeps them on the way back.
        const gainedQuotes =
          written(target.tag, target.style, target.flow) === target.tag && !isPlainSafe(next, target.flow);
        const restored = gainedQuotes
          ? render({
              ...spec,
              entries: spec.entries.map((e) => (e === target ? { ...e, style: 'double' } : e)),
            })
          : original;
        expect(back.text).toBe(restored);
      }),
      { numRuns: 120 },
    );
  });
});

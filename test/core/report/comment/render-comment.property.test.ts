import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeNote, EnvironmentDiff, ResourceDiff } from '../../../../core/diff/types.ts';
import type { Finding } from '../../../../core/findings.ts';
import { escapeMarkdown } from '../../../../core/report/comment/escape-markdown.ts';
import { GITHUB_COMMENT_LIMIT, renderComment } from '../../../../core/report/comment/render-comment.ts';
import type { CheckReport, EnvironmentCheck } from '../../../../core/report/check-report.ts';
import { META } from './fixtures.ts';
import { detailsBalanced, fencesBalanced, foreignHtml } from './markdown-checks.ts';

/** Pieces that tend to break markdown: fences, tags, pipes, escapes, emoji, line breaks. */
const PIECES = [
  'a',
  'b',
  'web',
  '-',
  ' ',
  '`',
  '```',
  '|',
  '<',
  '>',
  '&',
  '</details>',
  '<details>',
  '<b>',
  '\\',
  '*',
  '_',
  '[',
  ']',
  '$',
  '#',
  '\n',
  '\r',
  '\u2028',
  'é',
  '😀',
  '-->',
];

function text(maxPieces: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** Sometimes short, sometimes huge: a piece of text repeated many times. */
const hugeText = fc.oneof(
  { weight: 4, arbitrary: text(30) },
  {
    weight: 1,
    arbitrary: fc.tuple(text(10), fc.integer({ min: 1, max: 4_000 })).map(([t, n]) => t.repeat(n)),
  },
);

const note: fc.Arbitrary<ChangeNote> = fc.record({
  kind: fc.constantFrom('image', 'field', 'generated-name'),
  text: text(20),
});

const resourceDiff: fc.Arbitrary<ResourceDiff> = fc
  .record({
    kind: fc.constantFrom('Deployment', 'ConfigMap', 'Secret', 'Weird`Kind<x>'),
    namespace: fc.option(text(8), { nil: undefined }),
    name: text(12),
    change: fc.constantFrom('added', 'removed', 'changed' as const),
    notes: fc.array(note, { maxLength: 4 }),
    unifiedDiff: hugeText,
    renamed: fc.option(fc.record({ from: text(6), to: text(6) }), { nil: undefined }),
  })
  .map(({ kind, namespace, name, change, notes, unifiedDiff, renamed }) => {
    const resource =
      namespace === undefined
        ? { apiVersion: 'v1', kind, name }
        : { apiVersion: 'v1', kind, name, namespace };
    const diff: ResourceDiff = { resource, change, notes, unifiedDiff };
    if (renamed !== undefined) diff.renamed = renamed;
    return diff;
  });

const finding: fc.Arbitrary<Finding> = fc
  .record({
    ruleId: fc.constantFrom('schema', 'kustomize-build', 'diff-environment-added'),
    severity: fc.constantFrom('error', 'warning', 'notice' as const),
    message: hugeText,
    path: text(10),
    line: fc.option(fc.integer({ min: 1, max: 9_999 }), { nil: undefined }),
  })
  .map(({ line, ...rest }) => (line === undefined ? rest : { ...rest, line }));

const environmentBody = fc.record({
  status: fc.constantFrom('changed', 'unchanged', 'error' as const),
  resources: fc.array(resourceDiff, { maxLength: 12 }),
  findings: fc.array(finding, { maxLength: 3 }),
  validation: fc.option(fc.array(finding, { maxLength: 4 }), { nil: undefined }),
});

/** Environment names: distinct, non-empty after escaping, up to 40 characters. */
const names = fc.uniqueArray(
  text(8).map((name) => `e${name}`.slice(0, 40)),
  { minLength: 1, maxLength: 80 },
);

const report: fc.Arbitrary<CheckReport> = fc
  .tuple(names, fc.array(environmentBody, { minLength: 14, maxLength: 14 }), fc.boolean())
  .map(([envNames, bodies, withPolicy]) => {
    const environments: EnvironmentDiff[] = [];
    const validation: EnvironmentCheck[] = [];
    envNames.forEach((environment, index) => {
      const body = bodies[index % bodies.length];
      if (body === undefined) return;
      const resources = body.status === 'changed' ? body.resources : [];
      const count = (change: string): number => resources.filter((r) => r.change === change).length;
      environments.push({
        environment,
        path: `envs/${environment}`,
        status: body.status,
        resources,
        counts: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: 1 },
        findings: body.findings,
      });
      if (body.validation !== undefined) {
        const errors = body.validation.filter((f) => f.severity === 'error').length;
        validation.push({ environment, resources: 3, errors, warnings: 0, findings: body.validation });
      }
    });
    const checked: CheckReport = { environments, validation, meta: META };
    return withPolicy ? { ...checked, policy: validation.slice(0, 1) } : checked;
  });

function expectValidBodies(input: CheckReport, bodies: string[], maxLength: number): void {
  expect(bodies.length).toBeGreaterThanOrEqual(1);
  bodies.forEach((body, index) => {
    expect(body.length).toBeLessThanOrEqual(maxLength);
    expect(fencesBalanced(body)).toBe(true);
    expect(detailsBalanced(body)).toBe(true);
    expect(foreignHtml(body)).toEqual([]);
    const marker =
      index === 0 ? '<!-- kubeproof:report -->\n### kubeproof: ' : `<!-- kubeproof:report:${index + 1} -->\n`;
    expect(body.startsWith(marker)).toBe(true);
  });
  const all = bodies.join('\n');
  for (const env of input.environments) expect(all).toContain(escapeMarkdown(env.environment));
}

describe('renderComment properties', () => {
  it('any report renders within the limit with balanced fences and details, marker and status line first, every environment named', () => {
    fc.assert(
      fc.property(report, fc.integer({ min: 2_000, max: GITHUB_COMMENT_LIMIT }), (input, maxLength) => {
        expectValidBodies(input, renderComment(input, { maxLength }), maxLength);
      }),
      { numRuns: 150 },
    );
  });

  it('holds at the smallest limit, where every degrade step and the split are exercised', () => {
    fc.assert(
      fc.property(report, (input) => {
        expectValidBodies(input, renderComment(input, { maxLength: 2_000 }), 2_000);
      }),
      { numRuns: 100 },
    );
  });

  it('holds at the default limit', () => {
    fc.assert(
      fc.property(report, (input) => {
        expectValidBodies(input, renderComment(input), GITHUB_COMMENT_LIMIT);
      }),
      { numRuns: 50 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../core/report/check-report.ts';
import { SUMMARY_LIMIT, summaryMarkdown } from '../../platform/actions/summary-markdown.ts';

/** A report with `count` environments that each add one ConfigMap with a long note. */
function report(count: number, noteLength: number): CheckReport {
  const environments = Array.from({ length: count }, (_, i) => ({
    environment: `env-${String(i).padStart(4, '0')}`,
    path: `envs/env-${i}`,
    status: 'changed' as const,
    counts: { added: 1, changed: 0, removed: 0, unchanged: 0 },
    resources: [
      {
        resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: `config-${i}` },
        change: 'added' as const,
        notes: [{ kind: 'keys' as const, text: 'x'.repeat(noteLength) }],
        unifiedDiff: '',
      },
    ],
    findings: [],
  }));
  return {
    environments,
    validation: [],
    meta: {
      renderer: 'the built-in Kustomize engine',
      durationMs: 0,
      kubernetesVersion: '1.31.0',
      strict: true,
      crdsFromRepo: true,
    },
  } as unknown as CheckReport;
}

describe('summaryMarkdown', () => {
  it('is the whole comment, every body, when it fits', () => {
    const { comment, summary } = summaryMarkdown(report(2, 20), 'report');
    expect(comment.startsWith('<!-- kubeproof:report -->\n')).toBe(true);
    expect(summary).toBe(`${comment}\n`);
  });

  it('keeps every body up to the limit (GitHub 1 MB) and counts the bodies it left out', () => {
    const big = report(3000, 10);
    expect(summaryMarkdown(big, 'report').comment.split('<!-- kubeproof:report').length - 1).toBeGreaterThan(
      2,
    );
    expect(SUMMARY_LIMIT).toBeLessThan(1024 * 1024);

    const { comment } = summaryMarkdown(big, 'report', 100_000);

    expect(comment.length).toBeLessThanOrEqual(100_000 + 200);
    expect(comment).toMatch(/> \d+ more parts? of the report did not fit GitHub's 1 MB for a job summary/);
  });
});

describe('summaryMarkdown when the comment had to be shortened', () => {
  /** One environment of `count` changed Deployments, each with a diff of `lines` lines. */
  function withDiffs(count: number, lines: number): CheckReport {
    const resources = Array.from({ length: count }, (_, r) => ({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: `app-${r}` },
      change: 'changed' as const,
      notes: [{ kind: 'field', text: `replicas ${r} -> ${r + 1}` }],
      unifiedDiff: [
        `# Deployment prod/app-${r}`,
        ...Array.from({ length: lines }, (_, i) => `+  key${i}: ${'v'.repeat(40)}`),
      ].join('\n'),
    }));
    return {
      environments: [
        {
          environment: 'prod',
          path: 'envs/prod',
          status: 'changed',
          counts: { added: 0, changed: count, removed: 0, unchanged: 0 },
          resources,
          findings: [],
        },
      ],
      validation: [],
      meta: {
        renderer: 'the built-in Kustomize engine',
        durationMs: 0,
        kubernetesVersion: '1.31.0',
        strict: true,
        crdsFromRepo: false,
      },
    };
  }

  it('carries the full report, every diff, instead of repeating the shortened comment', () => {
    // Arrange: diffs of about 200,000 characters, more than a comment holds.
    const report = withDiffs(100, 45);

    // Act
    const { comment, summary } = summaryMarkdown(report, 'report');

    // Assert
    expect(comment).toContain('[!NOTE]');
    expect(comment).not.toContain('+  key44:');
    expect(summary).not.toContain('[!NOTE]');
    expect(summary.match(/^\+ {2}key44:/gm)).toHaveLength(100);
    expect(summary.startsWith('<!-- kubeproof:report -->\n### kubeproof: 1 environment changes')).toBe(true);
  });
});

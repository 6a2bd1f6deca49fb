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

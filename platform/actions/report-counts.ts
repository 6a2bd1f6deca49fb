import type { Finding } from '../../core/findings.ts';
import { summarizeReport } from '../../core/report/comment/summarize-report.ts';
import type { CheckReport } from '../../core/report/check-report.ts';
import type { FailOn } from './action-inputs.ts';

/** The numbers the step outputs and the fail-on verdict use; counted as the check run's conclusion counts them. */
export interface ReportCounts {
  /** Environments that did not render (once each), validation and policy errors, repository errors. */
  errors: number;
  warnings: number;
  /** Environments whose rendered output changes. */
  changed: number;
  notRendered: number;
}

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

export function reportCounts(report: CheckReport, extra: readonly Finding[]): ReportCounts {
  const summary = summarizeReport(report);
  const diffFindings = report.environments.flatMap((diff) => diff.findings);
  // An environment that did not render says why in an error finding of its diff: counted once.
  const unexplained = report.environments.filter(
    (diff) => diff.status === 'error' && !diff.findings.some((finding) => finding.severity === 'error'),
  ).length;
  return {
    errors:
      unexplained +
      summary.validationErrors +
      summary.notValidatedErrors +
      summary.policyErrors +
      count(diffFindings, 'error') +
      count(extra, 'error'),
    warnings:
      summary.validationWarnings +
      // Resources of a kind without a schema: a warning each, though said once per kind.
      (summary.notValidated - summary.notValidatedErrors) +
      summary.policyWarnings +
      count(diffFindings, 'warning') +
      count(extra, 'warning'),
    changed: summary.changed,
    notRendered: summary.notRendered,
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why the step fails under `fail-on`, with the counts ("kubeproof found 2 errors and 1 warning
 * (fail-on: error)"), or undefined when it passes.
 */
export function failureMessage(
  counts: { errors: number; warnings: number },
  failOn: FailOn,
): string | undefined {
  const failing =
    failOn === 'error'
      ? counts.errors > 0
      : failOn === 'warning'
        ? counts.errors + counts.warnings > 0
        : false;
  if (!failing) return undefined;
  return (
    `kubeproof found ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} ` +
    `(fail-on: ${failOn}); they are annotated on the files and listed in the job summary`
  );
}

import type { Finding } from '../findings.ts';
import type { Severity } from '../rules/rule-entry.ts';
import { ruleEntry } from '../rules/rule-catalog.ts';
import type { CheckAnnotation, CheckConclusion, CheckRunOutput } from './check-run-output.ts';
import { checkRunText } from './check-run-text.ts';
import { verdict } from './comment/status-line.ts';
import { plural, resourceLabel, summarizeReport } from './comment/summarize-report.ts';
import type { CheckReport } from './check-report.ts';
import {
  isRepositoryFile,
  reportFindings,
  type ReportedFinding,
  type ReportFindingsOptions,
} from './report-findings.ts';

/** The lowest severity that fails the check; `never` reports without failing. */
export type FailOn = 'error' | 'warning' | 'never';

export interface CheckRunOptions extends ReportFindingsOptions {
  /** The check run's name, as it shows in the pull request's checks. */
  name: string;
  failOn: FailOn;
  detailsUrl?: string;
}

const LEVEL: Record<Severity, CheckAnnotation['level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

/**
 * The verdict: `failure` when the folder holds no environment, an environment did not render or a
 * finding is at or above `failOn`;
 * with `failOn: 'never'`, `neutral` where it would have failed at `error` (visible, never
 * blocking: GitHub counts `neutral` as passing for required checks,
 * https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks);
 * otherwise `success`. Warnings below `failOn` leave it `success`: their annotations say them.
 */
export function checkConclusion(
  report: CheckReport,
  failOn: FailOn,
  extra: readonly Finding[] = [],
): CheckConclusion {
  const summary = summarizeReport(report);
  const diffFindings = report.environments.flatMap((diff) => diff.findings);
  const errors =
    (summary.noEnvironment === undefined ? 0 : 1) +
    summary.notRendered +
    summary.validationErrors +
    summary.notValidatedErrors +
    summary.policyErrors +
    count(diffFindings, 'error') +
    count(extra, 'error');
  const warnings =
    summary.validationWarnings +
    summary.policyWarnings +
    count(diffFindings, 'warning') +
    count(extra, 'warning');
  if (failOn === 'never') return errors > 0 || summary.notValidated > 0 ? 'neutral' : 'success';
  if (errors > 0) return 'failure';
  if (failOn === 'warning' && warnings > 0) return 'failure';
  // A resource nobody validated (a kind without a schema) is not a pass: visible, not blocking.
  return summary.notValidated > 0 ? 'neutral' : 'success';
}

function annotation({ finding, environments, resources }: ReportedFinding): CheckAnnotation {
  const line = finding.line ?? 1;
  const result: CheckAnnotation = {
    path: finding.path,
    startLine: line,
    endLine: line,
    level: LEVEL[finding.severity],
    message: finding.message,
    title: `${finding.ruleId}: ${ruleEntry(finding.ruleId).description}`,
  };
  if (finding.column !== undefined && finding.column >= 1) {
    result.startColumn = finding.column;
    result.endColumn = finding.column;
  }
  const details: string[] = [];
  if (environments.length > 0) details.push(`Environments: ${environments.join(', ')}`);
  if (resources.length > 0) details.push(`Resources: ${resources.map(resourceLabel).join(', ')}`);
  if (details.length > 0) result.rawDetails = details.join('\n');
  return result;
}

/**
 * One annotation per finding that has a file in the repository and a line (the others are in the
 * summary): level from severity, title the rule id and its description from the rule catalog,
 * the environments and resources in the raw details. Identical findings from several environments
 * become one annotation.
 */
export function checkAnnotations(
  report: CheckReport,
  options: ReportFindingsOptions = {},
): CheckAnnotation[] {
  return reportFindings(report, options)
    .filter(
      ({ finding }) => isRepositoryFile(finding.path) && finding.line !== undefined && finding.line >= 1,
    )
    .map(annotation);
}

/** `2 environments change · 3 validation errors`: the verdict without the tool's name or icons. */
export function checkTitle(report: CheckReport, extra: readonly Finding[] = []): string {
  const parts = [verdict(summarizeReport(report), false).replace(/^kubeproof: /, '')];
  const errors = count(extra, 'error');
  const warnings = count(extra, 'warning');
  if (errors > 0) parts.push(plural(errors, 'repository error'));
  if (warnings > 0) parts.push(plural(warnings, 'repository warning'));
  return parts.join(' · ');
}

/**
 * The check run of a report, ready for `GitHubPort.publishCheckRun`: conclusion per `failOn`, a
 * title with the numbers, the review comment as markdown summary (within GitHub's 65,535
 * characters; continuation parts in `text`), and annotations on file and line. Batching the
 * annotations 50 per request is the port's job.
 */
export function buildCheckRun(report: CheckReport, options: CheckRunOptions): CheckRunOutput {
  const extra = options.findings ?? [];
  const output: CheckRunOutput = {
    name: options.name,
    conclusion: checkConclusion(report, options.failOn, extra),
    title: checkTitle(report, extra),
    ...checkRunText(report, extra),
    annotations: checkAnnotations(report, options),
  };
  if (options.detailsUrl !== undefined) output.detailsUrl = options.detailsUrl;
  return output;
}

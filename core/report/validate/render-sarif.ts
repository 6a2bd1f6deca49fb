import { sarifLog, type SarifFinding } from '../sarif-log.ts';
import type { ValidateReportInput } from './report-input.ts';
import { reportedFindings, resultResource } from './reported-findings.ts';

function* findings(input: ValidateReportInput): Generator<SarifFinding> {
  for (const result of input.results) {
    for (const finding of reportedFindings(result)) {
      yield { finding, resource: finding.resource ?? resultResource(result) };
    }
  }
}

/**
 * kubeproof's `sarif` output: SARIF 2.1.0 with one run, one rule per ruleId used (in order of first
 * use), and one result per finding of every result, failing results without findings included.
 * Fingerprints hash the rule, path, resource and message (not the line, so they survive edits
 * above the finding), with an occurrence counter for identical findings. Run-level notices become
 * `toolExecutionNotifications`. -summary and -verbose change nothing.
 */
export function renderSarif(input: ValidateReportInput): string {
  return sarifLog({
    version: input.version,
    findings: findings(input),
    notices: input.notices,
    elapsedSeconds: input.elapsedSeconds,
  });
}

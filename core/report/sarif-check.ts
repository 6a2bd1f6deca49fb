import type { CheckReport } from './check-report.ts';
import { reportFindings, type ReportFindingsOptions } from './report-findings.ts';
import { sarifLog, type SarifFinding } from './sarif-log.ts';

export interface SarifCheckOptions extends ReportFindingsOptions {
  /** kubeproof's version, recorded as the driver's `version`. */
  version: string;
}

/**
 * The findings of a pull-request check as SARIF 2.1.0, for `github/codeql-action/upload-sarif`:
 * one result per distinct finding (a finding shared by several environments comes once, listing
 * them in `properties.environments`), with its path relative to the repository root (`pathPrefix`
 * is the working directory) so code scanning places it on the file and line.
 * https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export function sarifCheck(report: CheckReport, options: SarifCheckOptions): string {
  const findings = reportFindings(report, options).map(({ finding, environments, resources }) => {
    const item: SarifFinding = { finding, resource: finding.resource };
    if (environments.length > 0) item.properties = { environments };
    if (resources.length > 1) item.properties = { ...item.properties, resources };
    return item;
  });
  return sarifLog({
    version: options.version,
    findings,
    notices: [],
    elapsedSeconds: report.meta.durationMs / 1000,
  });
}

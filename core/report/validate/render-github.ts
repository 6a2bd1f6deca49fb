import type { Finding } from '../../findings.ts';
import type { ValidateReportInput } from './report-input.ts';
import { reportedFindings } from './reported-findings.ts';
import { summaryLine } from './summary-line.ts';
import { workflowCommand } from '../workflow-commands.ts';

/** `::error file=PATH,line=L,col=C,title=kubeproof RULE::MESSAGE`; line and col only when known. */
function annotation(finding: Finding): string {
  const properties: [string, string | number][] = [['file', finding.path]];
  if (finding.line !== undefined && finding.line >= 1) {
    properties.push(['line', finding.line]);
    if (finding.column !== undefined && finding.column >= 1) properties.push(['col', finding.column]);
  }
  properties.push(['title', `kubeproof ${finding.ruleId}`]);
  return workflowCommand(finding.severity, properties, finding.message);
}

/**
 * kubeproof's `github` output: one GitHub Actions workflow command per finding, so each shows as an
 * annotation on the file and line
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions), then the text
 * summary line with -summary. Failing results without findings still get an annotation. Run-level
 * notices are not printed here: the CLI writes them to stderr.
 */
export function renderGithub(input: ValidateReportInput): string {
  let out = '';
  for (const result of input.results) {
    for (const finding of reportedFindings(result)) out += annotation(finding);
  }
  if (input.summary) out += summaryLine(input.results, input.stdin);
  return out;
}

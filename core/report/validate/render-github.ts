import type { Finding } from '../../findings.ts';
import type { ValidateReportInput } from './report-input.ts';
import { reportedFindings } from './reported-findings.ts';
import { summaryLine } from './summary-line.ts';

// Workflow-command escaping, as @actions/core does (escapeData / escapeProperty):
// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', notice: 'notice' } as const;

/** `::error file=PATH,line=L,col=C,title=kubeproof RULE::MESSAGE`; line and col only when known. */
function annotation(finding: Finding): string {
  const properties = [`file=${escapeProperty(finding.path)}`];
  if (finding.line !== undefined && finding.line >= 1) {
    properties.push(`line=${finding.line}`);
    if (finding.column !== undefined && finding.column >= 1) properties.push(`col=${finding.column}`);
  }
  properties.push(`title=${escapeProperty(`kubeproof ${finding.ruleId}`)}`);
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}\n`;
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

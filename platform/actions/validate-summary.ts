import type { Finding } from '../../core/findings.ts';
import { codeSpan, escapeMarkdown } from '../../core/report/comment/escape-markdown.ts';
import { countResults } from '../../core/report/validate/count-results.ts';
import { reportedFindings } from '../../core/report/validate/reported-findings.ts';
import type { ValidationResult } from '../../core/validate/result.ts';
import { SUMMARY_LIMIT } from './summary-markdown.ts';

const ICON: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** A code span in a table cell: GFM splits cells at `|` even inside code, so it is escaped. */
function cell(text: string): string {
  return codeSpan(text).replaceAll('|', '\\|');
}

function where(finding: Finding): string {
  return cell(finding.line === undefined ? finding.path : `${finding.path}:${finding.line}`);
}

/** The findings of a validation run, errors first. */
export function validationFindings(results: readonly ValidationResult[]): Finding[] {
  const order = { error: 0, warning: 1, notice: 2 } as const;
  return results
    .flatMap(reportedFindings)
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}

/**
 * The job summary of the validate action: kubeconform's counts, then one table row per finding
 * (file and line, rule, message), as many as GitHub's 1 MiB per step holds, the rest counted.
 */
export function validateSummary(results: readonly ValidationResult[], notices: readonly string[]): string {
  const counts = countResults(results);
  const findings = validationFindings(results);
  const verdict =
    counts.invalid + counts.errors > 0
      ? `❌ **kubeproof validate**: ${counts.invalid} invalid, ${counts.errors} errors`
      : '✅ **kubeproof validate**: all resources valid';
  let out =
    `${verdict}\n\n| Resources | Files | Valid | Invalid | Errors | Skipped |\n|---:|---:|---:|---:|---:|---:|\n` +
    `| ${counts.resources} | ${counts.files} | ${counts.valid} | ${counts.invalid} | ${counts.errors} | ${counts.skipped} |\n`;
  for (const notice of notices) out += `\n> ${escapeMarkdown(notice)}\n`;
  if (findings.length === 0) return out;
  out += '\n| | Where | Rule | Message |\n|---|---|---|---|\n';
  for (const [index, finding] of findings.entries()) {
    const row = `| ${ICON[finding.severity]} | ${where(finding)} | ${cell(finding.ruleId)} | ${escapeMarkdown(finding.message)} |\n`;
    if (out.length + row.length > SUMMARY_LIMIT - 200) {
      out += `\n_${findings.length - index} more findings did not fit GitHub's 1 MiB job summary: they are in the log and the SARIF file._\n`;
      break;
    }
    out += row;
  }
  return out;
}

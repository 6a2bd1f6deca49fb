import type { ResourceDiff } from '../../diff/types.ts';
import type { Finding } from '../../findings.ts';
import { missingSchemaText, schemaText } from './schema-text.ts';
import { singleLine } from './escape-markdown.ts';
import { hasSection } from './environment-section.ts';
import { verdict } from './status-line.ts';
import {
  environmentState,
  findingLocation,
  formatDuration,
  plural,
  resourceLabel,
  summarizeReport,
  type EnvironmentSummary,
  type ReportSummary,
} from './summarize-report.ts';
import {
  countCells,
  countTitles,
  NO_ENVIRONMENT,
  NOT_UNDERSTOOD,
  policyCell,
  sentence,
  validationCell,
} from './summary-table.ts';
import { policyText } from './policy-text.ts';
import type { CheckReport } from '../check-report.ts';

const CHANGE_MARK: Record<ResourceDiff['change'], string> = {
  added: '+',
  removed: '-',
  changed: '~',
  unchanged: ' ',
};

/**
 * Repository text on a terminal: controls (escape sequences included) could rewrite the screen,
 * so they become U+FFFD; tabs and newlines stay in multi-line text.
 */
function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

function line(text: string): string {
  return terminalSafe(singleLine(text));
}

function table(summary: ReportSummary): string[] {
  if (summary.noEnvironment !== undefined) return [line(sentence(summary.noEnvironment))];
  if (summary.environments.length === 0)
    return summary.notUnderstood === undefined
      ? [NO_ENVIRONMENT]
      : [NO_ENVIRONMENT, NOT_UNDERSTOOD, ...summary.notUnderstood.map((item) => `  ${item}`)];
  const counted = countTitles(summary.compared);
  const header = ['environment', ...counted];
  if (summary.validated) header.push('validation');
  if (summary.policyRan) header.push('policy');
  const rows = summary.environments.map((env) => {
    const row = [line(env.environment), ...countCells(env, summary.compared)];
    if (summary.validated) row.push(validationCell(env, summary.compared)[1]);
    if (summary.policyRan) row.push(policyCell(env, env.policy)[1] || 'ok');
    return row;
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const numeric = (column: number): boolean => column >= 1 && column <= counted.length;
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) =>
        numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function describe(diff: ResourceDiff, compared: boolean): string {
  const notes = diff.notes.map((note) => line(note.text)).join('; ');
  // Without a base every resource is "added": say only what it holds.
  if (!compared) return notes;
  let text = notes === '' ? diff.change : notes;
  if (diff.change !== 'changed' && notes !== '') text = `${diff.change} (${notes})`;
  if (diff.renamed !== undefined && !diff.notes.some((note) => note.kind === 'generated-name')) {
    text += ` (generated name ${line(diff.renamed.from)} -> ${line(diff.renamed.to)})`;
  }
  return text;
}

function findingText(finding: Finding): string {
  const on = finding.resource === undefined ? '' : ` on ${line(resourceLabel(finding.resource))}`;
  return `${finding.severity} ${line(finding.ruleId)}${on} (${line(findingLocation(finding))}): ${line(finding.message)}`;
}

function section(env: EnvironmentSummary, compared: boolean): string[] {
  const out = [`${line(env.environment)}: ${environmentState(env, compared)}`];
  const resources = env.diff?.resources ?? [];
  for (const diff of resources) {
    const described = describe(diff, compared);
    const mark = compared ? CHANGE_MARK[diff.change] : ' ';
    out.push(`  ${mark} ${line(resourceLabel(diff.resource))}${described === '' ? '' : `: ${described}`}`);
  }
  for (const finding of env.findings) out.push(`  ${findingText(finding)}`);
  const diffs = resources.map((diff) => diff.unifiedDiff.replace(/\n+$/, '')).filter((text) => text !== '');
  if (diffs.length > 0) {
    out.push('');
    for (const diffLine of terminalSafe(diffs.join('\n')).replace(/\r\n?/g, '\n').split('\n')) {
      out.push(`    ${diffLine}`.trimEnd());
    }
  }
  return out;
}

function footer(report: CheckReport, environments: number): string {
  const { meta } = report;
  const parts = [
    `Rendered ${plural(environments, 'environment')} (${line(meta.renderer)}) in ${formatDuration(meta.durationMs)}`,
  ];
  parts.push(meta.validated === false ? 'not validated' : `schemas: ${line(schemaText(report))}`);
  const missing = meta.validated === false ? undefined : missingSchemaText(report);
  if (missing !== undefined) parts.push(`not validated, no schema: ${line(missing)}`);
  const policy = policyText(report);
  if (policy !== undefined) parts.push(policy);
  if (meta.commit !== undefined && meta.commit !== '') parts.push(`commit ${line(meta.commit.slice(0, 7))}`);
  if (meta.fullReportUrl !== undefined)
    parts.push(`${line(meta.fullReportLabel ?? 'full report')}: ${line(meta.fullReportUrl)}`);
  if (meta.artifactName !== undefined) parts.push(`artifact ${line(meta.artifactName)}`);
  return parts.join(' · ');
}

/**
 * The report as plain terminal text: the same verdict, table and per-environment sections as the
 * comment, never shortened, with the diffs indented under their environment. No markdown, no emoji.
 */
export function renderText(report: CheckReport): string {
  const summary = summarizeReport(report);
  const blocks = [[verdict(summary, false)], table(summary)];
  for (const env of summary.environments) if (hasSection(env)) blocks.push(section(env, summary.compared));
  blocks.push([footer(report, report.environments.length)]);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

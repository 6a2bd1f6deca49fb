import type { EnvironmentCheck } from '../check-report.ts';
import { escapeMarkdown, shorten } from './escape-markdown.ts';
import {
  heldResources,
  plural,
  unvalidatedErrors,
  type EnvironmentSummary,
  type ReportSummary,
} from './summarize-report.ts';
import type { Block } from './pack-bodies.ts';

/** Environment names longer than this are shortened in the table and the section titles. */
export const MAX_NAME_LENGTH = 100;

/** Shown where a number or verdict does not apply. */
export const DASH = '–';

const ICON = { error: '❌ ', warning: '⚠️ ', ok: '✅ ', none: '' } as const;

/** A cell's words and its tone; the comment shows the tone as an emoji, the terminal text does not. */
export type Cell = [tone: keyof typeof ICON, text: string];

/** What the report says when the change reaches no environment. */
export const NO_ENVIRONMENT = 'No environment is rendered from the files this change touches.';

/** `no environment found in …` as a sentence. */
export function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The cells before validation and policy: `added`, `changed`, `removed` where something changed;
 * without a base, how many resources the environment holds.
 */
export function countCells(env: EnvironmentSummary, compared: boolean): string[] {
  if (!compared)
    return [env.diff === undefined || env.status === 'error' ? DASH : String(heldResources(env.diff))];
  const counts = env.status === 'changed' && env.diff !== undefined ? env.diff.counts : undefined;
  if (counts === undefined) return [DASH, DASH, DASH];
  return [String(counts.added), String(counts.changed), String(counts.removed)];
}

/** The column titles before validation and policy, as countCells fills them. */
export function countTitles(compared: boolean): string[] {
  return compared ? ['added', 'changed', 'removed'] : ['resources'];
}

/** The validation cell: `❌ 3 errors`, `⚠️ 1 warning`, `✅ 14 resources` (without a base `✅ valid`), `unchanged`. */
export function validationCell(env: EnvironmentSummary, compared = true): Cell {
  if (env.status === 'error') return ['error', 'not rendered'];
  const check = env.validation;
  const unchecked = check?.notValidated ?? 0;
  const notValidated = unchecked > 0 ? `, ${unchecked} not validated` : '';
  const invalid = check === undefined ? 0 : check.errors - unvalidatedErrors([check]);
  if (check !== undefined && invalid > 0) return ['error', `${plural(invalid, 'error')}${notValidated}`];
  if (check !== undefined && check.errors > 0) return ['error', `${unchecked} not validated`];
  if (check !== undefined && check.warnings > 0)
    return ['warning', `${plural(check.warnings, 'warning')}${notValidated}`];
  // Kinds without a schema are no finding of their own (said once per report): still not valid.
  if (check !== undefined && unchecked > 0) return ['warning', `${unchecked} not validated`];
  if (env.status === 'unchanged') return ['none', 'unchanged'];
  if (check === undefined) return ['none', DASH];
  // Without a base the resources column counts them already.
  return ['ok', compared ? plural(check.resources, 'resource') : 'valid'];
}

/** The policy cell: `❌ 1 error`, `⚠️ 1 warning`, `✅` (text `ok`), `–`. */
export function policyCell(env: EnvironmentSummary, check: EnvironmentCheck | undefined): Cell {
  if (env.status === 'error' || check === undefined) return ['none', DASH];
  if (check.errors > 0) return ['error', plural(check.errors, 'error')];
  if (check.warnings > 0) return ['warning', plural(check.warnings, 'warning')];
  return env.status === 'unchanged' ? ['none', DASH] : ['ok', ''];
}

function withIcon([tone, text]: Cell): string {
  return (ICON[tone] + text).trim();
}

/** One table row: changed and failed environments in bold, counts only where something changed. */
export function tableRow(
  env: EnvironmentSummary,
  withPolicy: boolean,
  withValidation = true,
  compared = true,
): string {
  const name = escapeMarkdown(shorten(env.environment, MAX_NAME_LENGTH));
  const cells = [env.status === 'unchanged' ? name : `**${name}**`, ...countCells(env, compared)];
  if (withValidation) cells.push(withIcon(validationCell(env, compared)));
  if (withPolicy) cells.push(withIcon(policyCell(env, env.policy)));
  return `| ${cells.join(' | ')} |`;
}

/** What discovery did not understand, as a list after the sentence (empty when all was understood). */
function notUnderstoodList(summary: ReportSummary): string {
  if (summary.notUnderstood === undefined) return '';
  const lines = summary.notUnderstood.map((line) => `- ${escapeMarkdown(line)}`);
  return `\n\n${NOT_UNDERSTOOD}\n\n${lines.join('\n')}`;
}

/** Said before the list of manifests discovery did not understand. */
export const NOT_UNDERSTOOD = 'kubeproof did not turn these GitOps manifests into environments:';

/**
 * The summary table as a block: one row per environment; when split across bodies, each part
 * repeats the header (a GFM table needs one: https://github.github.com/gfm/#tables-extension-).
 * The policy column appears only when a policy ran.
 */
export function summaryTable(summary: ReportSummary): Block {
  if (summary.noEnvironment !== undefined)
    return { open: escapeMarkdown(sentence(summary.noEnvironment)), reopen: '', close: '', parts: [] };
  if (summary.environments.length === 0)
    return { open: `_${NO_ENVIRONMENT}_${notUnderstoodList(summary)}`, reopen: '', close: '', parts: [] };
  const counted = countTitles(summary.compared);
  const titles = ['environment', ...counted];
  const aligns = ['---', ...counted.map(() => '---:')];
  for (const [title, shown] of [
    ['validation', summary.validated],
    ['policy', summary.policyRan],
  ] as const) {
    if (!shown) continue;
    titles.push(title);
    aligns.push('---');
  }
  const header = `| ${titles.join(' | ')} |\n|${aligns.join('|')}|`;
  return {
    open: header,
    reopen: header,
    close: '',
    parts: summary.environments.map((env) => ({
      text: tableRow(env, summary.policyRan, summary.validated, summary.compared),
    })),
  };
}

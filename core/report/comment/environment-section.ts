import type { ResourceDiff } from '../../diff/types.ts';
import type { Finding } from '../../findings.ts';
import { codeFence, codeSpan, escapeHtml, escapeMarkdown, shorten } from './escape-markdown.ts';
import type { Block, Part } from './pack-bodies.ts';
import { MAX_NAME_LENGTH } from './summary-table.ts';
import {
  environmentState,
  findingLocation,
  plural,
  resourceLabel,
  type EnvironmentSummary,
} from './summarize-report.ts';

/** How much of each environment a comment shows: the degrade steps, most detailed first. */
export type Detail = 'diffs' | 'summaries' | 'list';

/** Identifiers (kind, namespace/name) and messages are cut to these lengths in the short variants. */
const MAX_LABEL_LENGTH = 300;
const SHORT_TEXT_LENGTH = 200;

const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** A note's text, escaped, with the `->` of `1.2 -> 1.3` drawn as an arrow. */
function noteText(text: string): string {
  return text.split(' -> ').map(escapeMarkdown).join(' → ');
}

function describe(diff: ResourceDiff, compared: boolean): string {
  const notes = diff.notes.map((note) => noteText(note.text)).join('; ');
  // Without a base every resource is "added": say only what it holds.
  if (!compared) return notes;
  let text = notes === '' ? diff.change : notes;
  if (diff.change === 'added' && notes !== '') text = `added (${notes})`;
  if (diff.change === 'removed') text = notes === '' ? 'removed' : `removed (${notes})`;
  const renameNoted = diff.notes.some((note) => note.kind === 'generated-name');
  if (diff.renamed !== undefined && !renameNoted) {
    text += ` (generated name ${codeSpan(diff.renamed.from)} → ${codeSpan(diff.renamed.to)})`;
  }
  return text;
}

/** `- \`Deployment prod/web\`: image …; replicas 2 → 3`; with `list`, only the change kind. */
function resourceLine(diff: ResourceDiff, detail: Detail, compared: boolean): Part {
  const label = codeSpan(shorten(resourceLabel(diff.resource), MAX_LABEL_LENGTH));
  const short = compared ? `- ${label}: ${diff.change}` : `- ${label}`;
  const described = describe(diff, compared);
  const text = described === '' ? `- ${label}` : `- ${label}: ${described}`;
  return detail === 'list' ? { text: short } : { text, short };
}

/** `* ❌ \`schema\` on \`Deployment prod/web\` (\`envs/prod/web.yaml:12\`): message`. */
export function findingLine(finding: Finding): Part {
  const on =
    finding.resource === undefined
      ? ''
      : ` on ${codeSpan(shorten(resourceLabel(finding.resource), MAX_LABEL_LENGTH))}`;
  const where = ` (${codeSpan(shorten(findingLocation(finding), MAX_LABEL_LENGTH))})`;
  // `*`, not `-`: a different bullet starts a new list, so the resource list stays tight.
  const head = `* ${SEVERITY_ICON[finding.severity]} ${codeSpan(shorten(finding.ruleId, SHORT_TEXT_LENGTH))}${on}${where}`;
  return {
    text: `${head}: ${escapeMarkdown(finding.message)}`,
    short: `${head}: ${escapeMarkdown(shorten(finding.message, SHORT_TEXT_LENGTH))}`,
  };
}

function findingCounts(findings: Finding[]): string {
  // "Not validated" is its own count, as in the table and the headline: it is not a schema error.
  const unchecked = findings.filter(
    (finding) => finding.severity === 'error' && finding.ruleId === 'not-validated',
  ).length;
  const errors = findings.filter((finding) => finding.severity === 'error').length - unchecked;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  let text = '';
  if (errors > 0) text += ` · ❌ ${plural(errors, 'error')}`;
  if (unchecked > 0) text += ` · ❌ ${unchecked} not validated`;
  if (warnings > 0) text += ` · ⚠️ ${plural(warnings, 'warning')}`;
  return text;
}

/** `<b>prod</b>: 3 changed · ❌ 1 error`, HTML-escaped: markdown is not parsed inside `<summary>`. */
function summaryTitle(env: EnvironmentSummary, compared: boolean): string {
  const name = `<b>${escapeHtml(shorten(env.environment, MAX_NAME_LENGTH))}</b>`;
  const state = `${env.status === 'error' ? '❌ ' : ''}${environmentState(env, compared)}`;
  return `${name}: ${state}${findingCounts(env.findings)}`;
}

/** Whether an environment gets a section: something changed, failed, or was found. */
export function hasSection(env: EnvironmentSummary): boolean {
  return env.status !== 'unchanged' || env.findings.length > 0;
}

/**
 * One collapsible section per environment: resource lines (without a base, `compared` false, what
 * the environment holds), findings with file:line, then (with `diffs`) one `diff` fenced block. The blank line after `<summary>` ends GitHub's HTML block so
 * that the markdown inside renders (https://spec.commonmark.org/0.31.2/#html-blocks).
 */
export function environmentSection(env: EnvironmentSummary, detail: Detail, compared = true): Block {
  const resources = env.diff?.resources ?? [];
  const parts = resources.map((diff) => resourceLine(diff, detail, compared));
  env.findings.forEach((finding, index) => {
    const line = findingLine(finding);
    // A blank line between the resource list and the findings.
    parts.push(index === 0 && parts.length > 0 ? blankBefore(line) : line);
  });
  const diffText = resources
    .map((diff) => diff.unifiedDiff.replace(/\n+$/, ''))
    .filter((text) => text !== '')
    .join('\n');
  if (detail === 'diffs' && diffText !== '') parts.push({ text: `\n${codeFence(diffText, 'diff')}` });
  const title = summaryTitle(env, compared);
  return {
    open: `<details><summary>${title}</summary>\n`,
    reopen: `<details><summary>${title} (continued)</summary>\n`,
    close: '\n\n</details>',
    parts,
  };
}

function blankBefore(part: Part): Part {
  return part.short === undefined
    ? { text: `\n${part.text}` }
    : { text: `\n${part.text}`, short: `\n${part.short}` };
}

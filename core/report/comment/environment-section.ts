/**
 * The review comment's entries: one per environment for what only it changes, one per set of
 * changes several environments share. Each is a heading with the numbers, the files the change
 * comes from, one line per resource, and its diff folded.
 */
import type { ResourceDiff } from '../../diff/types.ts';
import type { Finding } from '../../findings.ts';
import { lineCountText } from './diff-stats.ts';
import { distinctCount } from './distinct-findings.ts';
import { codeFence, codeSpan, escapeHtml, escapeMarkdown, shorten } from './escape-markdown.ts';
import type { ChangeEntry } from './group-changes.ts';
import { noteMarkdown } from './note-markdown.ts';
import type { Block, Part } from './pack-bodies.ts';
import { MAX_NAME_LENGTH } from './summary-table.ts';
import {
  changeCounts,
  heldResources,
  plural,
  resourceLabel,
  type EnvironmentSummary,
} from './summarize-report.ts';

/** How much of each entry a comment shows: the degrade steps, most detailed first. */
export type Detail = 'diffs' | 'summaries' | 'list';

/** Identifiers (kind, namespace/name) are cut to this length; file lists to this many files. */
const MAX_LABEL_LENGTH = 300;
const MAX_SOURCES = 5;

/** Whether an environment gets a section in the terminal text: something changed, failed, or was found. */
export function hasSection(env: EnvironmentSummary): boolean {
  return env.status !== 'unchanged' || env.findings.length > 0;
}

function describe(diff: ResourceDiff, compared: boolean): string {
  // What changed first; a new generated name is its consequence, said last, in parentheses.
  const renames = diff.notes.filter((note) => note.kind === 'generated-name');
  const others = diff.notes.filter((note) => note.kind !== 'generated-name');
  let notes = others.map(noteMarkdown).join('; ');
  const rename = renames.map(noteMarkdown).join('; ');
  if (rename !== '') notes = notes === '' ? rename : `${notes} (${rename})`;
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

/** `- \`Deployment prod/web\`: image \`…\` \`1.3\` → \`1.4\``; with `list`, only the change kind. */
function resourceLine(diff: ResourceDiff, detail: Detail, compared: boolean): Part {
  const label = codeSpan(shorten(resourceLabel(diff.resource), MAX_LABEL_LENGTH));
  const short = compared ? `- ${label}: ${diff.change}` : `- ${label}`;
  const described = describe(diff, compared);
  const text = described === '' ? `- ${label}` : `- ${label}: ${described}`;
  return detail === 'list' ? { text: short } : { text, short };
}

function counts(resources: readonly ResourceDiff[]): { added: number; changed: number; removed: number } {
  const count = (change: ResourceDiff['change']): number =>
    resources.filter((r) => r.change === change).length;
  return { added: count('added'), changed: count('changed'), removed: count('removed') };
}

const isUnvalidated = (finding: Finding): boolean =>
  finding.ruleId === 'not-validated' && finding.severity === 'error';

/** `❌ 2 validation errors`, `⚠️ 1 resource not validated`, `✅ valid`, per checker, problems not copies. */
function checkWords(entry: ChangeEntry): string[] {
  const first = entry.environments[0];
  if (first === undefined || first.status === 'error') return [];
  const words: string[] = [];
  const validation = entry.environments.flatMap((env) => (env.validation ? [env.validation] : []));
  if (validation.length > 0) {
    const errors = distinctCount(validation, (f) => f.severity === 'error' && !isUnvalidated(f));
    const warnings = distinctCount(validation, (f) => f.severity === 'warning');
    const unchecked = first.validation?.notValidated ?? 0;
    const each = entry.environments.length > 1 ? ' in each' : '';
    if (errors > 0) words.push(`❌ ${plural(errors, 'validation error')}`);
    if (unchecked > 0)
      words.push(
        `${distinctCount(validation, isUnvalidated) > 0 ? '❌' : '⚠️'} ${plural(unchecked, 'resource')} not validated${each}`,
      );
    if (warnings > 0) words.push(`⚠️ ${plural(warnings, 'validation warning')}`);
    if (errors + unchecked + warnings === 0) words.push('✅ valid');
  }
  const policy = entry.environments.flatMap((env) => (env.policy ? [env.policy] : []));
  if (policy.length > 0) {
    const errors = distinctCount(policy, (f) => f.severity === 'error');
    const warnings = distinctCount(policy, (f) => f.severity === 'warning');
    if (errors > 0) words.push(`❌ ${plural(errors, 'policy error')}`);
    if (warnings > 0) words.push(`⚠️ ${plural(warnings, 'policy warning')}`);
    const existing = policy.some((check) => (check.existing ?? 0) > 0);
    if (errors + warnings === 0) words.push(existing ? '✅ no new policy problems' : '✅ policy passed');
  }
  return words;
}

/** The heading: `#### prod: 1 added, 2 changed · +14 −3 · ✅ valid`. */
function heading(entry: ChangeEntry, compared: boolean): string {
  const [first] = entry.environments;
  const name = entry.shared
    ? plural(entry.environments.length, 'environment')
    : escapeMarkdown(shorten(first?.environment ?? '', MAX_NAME_LENGTH));
  const words: string[] = [];
  if (first?.status === 'error') words.push('❌ not rendered');
  else if (!compared)
    words.push(
      plural(entry.shared ? entry.resources.length : first?.diff ? heldResources(first.diff) : 0, 'resource'),
    );
  else {
    const whole = entry.shared ? counts(entry.resources) : (first?.diff?.counts ?? counts(entry.resources));
    words.push(changeCounts({ ...whole, unchanged: 0 }));
    if (entry.lines.added + entry.lines.removed > 0)
      words.push(`${lineCountText(entry.lines)}${entry.shared ? ' each' : ''}`);
  }
  words.push(...checkWords(entry));
  return `#### ${name}: ${words.join(' · ')}`;
}

/** Names per line of a list of environments (GitHub breaks comment lines where the markdown does). */
const NAMES_PER_PART = 30;

/** The environments of a shared entry, 30 to a line, so that a long list splits between lines. */
function nameParts(environments: readonly EnvironmentSummary[]): Part[] {
  const names = environments.map((env) => escapeMarkdown(shorten(env.environment, MAX_NAME_LENGTH)));
  const parts: Part[] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_PART)
    parts.push({ text: names.slice(i, i + NAMES_PER_PART).join(', ') });
  return parts;
}

/** `from \`base/deployment.yaml\``: the changed files the entry comes from. */
function sourcesPart(sources: readonly string[]): Part | undefined {
  if (sources.length === 0) return undefined;
  const shown = sources.slice(0, MAX_SOURCES).map((path) => codeSpan(shorten(path, MAX_LABEL_LENGTH)));
  const more = sources.length - shown.length;
  return { text: `from ${shown.join(', ')}${more > 0 ? ` and ${plural(more, 'more file')}` : ''}` };
}

/** `Diff (the same in all 11)`, or, when only the changed lines are, the environment shown. */
function sharedDiffTitle(entry: ChangeEntry): string {
  const all = entry.environments.length === 2 ? 'both' : `all ${entry.environments.length}`;
  if (entry.sameContext) return `Diff (the same in ${all})`;
  const first = escapeHtml(shorten(entry.environments[0]?.environment ?? '', MAX_NAME_LENGTH));
  return `Diff of ${first} (the changed lines are the same in ${all}; the lines around them differ)`;
}

/** The entry as a block: heading, origin, resource lines, then (with `diffs`) its diff, folded. */
export function entrySection(entry: ChangeEntry, detail: Detail, compared: boolean): Block {
  const parts: Part[] = entry.shared ? nameParts(entry.environments) : [];
  const sources = sourcesPart(entry.sources);
  if (sources !== undefined) parts.push(sources);
  const origin = parts.length > 0 ? true : undefined;
  const lines = entry.resources.map((diff) => resourceLine(diff, detail, compared));
  for (const size of entry.alsoIn)
    lines.push({ text: `- and the changes it shares with ${plural(size - 1, 'other environment')}, below` });
  // A blank line between the origin paragraph and the list.
  lines.forEach((line, index) => parts.push(index === 0 && origin !== undefined ? blankBefore(line) : line));
  const diffText = entry.resources
    .map((diff) => diff.unifiedDiff.replace(/\n+$/, ''))
    .filter((text) => text !== '')
    .join('\n');
  if (detail === 'diffs' && diffText !== '') {
    // The blank line after `<summary>` ends GitHub's HTML block so that the fence inside renders
    // (https://spec.commonmark.org/0.31.2/#html-blocks).
    const title = entry.shared ? sharedDiffTitle(entry) : 'Diff';
    parts.push({
      text: `\n<details><summary>${title}</summary>\n\n${codeFence(diffText, 'diff')}\n\n</details>`,
    });
  }
  const head = heading(entry, compared);
  // A blank line under the heading when something follows it.
  const gap = parts.length > 0 ? '\n' : '';
  return { open: `${head}${gap}`, reopen: `${head} (continued)${gap}`, close: '', parts };
}

function blankBefore(part: Part): Part {
  return part.short === undefined
    ? { text: `\n${part.text}` }
    : { text: `\n${part.text}`, short: `\n${part.short}` };
}

/** `9 unchanged: a, b, c`, as one block (split between lines of names when very long). */
export function unchangedSection(
  environments: readonly EnvironmentSummary[],
  compared: boolean,
): Block | undefined {
  if (environments.length === 0) return undefined;
  const names = environments.map((env) => escapeMarkdown(shorten(env.environment, MAX_NAME_LENGTH)));
  const what = compared ? 'unchanged' : 'without resources';
  const title = `${environments.length} ${what}`;
  if (names.length <= NAMES_PER_PART)
    return { open: `${title}: ${names.join(', ')}`, reopen: '', close: '', parts: [] };
  const parts: Part[] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_PART)
    parts.push({ text: names.slice(i, i + NAMES_PER_PART).join(', ') });
  return { open: `${title}:`, reopen: `${title} (continued):`, close: '', parts };
}

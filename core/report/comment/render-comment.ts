import { distinctFindings } from './distinct-findings.ts';
import { entrySection, unchangedSection, type Detail } from './environment-section.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { findingsSection } from './findings-section.ts';
import { groupChanges } from './group-changes.ts';
import { footer } from './footer.ts';
import { omissionNotice, type Omissions } from './omission-notice.ts';
import { BLOCK_SEPARATOR, blockText, fitParts, packBlocks, type Block } from './pack-bodies.ts';
import { statusLine } from './status-line.ts';
import { summarizeReport, type ReportSummary } from './summarize-report.ts';
import { NO_ENVIRONMENT, sentence } from './summary-table.ts';
import type { CheckReport } from '../check-report.ts';
import type { CommentOptions } from './comment-options.ts';

/**
 * GitHub rejects an issue comment body longer than 65,536 characters ("body is too long (maximum is
 * 65536 characters)"): https://github.com/orgs/community/discussions/27190 and the `body` parameter of
 * https://docs.github.com/rest/issues/comments#create-an-issue-comment. We count UTF-16 code units,
 * which is never fewer than GitHub's characters, so a body within our count is within theirs.
 */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Below this a body cannot hold the status line, the notice, a table row and the footer. */
export const MIN_COMMENT_LENGTH = 2_000;

const DETAILS: readonly Detail[] = ['diffs', 'summaries', 'list'];

function checkOptions(options: CommentOptions): { maxLength: number; marker: string } {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const marker = options.marker ?? 'report';
  if (!Number.isInteger(maxLength) || maxLength < MIN_COMMENT_LENGTH || maxLength > GITHUB_COMMENT_LIMIT) {
    throw new RangeError(
      `maxLength must be an integer from ${MIN_COMMENT_LENGTH} to ${GITHUB_COMMENT_LIMIT}, got ${maxLength}`,
    );
  }
  // It goes into an HTML comment: no `--`, no `>`.
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(marker) || marker.length > 40) {
    throw new RangeError(
      `marker must be lower-case words joined by single dashes, got ${JSON.stringify(marker)}`,
    );
  }
  return { maxLength, marker };
}

function firstHead(marker: string, summary: ReportSummary, notice: string): string {
  const head = `<!-- kubeproof:${marker} -->\n${statusLine(summary)}`;
  return notice === '' ? head : `${head}${BLOCK_SEPARATOR}${notice}`;
}

/** The heading of body `index` (2-based) of `total`: its own marker, so each body is upserted in place. */
function continuationHead(marker: string, index: number, total: number): string {
  return `<!-- kubeproof:${marker}:${index} -->\n### kubeproof (continued, ${index} of ${total})`;
}

function join(head: string, blocks: string[]): string {
  return [head, ...blocks].join(BLOCK_SEPARATOR);
}

/**
 * The pull-request review comment: a hidden marker, the verdict, the findings (once per source
 * line, naming the environments), one entry per environment for what only it changes and one per
 * set of changes several environments share (errors first, then production-like environments),
 * the unchanged environments in one line, a footer. Always within `maxLength` per body; when the full report is
 * longer it degrades in steps, each saying what it left out and where the full output is:
 * 1. everything, with unified diffs;
 * 2. without diffs, with per-resource change notes;
 * 3. per resource only its change kind;
 * 4. step 3 split into numbered continuation bodies, between blocks or between the lines of a block
 *    (closed and reopened, never cut inside a fence or a `<details>`); a line too long even for its
 *    own body is shortened, or replaced by a note, and counted.
 * Body 1 always starts with the marker and the status line.
 */
export function renderComment(report: CheckReport, options: CommentOptions = {}): string[] {
  const { maxLength, marker } = checkOptions(options);
  const { summary, omissions, blocksAt } = layoutReport(report);

  for (const detail of DETAILS) {
    const notice = omissionNotice({ ...omissions, detail }, maxLength, report.meta);
    const body = join(firstHead(marker, summary, notice), blocksAt(detail).map(blockText));
    if (body.length <= maxLength) return [body];
  }
  return splitBodies(report, summary, omissions, blocksAt('list'), maxLength, marker);
}

/**
 * The whole report as one markdown document, every diff included, whatever its length: the job
 * summary's text when the comment had to be shortened (its limit is GitHub's 1 MiB, not 65,536).
 */
export function renderFullReport(report: CheckReport, options: Pick<CommentOptions, 'marker'> = {}): string {
  const { marker } = checkOptions(options);
  const { summary, blocksAt } = layoutReport(report);
  return join(firstHead(marker, summary, ''), blocksAt('diffs').map(blockText));
}

function layoutReport(report: CheckReport): {
  summary: ReportSummary;
  omissions: Omissions;
  blocksAt: (detail: Detail) => Block[];
} {
  const summary = summarizeReport(report);
  const layout = groupChanges(summary);
  const resources = layout.entries.flatMap((entry) => entry.resources);
  const omissions: Omissions = {
    detail: 'diffs',
    diffs: resources.filter((diff) => diff.unifiedDiff !== '').length,
    notes: resources.reduce((total, diff) => total + diff.notes.length, 0),
    bodies: 1,
    shortened: 0,
    omitted: 0,
  };
  const findings = findingsSection(
    distinctFindings(summary.environments),
    report.meta,
    summary.environments.length,
  );
  const unchanged = unchangedSection(layout.unchanged, summary.compared);
  const blocksAt = (detail: Detail): Block[] => [
    ...(findings === undefined ? [] : [findings]),
    ...layout.entries.map((entry) => entrySection(entry, detail, summary.compared)),
    ...(unchanged === undefined ? [] : [unchanged]),
    ...emptyNotice(summary),
    { open: footer(report, report.environments.length), reopen: '', close: '', parts: [] },
  ];
  return { summary, omissions, blocksAt };
}

function splitBodies(
  report: CheckReport,
  summary: ReportSummary,
  omissions: Omissions,
  blocks: Block[],
  maxLength: number,
  marker: string,
): string[] {
  const bound = blocks.reduce((total, block) => total + block.parts.length + 1, 1);
  const nextHead = continuationHead(marker, bound, bound).length;
  const fitted = fitParts(blocks, maxLength - nextHead - BLOCK_SEPARATOR.length);
  const split: Omissions = {
    ...omissions,
    detail: 'list',
    shortened: fitted.shortened,
    omitted: fitted.omitted,
  };
  const reserved = firstHead(
    marker,
    summary,
    omissionNotice({ ...split, bodies: bound }, maxLength, report.meta),
  );
  const bodies = packBlocks(fitted.blocks, maxLength, reserved.length, nextHead);
  const notice = omissionNotice({ ...split, bodies: bodies.length }, maxLength, report.meta);
  return bodies.map((texts, index) =>
    join(
      index === 0 ? firstHead(marker, summary, notice) : continuationHead(marker, index + 1, bodies.length),
      texts,
    ),
  );
}

/** Where nothing was checked: why, in one sentence. */
function emptyNotice(summary: ReportSummary): Block[] {
  if (summary.noEnvironment !== undefined)
    return [{ open: escapeMarkdown(sentence(summary.noEnvironment)), reopen: '', close: '', parts: [] }];
  if (summary.environments.length === 0)
    return [{ open: `_${NO_ENVIRONMENT}_`, reopen: '', close: '', parts: [] }];
  return [];
}

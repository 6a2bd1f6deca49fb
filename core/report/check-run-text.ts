import type { Finding } from '../findings.ts';
import { codeSpan, escapeMarkdown, shorten } from './comment/escape-markdown.ts';
import { fullOutputPlaces } from './comment/footer.ts';
import { BLOCK_SEPARATOR } from './comment/pack-bodies.ts';
import { GITHUB_COMMENT_LIMIT, MIN_COMMENT_LENGTH, renderComment } from './comment/render-comment.ts';
import { findingLocation, plural } from './comment/summarize-report.ts';
import type { CheckReport } from './check-report.ts';

/**
 * `output.summary` and `output.text` of a check run: "Maximum length: 65535 characters."
 * https://docs.github.com/rest/checks/runs#create-a-check-run
 */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** Repository problems listed in the summary at most; the rest are counted (all are annotated). */
const MAX_LISTED = 20;
const MAX_MESSAGE = 300;

const MARKER = /^<!-- kubeproof:[a-z0-9]+(?:-[a-z0-9]+)*(?::\d+)? -->\n/;
const CONTINUES = /The report continues in \d+ more comments? below\./;
const ICON: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

function unmarked(body: string): string {
  return body.replace(MARKER, '');
}

/** The findings outside the environments (configuration, discovery), which the comment does not show. */
function problemsBlock(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const lines = findings.slice(0, MAX_LISTED).map((finding) => {
    const message = escapeMarkdown(shorten(finding.message, MAX_MESSAGE));
    const where = codeSpan(shorten(findingLocation(finding), MAX_MESSAGE));
    return `- ${ICON[finding.severity]} ${codeSpan(finding.ruleId)} ${where}: ${message}`;
  });
  if (findings.length > MAX_LISTED) lines.push(`- … and ${findings.length - MAX_LISTED} more (annotated)`);
  return `#### Repository problems\n\n${lines.join('\n')}`;
}

/**
 * The check run's markdown: the review comment's first body, without its hidden marker, as the
 * summary, then any repository problems; when the comment needs continuation bodies, they follow
 * in `text` (whole bodies only, with a note for those that do not fit). Both within GitHub's limit.
 */
export function checkRunText(
  report: CheckReport,
  problems: readonly Finding[] = [],
): { summary: string; text?: string } {
  const extra = problemsBlock(problems);
  const room = CHECK_OUTPUT_LIMIT - (extra === '' ? 0 : extra.length + BLOCK_SEPARATOR.length);
  const maxLength = Math.min(GITHUB_COMMENT_LIMIT, Math.max(MIN_COMMENT_LENGTH, room));
  const [first = '', ...rest] = renderComment(report, { maxLength }).map(unmarked);
  const head = first.replace(CONTINUES, 'The report continues below.');
  const summary = extra === '' ? head : `${head}${BLOCK_SEPARATOR}${extra}`;
  if (rest.length === 0) return { summary: shorten(summary, CHECK_OUTPUT_LIMIT) };
  const kept: string[] = [];
  let length = 0;
  for (const [index, body] of rest.entries()) {
    const left = rest.length - index - 1;
    const note = left === 0 ? 0 : 1_000;
    if (length + body.length + BLOCK_SEPARATOR.length + note > CHECK_OUTPUT_LIMIT) break;
    kept.push(body);
    length += body.length + BLOCK_SEPARATOR.length;
  }
  const dropped = rest.length - kept.length;
  if (dropped > 0) {
    const places = fullOutputPlaces(report.meta);
    const where = places.length === 0 ? 'run `kubeproof check`' : places.join(', ');
    kept.push(
      `> [!NOTE]\n> ${plural(dropped, 'more part')} of the report did not fit in the check run ` +
        `(GitHub's limit is 65,535 characters): see ${where}.`,
    );
  }
  return { summary: shorten(summary, CHECK_OUTPUT_LIMIT), text: kept.join(BLOCK_SEPARATOR) };
}

import { renderComment } from '../../core/report/comment/render-comment.ts';
import type { CheckReport } from '../../core/report/comment/types.ts';

/**
 * "each step is restricted to a maximum size of 1MiB" for the job summary:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#step-isolation-and-limits
 * Counted in UTF-16 units with room to spare for multi-byte characters.
 */
export const SUMMARY_LIMIT = 1_000_000;

export interface ReportMarkdown {
  /** Every body of the review comment, in order: the `comment-body` output. */
  comment: string;
  /** The job summary: the same bodies, as many as GitHub's 1 MiB per step holds, the rest counted. */
  summary: string;
}

/**
 * The report as markdown for the job summary and the `comment-body` output: the review comment at
 * GitHub's largest body, all of its bodies when it splits (never shortened further).
 */
export function summaryMarkdown(report: CheckReport, marker: string): ReportMarkdown {
  const bodies = renderComment(report, { marker });
  const comment = bodies.join('\n\n');
  let summary = '';
  for (const [index, body] of bodies.entries()) {
    if (summary.length + body.length + 2 > SUMMARY_LIMIT) {
      const left = bodies.length - index;
      summary += `\n\n> [!NOTE]\n> ${left} more part${left === 1 ? '' : 's'} of the report did not fit GitHub's 1 MiB job summary: they are in the pull request's comment and check run.\n`;
      break;
    }
    summary += `${index === 0 ? '' : '\n\n'}${body}`;
  }
  return { comment, summary: summary.endsWith('\n') ? summary : `${summary}\n` };
}

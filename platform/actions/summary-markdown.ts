import { renderComment, renderFullReport } from '../../core/report/comment/render-comment.ts';
import type { CheckReport } from '../../core/report/check-report.ts';

/**
 * "each step is restricted to a maximum size of 1MiB" for the job summary, and "Outputs are Unicode
 * strings, and can be a maximum of 1 MB":
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#step-isolation-and-limits
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idoutputs
 * Counted in UTF-16 units, with room to spare for multi-byte characters.
 */
export const SUMMARY_LIMIT = 900_000;

export interface ReportMarkdown {
  /** The review comment's bodies, in order: the `comment-body` output. */
  comment: string;
  /**
   * The job summary, ending with a newline: the comment when it was not shortened; when it was,
   * the full report (every diff, one document) when that fits, instead of repeating the comment.
   */
  summary: string;
}

/**
 * The report as markdown for the job summary and the `comment-body` output: the review comment at
 * GitHub's largest body, every body when it splits (never shortened further); past GitHub's 1 MB
 * for a summary or an output, the bodies that fit and a note counting the others. When the comment
 * was shortened, the job summary holds the full report instead, so that its link leads to more.
 */
export function summaryMarkdown(report: CheckReport, marker: string, limit = SUMMARY_LIMIT): ReportMarkdown {
  const bodies = renderComment(report, { marker });
  let comment = '';
  for (const [index, body] of bodies.entries()) {
    if (comment.length + body.length + 2 > limit) {
      const left = bodies.length - index;
      comment +=
        `\n\n> [!NOTE]\n> ${left} more part${left === 1 ? '' : 's'} of the report did not fit GitHub's ` +
        `1 MB for a job summary: they are in the pull request's comment and check run.`;
      break;
    }
    comment += `${index === 0 ? '' : '\n\n'}${body}`;
  }
  const full = renderFullReport(report, { marker });
  const shortened = bodies.length > 1 || bodies[0] !== full;
  const summary = shortened && full.length <= limit ? full : comment;
  return { comment, summary: `${summary}\n` };
}

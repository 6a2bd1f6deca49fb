import type { CallContext } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type {
  CheckAnnotation,
  CheckRunOutput,
  CommitRef,
  PublishedCheckRun,
  StartedCheckRun,
} from './github-port.ts';

/**
 * "The Checks API limits the number of annotations to a maximum of 50 per API request. To create more
 * than 50 annotations, you have to make multiple requests to the Update a check run endpoint."
 * https://docs.github.com/rest/checks/runs#create-a-check-run (`output.annotations`)
 */
export const ANNOTATIONS_PER_REQUEST = 50;

/** `output.summary` and `output.text`: "Maximum length: 65535 characters." (same page). */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** Annotations sent at most per check run: past this they are counted in the summary, not sent. */
export const DEFAULT_MAX_ANNOTATIONS = 1_000;

/** Annotation titles longer than 255 characters are rejected (same page, `annotations[].title`). */
const TITLE_LIMIT = 255;

const SEVERITY = { failure: 0, warning: 1, notice: 2 } as const;

/** `text` within `limit`, cut with a note that says so (never cut silently). */
function fit(text: string, limit: number, what: string): string {
  if (text.length <= limit) return text;
  const note = `\n\n_… the ${what} was cut at ${limit} characters (GitHub's limit for check run output)._`;
  return text.slice(0, limit - note.length) + note;
}

function annotationPayload(annotation: CheckAnnotation): Record<string, unknown> {
  const sameLine = annotation.startLine === annotation.endLine;
  return {
    path: annotation.path,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    // GitHub rejects columns on multi-line annotations.
    ...(sameLine && annotation.startColumn !== undefined ? { start_column: annotation.startColumn } : {}),
    ...(sameLine && annotation.endColumn !== undefined ? { end_column: annotation.endColumn } : {}),
    annotation_level: annotation.level,
    message: annotation.message,
    ...(annotation.title === undefined ? {} : { title: annotation.title.slice(0, TITLE_LIMIT) }),
    ...(annotation.rawDetails === undefined ? {} : { raw_details: annotation.rawDetails }),
  };
}

function notShownNote(omitted: number, cap: number): string {
  const s = omitted === 1 ? '' : 's';
  return (
    `\n\n> [!NOTE]\n> ${omitted} more annotation${s} not shown: kubeproof sends at most ${cap} per check run. ` +
    `The full list is in the report above and in the job output.`
  );
}

/**
 * Creates a completed check run on `commit`, or completes the one `started` (in progress) with an
 * update call. The most severe annotations go first; the first 50 ride on that first call and the
 * rest follow 50 per update call; past `maxAnnotations` they are counted in the summary instead.
 */
export async function publishCheckRun(
  client: GitHubClient,
  commit: CommitRef,
  check: CheckRunOutput,
  maxAnnotations = DEFAULT_MAX_ANNOTATIONS,
  started?: StartedCheckRun,
): Promise<PublishedCheckRun> {
  const sorted = check.annotations
    .map((annotation, order) => ({ annotation, order }))
    .sort((a, b) => SEVERITY[a.annotation.level] - SEVERITY[b.annotation.level] || a.order - b.order)
    .map((item) => item.annotation);
  const shown = sorted.slice(0, maxAnnotations).map(annotationPayload);
  const omitted = sorted.length - shown.length;
  const note = omitted > 0 ? notShownNote(omitted, maxAnnotations) : '';
  const summary = fit(check.summary, CHECK_OUTPUT_LIMIT - note.length, 'summary') + note;
  const output = {
    title: check.title,
    summary,
    ...(check.text === undefined ? {} : { text: fit(check.text, CHECK_OUTPUT_LIMIT, 'text') }),
  };
  const where = { owner: commit.owner, repo: commit.repo };
  const context = (operation: string): CallContext => ({
    operation,
    permission: 'checks: write',
    subject: `repository ${commit.owner}/${commit.repo} or commit ${commit.sha}`,
  });

  const completion = {
    status: 'completed',
    conclusion: check.conclusion,
    ...(check.detailsUrl === undefined ? {} : { details_url: check.detailsUrl }),
    ...(check.externalId === undefined ? {} : { external_id: check.externalId }),
    output: { ...output, annotations: shown.slice(0, ANNOTATIONS_PER_REQUEST) },
  };
  const created =
    started === undefined
      ? await client.request<{ id: number; html_url: string }>(
          'POST /repos/{owner}/{repo}/check-runs',
          { ...where, name: check.name, head_sha: commit.sha, ...completion },
          context('create the check run'),
        )
      : await client.request<{ id: number; html_url: string }>(
          'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
          { ...where, check_run_id: started.id, name: check.name, ...completion },
          context('complete the check run'),
        );
  for (let start = ANNOTATIONS_PER_REQUEST; start < shown.length; start += ANNOTATIONS_PER_REQUEST) {
    // Each update appends its annotations; the output is sent again whole so nothing else changes.
    await client.request(
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      {
        ...where,
        check_run_id: created.data.id,
        output: { ...output, annotations: shown.slice(start, start + ANNOTATIONS_PER_REQUEST) },
      },
      context('add annotations to the check run'),
    );
  }
  return {
    id: created.data.id,
    url: created.data.html_url,
    annotationsShown: shown.length,
    annotationsOmitted: omitted,
  };
}

import { KubeproofError, UsageError } from '../../core/errors.ts';
import { GITHUB_COMMENT_LIMIT } from '../../core/report/comment/render-comment.ts';
import { GitHubApiError, type CallContext } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { PullRef, UpsertCommentOptions, UpsertedComment } from './github-port.ts';

/**
 * GitHub rejects comment bodies over 65,536 characters:
 * https://docs.github.com/rest/issues/comments#create-an-issue-comment (`body`), and
 * https://github.com/orgs/community/discussions/27190. The renderer splits before that; one
 * definition, the renderer's.
 */
export const COMMENT_BODY_LIMIT = GITHUB_COMMENT_LIMIT;

/** Mutations per GraphQL request when minimizing; far below GitHub's node limits. */
const MINIMIZE_BATCH = 25;

/** Creates of one comment at most, each after looking for what an earlier one may have created. */
const CREATE_ATTEMPTS = 3;

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MARKER = /^<!-- kubeproof:([a-z0-9]+(?:-[a-z0-9]+)*)(?::(\d+))? -->/;

/** A comment body is longer than GitHub accepts. */
export class CommentTooLongError extends KubeproofError {
  override name = 'CommentTooLongError';
}

interface IssueComment {
  id: number;
  node_id: string;
  body?: string | null;
  html_url?: string;
}

interface Marked extends IssueComment {
  key: string;
  /** 1 for the first body, N for `<!-- kubeproof:KEY:N -->`. */
  index: number;
}

/** The hidden marker of body `index` (1-based) of `key`. */
export function commentMarker(key: string, index: number): string {
  return index === 1 ? `<!-- kubeproof:${key} -->` : `<!-- kubeproof:${key}:${index} -->`;
}

/** The key and index of a kubeproof comment, from the marker that starts its body. */
export function parseMarker(body: string): { key: string; index: number } | undefined {
  const match = MARKER.exec(body);
  if (match === null) return undefined;
  return { key: match[1] ?? '', index: match[2] === undefined ? 1 : Number(match[2]) };
}

/** `body` starting with its marker: kept as it is when the renderer already put it there. */
function withMarker(body: string, key: string, index: number): string {
  const marker = commentMarker(key, index);
  const marked = body === marker || body.startsWith(`${marker}\n`) ? body : `${marker}\n${body}`;
  if (marked.length > COMMENT_BODY_LIMIT) {
    throw new CommentTooLongError(
      `comment body ${index} of "${key}" is ${marked.length} characters; GitHub accepts at most ` +
        `${COMMENT_BODY_LIMIT}: render it with a smaller maxLength so it splits into continuation bodies`,
    );
  }
  return marked;
}

/** A failure after which GitHub may still have carried the call out: a 5xx, a timeout, a lost connection. */
function mayHaveSucceeded(error: unknown): boolean {
  return error instanceof GitHubApiError && (error.status === undefined || error.status >= 500);
}

function isOutdated(key: string, current: string, outdated: UpsertCommentOptions['outdatedKeys']): boolean {
  if (key === current || outdated === undefined) return false;
  return outdated === 'all' || outdated.includes(key);
}

/**
 * Upserts the kubeproof comment `key` on a pull request: body N updates the comment marked for N
 * (only when its text changed), or is created; comments of `key` past the last body, and duplicates
 * of one marker, are deleted; comments of `outdatedKeys` are minimized as OUTDATED.
 */
export async function upsertComment(
  client: GitHubClient,
  pr: PullRef,
  key: string,
  bodies: string[],
  options: UpsertCommentOptions = {},
): Promise<UpsertedComment> {
  if (!KEY.test(key)) {
    throw new UsageError(`comment key must be lower-case words joined by dashes, got ${JSON.stringify(key)}`);
  }
  const marked = bodies.map((body, i) => withMarker(body, key, i + 1));
  const where = { owner: pr.owner, repo: pr.repo };
  const context = (operation: string): CallContext => ({
    operation,
    permission: 'pull-requests: write',
    subject: `pull request ${pr.owner}/${pr.repo}#${pr.number}`,
  });

  const listOurs = async (): Promise<Marked[]> => {
    const comments = await client.paginate<IssueComment>(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...where, issue_number: pr.number },
      { ...context('list the comments of the pull request'), permission: 'pull-requests: read' },
    );
    const found: Marked[] = [];
    for (const comment of comments) {
      const marker = parseMarker(comment.body ?? '');
      if (marker !== undefined) found.push({ ...comment, ...marker });
    }
    return found;
  };
  const update = async (existing: Marked, body: string): Promise<string | undefined> => {
    const response = await client.request<IssueComment>(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      { ...where, comment_id: existing.id, body },
      context('update the kubeproof comment'),
    );
    return response.data.html_url ?? existing.html_url;
  };
  /**
   * Creates body `index`. A 5xx or a lost answer may hide a comment GitHub did create, so the
   * create is not repeated blindly: the comments are listed again, and only a missing one is created.
   */
  const create = async (body: string, index: number): Promise<string | undefined> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await client.request<IssueComment>(
          'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
          { ...where, issue_number: pr.number, body },
          { ...context('comment on the pull request'), idempotent: false },
        );
        return response.data.html_url;
      } catch (error) {
        if (!mayHaveSucceeded(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
      const created = (await listOurs()).find((item) => item.key === key && item.index === index);
      if (created !== undefined) {
        return created.body === body ? created.html_url : update(created, body);
      }
    }
  };

  const ours = await listOurs();

  // The oldest comment of each index is the one kept: the conversation lists comments oldest first.
  const kept = new Map<number, Marked>();
  const extra: Marked[] = [];
  for (const comment of ours.filter((item) => item.key === key)) {
    if (kept.has(comment.index) || comment.index > marked.length) extra.push(comment);
    else kept.set(comment.index, comment);
  }

  let url: string | undefined;
  for (const [i, body] of marked.entries()) {
    const existing = kept.get(i + 1);
    let bodyUrl: string | undefined;
    if (existing === undefined) bodyUrl = await create(body, i + 1);
    else if (existing.body !== body) bodyUrl = await update(existing, body);
    else bodyUrl = existing.html_url;
    if (i === 0) url = bodyUrl;
  }
  for (const comment of extra) {
    await client.request(
      'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
      { ...where, comment_id: comment.id },
      context('delete a continuation comment no longer needed'),
    );
  }

  const outdated = ours.filter((comment) => isOutdated(comment.key, key, options.outdatedKeys));
  for (let start = 0; start < outdated.length; start += MINIMIZE_BATCH) {
    await minimizeComments(
      client,
      outdated.slice(start, start + MINIMIZE_BATCH).map((comment) => comment.node_id),
      context('minimize outdated kubeproof comments'),
    );
  }
  return { url };
}

/**
 * Hides comments as outdated, several in one GraphQL request (one aliased mutation each):
 * https://docs.github.com/graphql/reference/mutations#minimizecomment
 */
async function minimizeComments(
  client: GitHubClient,
  nodeIds: string[],
  context: CallContext,
): Promise<void> {
  const parameters = nodeIds.map((_, i) => `$id${i}: ID!`).join(', ');
  const mutations = nodeIds.map(
    (_, i) =>
      `  m${i}: minimizeComment(input: { subjectId: $id${i}, classifier: OUTDATED }) { minimizedComment { isMinimized } }`,
  );
  const query = `mutation(${parameters}) {\n${mutations.join('\n')}\n}`;
  const variables = Object.fromEntries(nodeIds.map((id, i) => [`id${i}`, id]));
  await client.graphql(query, variables, context);
}

import { KubeproofError } from '../../core/errors.ts';
import { GitHubApiError, type CallContext } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { OpenedPullRequest, PromotionPullRequest } from './github-port.ts';

interface GitRef {
  object: { sha: string };
}
interface GitCommit {
  sha: string;
  tree: { sha: string };
  parents: { sha: string }[];
}
/** `GET /repos/{owner}/{repo}/commits/{ref}`: a ref's commit with its tree, in one call. */
interface RefCommit {
  sha: string;
  commit: { tree: { sha: string } };
}
interface PullRequest {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body: string | null;
  labels?: { name: string }[];
}

/** The base branch is no longer at the commit the promotion was planned on: nothing was written. */
export class BaseMovedError extends KubeproofError {
  override name = 'BaseMovedError';
  readonly base: string;
  readonly expected: string;
  readonly actual: string;

  constructor(base: string, expected: string, actual: string) {
    super(
      `${base} moved from ${expected.slice(0, 7)} to ${actual.slice(0, 7)} after the promotion was planned: nothing was written; plan it again on ${base}'s new commit`,
    );
    this.base = base;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Commits `changes` on top of `base` as the single commit of `branch` (created, or force-moved: the
 * branch belongs to kubeproof), through the git data API, then opens a pull request from it or
 * updates the open one. Text files go inline in the tree request, which stores their blobs, so a
 * promotion costs the same few calls whatever the number of files:
 * https://docs.github.com/rest/git/trees#create-a-tree. At most 8 calls (a first promotion: 7 with
 * its label; an update: 8), plus one to turn on auto-merge when asked. Nothing is written when the
 * branch already holds exactly this change on this base and the pull request already says this.
 */
export async function openOrUpdatePullRequest(
  client: GitHubClient,
  request: PromotionPullRequest,
): Promise<OpenedPullRequest> {
  const where = { owner: request.owner, repo: request.repo };
  const name = `${request.owner}/${request.repo}`;
  const context = (operation: string, subject = `repository ${name}`): CallContext => ({
    operation,
    permission: 'contents: write',
    subject,
  });
  const prContext = (operation: string): CallContext => ({
    ...context(operation),
    permission: 'pull-requests: write',
  });

  const readBase = async (): Promise<RefCommit> => {
    try {
      return (
        await client.request<RefCommit>(
          'GET /repos/{owner}/{repo}/commits/{ref}',
          { ...where, ref: request.base },
          { ...context(`read branch ${request.base}`), permission: 'contents: read' },
        )
      ).data;
    } catch (error) {
      // 404: no such repository (or no access); 422: no commit for that ref.
      if (error instanceof GitHubApiError && (error.status === 404 || error.status === 422)) {
        throw new GitHubApiError(
          `the base branch ${request.base} of ${name} does not exist, or the token cannot see it`,
          { status: 404, operation: `read branch ${request.base}` },
        );
      }
      throw error;
    }
  };
  const readRef = async (branch: string): Promise<string | undefined> => {
    try {
      const ref = await client.request<GitRef>(
        'GET /repos/{owner}/{repo}/git/ref/{ref}',
        { ...where, ref: `heads/${branch}` },
        context(`read branch ${branch}`, `branch ${branch} of ${name}`),
      );
      return ref.data.object.sha;
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) return undefined;
      throw error;
    }
  };

  const base = await readBase();
  if (request.baseSha !== undefined && base.sha !== request.baseSha)
    throw new BaseMovedError(request.base, request.baseSha, base.sha);
  const branchSha = await readRef(request.branch);
  const tree = await client.request<{ sha: string }>(
    'POST /repos/{owner}/{repo}/git/trees',
    {
      ...where,
      base_tree: base.commit.tree.sha,
      tree: request.changes.map((change) =>
        change.content === null
          ? { path: change.path, mode: '100644', type: 'blob', sha: null }
          : { path: change.path, mode: '100644', type: 'blob', content: change.content },
      ),
    },
    context('write the promotion tree'),
  );

  const current =
    branchSha === undefined
      ? undefined
      : (
          await client.request<GitCommit>(
            'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
            { ...where, commit_sha: branchSha },
            context(`read commit ${branchSha}`),
          )
        ).data;
  const sameCommit = current?.tree.sha === tree.data.sha && current.parents[0]?.sha === base.sha;
  if (!sameCommit) {
    const commit = await client.request<{ sha: string }>(
      'POST /repos/{owner}/{repo}/git/commits',
      { ...where, message: request.commitMessage, tree: tree.data.sha, parents: [base.sha] },
      context('commit the promotion'),
    );
    if (branchSha === undefined) {
      await client.request(
        'POST /repos/{owner}/{repo}/git/refs',
        { ...where, ref: `refs/heads/${request.branch}`, sha: commit.data.sha },
        context(`create branch ${request.branch}`),
      );
    } else {
      await client.request(
        'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
        { ...where, ref: `heads/${request.branch}`, sha: commit.data.sha, force: true },
        context(`move branch ${request.branch}`),
      );
    }
  }

  // A branch that did not exist has no open pull request (deleting a head branch closes its pull request).
  const existing =
    branchSha === undefined
      ? undefined
      : (
          await client.request<PullRequest[]>(
            'GET /repos/{owner}/{repo}/pulls',
            {
              ...where,
              head: `${request.owner}:${request.branch}`,
              base: request.base,
              state: 'open',
              per_page: 1,
            },
            { ...prContext('find the open promotion pull request'), permission: 'pull-requests: read' },
          )
        ).data[0];

  let pull: PullRequest;
  let created = false;
  let changed = !sameCommit;
  if (existing !== undefined) {
    pull = existing;
    if (existing.title !== request.title || (existing.body ?? '') !== request.body) {
      await client.request(
        'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
        { ...where, pull_number: existing.number, title: request.title, body: request.body },
        prContext('update the promotion pull request'),
      );
      changed = true;
    }
  } else {
    pull = (
      await client.request<PullRequest>(
        'POST /repos/{owner}/{repo}/pulls',
        {
          ...where,
          title: request.title,
          body: request.body,
          head: request.branch,
          base: request.base,
          ...(request.draft === undefined ? {} : { draft: request.draft }),
        },
        prContext('open the promotion pull request'),
      )
    ).data;
    created = true;
    changed = true;
  }

  const have = new Set((pull.labels ?? []).map((label) => label.name));
  const missing = (request.labels ?? []).filter((label) => !have.has(label));
  if (missing.length > 0) {
    // GitHub creates a label that the repository does not have yet.
    await client.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      { ...where, issue_number: pull.number, labels: missing },
      prContext('label the promotion pull request'),
    );
    changed = true;
  }

  const opened: OpenedPullRequest = { number: pull.number, url: pull.html_url, created, changed };
  if (request.autoMerge !== undefined) {
    try {
      await client.graphql(
        'mutation($id: ID!, $mergeMethod: PullRequestMergeMethod!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod }) { clientMutationId } }',
        { id: pull.node_id, mergeMethod: request.autoMerge.toUpperCase() },
        prContext('turn on auto-merge for the promotion pull request'),
      );
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      opened.autoMergeError = error.message;
    }
  }
  return opened;
}

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
interface PullRequest {
  number: number;
  html_url: string;
}

/**
 * Commits `changes` on top of `base` as the single commit of `branch` (created, or force-moved: the
 * branch belongs to kubeproof), through the git data API, then opens a pull request from it or
 * updates the open one. Text files go inline in the tree request, which stores their blobs, so a
 * promotion costs the same few calls whatever the number of files:
 * https://docs.github.com/rest/git/trees#create-a-tree. Nothing is committed when the branch already
 * holds exactly this change.
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
  const readCommit = async (sha: string): Promise<GitCommit> =>
    (
      await client.request<GitCommit>(
        'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
        { ...where, commit_sha: sha },
        context(`read commit ${sha}`),
      )
    ).data;

  const baseSha = await readRef(request.base);
  if (baseSha === undefined) {
    throw new GitHubApiError(
      `the base branch ${request.base} of ${name} does not exist, or the token cannot see it`,
      {
        status: 404,
        operation: `read branch ${request.base}`,
      },
    );
  }
  const branchSha = await readRef(request.branch);
  const baseCommit = await readCommit(baseSha);
  const tree = await client.request<{ sha: string }>(
    'POST /repos/{owner}/{repo}/git/trees',
    {
      ...where,
      base_tree: baseCommit.tree.sha,
      tree: request.changes.map((change) =>
        change.content === null
          ? { path: change.path, mode: '100644', type: 'blob', sha: null }
          : { path: change.path, mode: '100644', type: 'blob', content: change.content },
      ),
    },
    context('write the promotion tree'),
  );

  const current = branchSha === undefined ? undefined : await readCommit(branchSha);
  const unchanged = current?.tree.sha === tree.data.sha && current.parents[0]?.sha === baseSha;
  if (!unchanged) {
    const commit = await client.request<{ sha: string }>(
      'POST /repos/{owner}/{repo}/git/commits',
      { ...where, message: request.commitMessage, tree: tree.data.sha, parents: [baseSha] },
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

  const prContext = (operation: string): CallContext => ({
    ...context(operation),
    permission: 'pull-requests: write',
  });
  const open = await client.request<PullRequest[]>(
    'GET /repos/{owner}/{repo}/pulls',
    { ...where, head: `${request.owner}:${request.branch}`, base: request.base, state: 'open', per_page: 1 },
    { ...prContext('find the open promotion pull request'), permission: 'pull-requests: read' },
  );
  const existing = open.data[0];
  if (existing !== undefined) {
    await client.request(
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
      { ...where, pull_number: existing.number, title: request.title, body: request.body },
      prContext('update the promotion pull request'),
    );
    return { number: existing.number, url: existing.html_url, created: false };
  }
  const created = await client.request<PullRequest>(
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
  );
  return { number: created.data.number, url: created.data.html_url, created: true };
}

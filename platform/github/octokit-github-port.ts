import { getPermission } from './get-permission.ts';
import { getPullRequest } from './get-pull-request.ts';
import { getBranch } from './get-branch.ts';
import { getTree } from './get-tree.ts';
import { createGitHubClient, type GitHubClientOptions, type OctokitLike } from './github-client.ts';
import type { GitHubPort } from './github-port.ts';
import { listChangedFiles } from './list-changed-files.ts';
import { listCheckRuns } from './list-check-runs.ts';
import { openOrUpdatePullRequest } from './open-or-update-pull-request.ts';
import { DEFAULT_MAX_ANNOTATIONS, publishCheckRun } from './publish-check-run.ts';
import { postComment } from './post-comment.ts';
import { startCheckRun } from './start-check-run.ts';
import { upsertComment } from './upsert-comment.ts';

export interface OctokitGitHubPortOptions extends GitHubClientOptions {
  /** Annotations sent at most per check run; the rest are counted in its summary. Default 1,000. */
  maxAnnotations?: number;
  /** Bytes a downloaded tarball may unpack to (it is read in memory). Default 512 MiB. */
  maxTarballBytes?: number;
}

/**
 * The GitHub port over an Octokit: `getOctokit(token)` from `@actions/github` in the Action,
 * `context.octokit` in the Probot app. The Octokit gets kubeproof's retry layer (plugin-retry and
 * plugin-throttling: 5xx, 429, rate limits and network errors, up to `retries` times, honouring
 * `retry-after`) unless it has its own (`addRetryLayer`); every call fails with a `GitHubApiError`
 * that says what to do.
 */
export function createOctokitGitHubPort(
  octokit: OctokitLike,
  options: OctokitGitHubPortOptions = {},
): GitHubPort {
  const client = createGitHubClient(octokit, options);
  const maxAnnotations = options.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS;
  return {
    getTree: (repo, ref) =>
      getTree(
        client,
        repo,
        ref,
        options.maxTarballBytes === undefined ? {} : { maxBytes: options.maxTarballBytes },
      ),
    getBranch: (repo, branch) => getBranch(client, repo, branch),
    listChangedFiles: (pr) => listChangedFiles(client, pr),
    upsertComment: (pr, key, bodies, upsertOptions) => upsertComment(client, pr, key, bodies, upsertOptions),
    startCheckRun: (commit, start) => startCheckRun(client, commit, start),
    publishCheckRun: (commit, check, started) =>
      publishCheckRun(client, commit, check, maxAnnotations, started),
    openOrUpdatePullRequest: (request) => openOrUpdatePullRequest(client, request),
    getPullRequest: (pr) => getPullRequest(client, pr),
    listCheckRuns: (commit, name) => listCheckRuns(client, commit, name),
    getPermission: (repo, user) => getPermission(client, repo, user),
    postComment: (issue, body) => postComment(client, issue, body),
  };
}

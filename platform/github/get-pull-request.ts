import type { GitHubClient } from './github-client.ts';
import type { PullRef, PullRequestState } from './github-port.ts';

interface PullPayload {
  number: number;
  state: 'open' | 'closed';
  draft?: boolean;
  head: { sha: string };
  base: { sha: string; ref: string };
}

/**
 * The pull request as it stands now: its head may have moved since the webhook that started a check
 * (a newer push), and a result for an older head must not be published over the newer one.
 * https://docs.github.com/rest/pulls/pulls#get-a-pull-request
 */
export async function getPullRequest(client: GitHubClient, pr: PullRef): Promise<PullRequestState> {
  const { data } = await client.request<PullPayload>(
    'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    { owner: pr.owner, repo: pr.repo, pull_number: pr.number },
    {
      operation: `read pull request ${pr.owner}/${pr.repo}#${pr.number}`,
      permission: 'pull-requests: read',
      subject: `pull request ${pr.owner}/${pr.repo}#${pr.number}`,
    },
  );
  return {
    number: data.number,
    state: data.state,
    draft: data.draft === true,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
  };
}

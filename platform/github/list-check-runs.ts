import type { GitHubClient } from './github-client.ts';
import type { CheckRunRecord, CommitRef } from './github-port.ts';

interface CheckRunPayload {
  id: number;
  html_url: string;
  status: CheckRunRecord['status'];
  conclusion: string | null;
  started_at: string | null;
  app?: { id: number } | null;
}

/**
 * The check runs named `name` on a commit, the latest of each (`filter: latest`), at most 100: a
 * commit carries a handful of kubeproof runs. https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function listCheckRuns(
  client: GitHubClient,
  commit: CommitRef,
  name: string,
): Promise<CheckRunRecord[]> {
  const { data } = await client.request<{ check_runs: CheckRunPayload[] }>(
    'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
    {
      owner: commit.owner,
      repo: commit.repo,
      ref: commit.sha,
      check_name: name,
      filter: 'latest',
      per_page: 100,
    },
    {
      operation: `list the check runs of ${commit.owner}/${commit.repo} at ${commit.sha}`,
      permission: 'checks: read',
      subject: `repository ${commit.owner}/${commit.repo} or commit ${commit.sha}`,
    },
  );
  return data.check_runs.map((run) => ({
    id: run.id,
    url: run.html_url,
    status: run.status,
    conclusion: run.conclusion,
    startedAt: run.started_at,
    appId: run.app?.id,
  }));
}

import type { GitHubClient } from './github-client.ts';
import type { CheckRunStart, CommitRef, StartedCheckRun } from './github-port.ts';

/**
 * Creates a check run `in_progress` on `commit`, so the pull request shows the check running
 * while it renders and validates; publishCheckRun completes it. `status`: "Can be one of: queued,
 * in_progress" besides completed, and `started_at`: https://docs.github.com/rest/checks/runs#create-a-check-run
 */
export async function startCheckRun(
  client: GitHubClient,
  commit: CommitRef,
  start: CheckRunStart,
): Promise<StartedCheckRun> {
  const created = await client.request<{ id: number; html_url: string }>(
    'POST /repos/{owner}/{repo}/check-runs',
    {
      owner: commit.owner,
      repo: commit.repo,
      name: start.name,
      head_sha: commit.sha,
      status: 'in_progress',
      ...(start.startedAt === undefined ? {} : { started_at: start.startedAt }),
      ...(start.detailsUrl === undefined ? {} : { details_url: start.detailsUrl }),
    },
    {
      operation: 'start the check run',
      permission: 'checks: write',
      subject: `repository ${commit.owner}/${commit.repo} or commit ${commit.sha}`,
    },
  );
  return { id: created.data.id, url: created.data.html_url };
}

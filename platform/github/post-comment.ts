import type { GitHubClient } from './github-client.ts';
import type { PullRef, UpsertedComment } from './github-port.ts';

/**
 * A new comment on an issue or pull request: an answer to a command, which is its own message (the
 * report is the sticky one, upsertComment). Not repeated blindly: a retried create could post twice.
 * https://docs.github.com/rest/issues/comments#create-an-issue-comment
 */
export async function postComment(
  client: GitHubClient,
  issue: PullRef,
  body: string,
): Promise<UpsertedComment> {
  const { data } = await client.request<{ html_url?: string }>(
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { owner: issue.owner, repo: issue.repo, issue_number: issue.number, body },
    {
      operation: `comment on ${issue.owner}/${issue.repo}#${issue.number}`,
      permission: 'issues: write',
      subject: `issue or pull request ${issue.owner}/${issue.repo}#${issue.number}`,
      idempotent: false,
    },
  );
  return { url: data.html_url };
}

import type { GitHubClient } from './github-client.ts';
import type { BranchRef, RepoRef } from './github-port.ts';

/**
 * A branch and the commit it is at; without a name, the repository's default branch (one more
 * call: https://docs.github.com/rest/repos/repos#get-a-repository, then
 * https://docs.github.com/rest/branches/branches#get-a-branch).
 */
export async function getBranch(client: GitHubClient, repo: RepoRef, branch?: string): Promise<BranchRef> {
  const name = `${repo.owner}/${repo.repo}`;
  const where = { owner: repo.owner, repo: repo.repo };
  const read = { permission: 'contents: read', subject: `repository ${name}` };
  const wanted =
    branch ??
    (
      await client.request<{ default_branch: string }>('GET /repos/{owner}/{repo}', where, {
        ...read,
        operation: `read repository ${name}`,
      })
    ).data.default_branch;
  const found = await client.request<{ name: string; commit: { sha: string } }>(
    'GET /repos/{owner}/{repo}/branches/{branch}',
    { ...where, branch: wanted },
    { ...read, operation: `read branch ${wanted}`, subject: `branch ${wanted} of ${name}` },
  );
  return { name: found.data.name, sha: found.data.commit.sha };
}

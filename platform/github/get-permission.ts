import type { GitHubClient } from './github-client.ts';
import { GitHubApiError } from './github-api-error.ts';
import type { RepoPermission, RepoRef } from './github-port.ts';

const LEVELS = new Set<string>(['admin', 'write', 'read', 'none']);

/**
 * What `user` may do in a repository: `permission` is admin, write, read or none (maintain reads as
 * write, triage as read). Someone GitHub does not know as a collaborator (a 404) may do nothing.
 * https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
 */
export async function getPermission(
  client: GitHubClient,
  repo: RepoRef,
  user: string,
): Promise<RepoPermission> {
  try {
    const { data } = await client.request<{ permission: string }>(
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      { owner: repo.owner, repo: repo.repo, username: user },
      {
        operation: `read ${user}'s permission on ${repo.owner}/${repo.repo}`,
        permission: 'metadata: read',
        subject: `user ${user} on ${repo.owner}/${repo.repo}`,
      },
    );
    return LEVELS.has(data.permission) ? (data.permission as RepoPermission) : 'none';
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return 'none';
    throw error;
  }
}

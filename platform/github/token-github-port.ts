import { getOctokit } from '@actions/github';
import { normalizeGitUrl } from '../../core/render/environments/repository-identity.ts';
import type { GitHubPort, RepoRef } from './github-port.ts';
import { createOctokitGitHubPort, type OctokitGitHubPortOptions } from './octokit-github-port.ts';

/** The REST API of github.com; a GitHub Enterprise Server's is `https://HOST/api/v3` (GITHUB_API_URL). */
export const GITHUB_API = 'https://api.github.com';

/**
 * The GitHub port for a token outside the Actions (the CLI): `@actions/github`'s Octokit, which
 * honours the proxy variables, against `apiUrl`.
 */
export function createTokenGitHubPort(
  token: string,
  apiUrl: string = GITHUB_API,
  options: OctokitGitHubPortOptions = {},
): GitHubPort {
  return createOctokitGitHubPort(getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') }), options);
}

/** `owner/name` of a git remote's URL (`https://github.com/o/r.git`, `git@github.com:o/r`), or undefined. */
export function repoOfRemote(url: string): RepoRef | undefined {
  const parts = normalizeGitUrl(url)?.split('/');
  if (parts === undefined || parts.length !== 3) return undefined;
  // normalizeGitUrl lower-cases; GitHub's owner and repository names are not case-sensitive.
  return { owner: parts[1] as string, repo: parts[2] as string };
}

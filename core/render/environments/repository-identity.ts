/**
 * Which repository is being checked, as data the front doors give (the CLI from the folder's git
 * remotes, the Actions from GITHUB_REPOSITORY, the config from `repository.urls`): discovery uses
 * it to tell the Argo CD sources and Flux GitRepositories of this repository from the others.
 */

export interface RepositoryIdentity {
  /** The URLs this repository is known by, as written (`https://github.com/o/r.git`, `git@github.com:o/r`). */
  urls: string[];
  /** The branch the check is about (a pull request's base branch, the checked-out branch), when known. */
  branch?: string;
  /** Where the URLs come from, for messages: `git remote origin`, `GITHUB_REPOSITORY`. */
  origin?: string;
}

/**
 * A git URL in one comparable form, `host/path` in lower case (GitHub and GitLab paths are not
 * case-sensitive), whatever its written form: `https://[user@]host[:port]/o/r[.git][/]`,
 * `ssh://git@host[:port]/o/r`, scp-like `git@host:o/r.git`, `git://host/o/r`. Undefined when it
 * is not a git URL of a host (a bare name, a local path).
 */
export function normalizeGitUrl(url: string): string | undefined {
  const text = url.trim();
  let host: string;
  let path: string;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?(\/.*)?$/i.exec(text);
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(text);
  if (scheme) {
    if (scheme[1]?.toLowerCase() === 'file') return undefined;
    host = scheme[2] as string;
    path = scheme[3] ?? '';
  } else if (scp && (scp[1] as string).includes('.')) {
    host = scp[1] as string;
    path = scp[2] as string;
  } else return undefined;
  const cleaned = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
  if (cleaned === '') return undefined;
  return `${host}/${cleaned}`.toLowerCase();
}

/**
 * True when `url` names this repository, false when it names another one, undefined when
 * kubeproof does not know this repository's URLs (then callers keep the old assumption and say so).
 */
export function isThisRepository(identity: RepositoryIdentity | undefined, url: string): boolean | undefined {
  const known = (identity?.urls ?? []).map(normalizeGitUrl).filter((value) => value !== undefined);
  if (known.length === 0) return undefined;
  const wanted = normalizeGitUrl(url);
  return wanted !== undefined && known.includes(wanted);
}

/** `https://github.com/o/r` (the first URL as written), for messages. */
export function describeRepository(identity: RepositoryIdentity): string {
  const first = identity.urls[0] ?? 'this repository';
  return identity.origin ? `${first} (${identity.origin})` : first;
}

/**
 * Paths inside a repository: POSIX, relative to its root, never leaving it. kustomize resolves
 * every path of a kustomization against the kustomization's folder; kubeproof refuses the ones
 * that climb out of the repository, and never fetches remote ones.
 */

/** Joins a folder and a relative path, normalising `.` and `..`; undefined when it leaves the root. */
export function joinRepoPath(folder: string, relative: string): string | undefined {
  if (relative.startsWith('/')) return undefined;
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The folder of a repository path (`''` for a file at the root). */
export function dirnameRepoPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

// What kustomize takes for a remote target: a URL scheme, scp-style git, a host-looking first
// segment (github.com/org/repo), or a go-getter style `//` subdirectory or `?ref=` query.
const REMOTE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|[a-z0-9-]+(?:\.[a-z0-9-]+)+\/[^/]|.*\?(?:ref|version|submodules|timeout)=)/i;

/** True when kustomize would fetch this resource or base over the network. */
export function isRemoteReference(reference: string): boolean {
  return REMOTE.test(reference) || reference.includes('//');
}

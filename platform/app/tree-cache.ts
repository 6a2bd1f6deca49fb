import type { FileSource } from '../../core/files/file-source.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';

/** Trees kept: a commit is read by every event about it (a base shared by several pull requests);
 * each is held in memory, so few. */
const DEFAULT_ENTRIES = 8;

export interface TreeCache {
  /** The files of a commit: one tarball download (through `port`) per SHA while it stays in the cache. */
  get(port: Pick<GitHubPort, 'getTree'>, repo: RepoRef, sha: string): Promise<FileSource>;
  size(): number;
}

/**
 * Trees by commit SHA (a SHA's files never change), the most recently used `entries` kept. A failed
 * download is not kept, so the next event tries again. The size limit is the port's
 * (`maxTarballBytes`), with an error that says so.
 */
export function createTreeCache(entries = DEFAULT_ENTRIES): TreeCache {
  const trees = new Map<string, Promise<FileSource>>();
  return {
    size: () => trees.size,
    get(port, repo, sha) {
      const key = `${repo.owner}/${repo.repo}@${sha}`;
      const known = trees.get(key);
      if (known !== undefined) {
        trees.delete(key);
        trees.set(key, known);
        return known;
      }
      const loading = port.getTree(repo, sha);
      trees.set(key, loading);
      loading.catch(() => {
        if (trees.get(key) === loading) trees.delete(key);
      });
      while (trees.size > entries) trees.delete(trees.keys().next().value as string);
      return loading;
    },
  };
}

import type { FileSource } from '../../files/file-source.ts';
import { folderPrefix } from './repo-path.ts';

/** Every folder and file of a repository, repository-relative and sorted. */
export interface RepositoryTree {
  /** Folders, the root (`''`) first. */
  directories: string[];
  files: string[];
}

/** Folders never walked: tool output and dependencies, never GitOps sources. */
const SKIPPED = new Set(['node_modules', 'dist', 'vendor']);

/** How many folders are listed at once (a git-tree source answers from memory, a disk one does I/O). */
const CONCURRENCY = 16;

/**
 * Lists the repository once, breadth first with a few listings in flight. Skips `node_modules`,
 * `dist`, `vendor` and every folder whose name starts with `.` (`.git`, `.github`: Argo CD's git
 * directory generator ignores those too). Symbolic links are not followed: they could loop, and
 * kustomize reads the folder they point to under its real path anyway.
 */
export async function walkRepository(files: FileSource): Promise<RepositoryTree> {
  const directories: string[] = [];
  const found: string[] = [];
  let level = [''];
  while (level.length > 0) {
    const next: string[] = [];
    for (let start = 0; start < level.length; start += CONCURRENCY) {
      const batch = level.slice(start, start + CONCURRENCY);
      const listings = await Promise.all(batch.map((dir) => files.listDirectory(dir)));
      for (const [i, entries] of listings.entries()) {
        const dir = batch[i] as string;
        if (!entries) continue;
        directories.push(dir);
        for (const entry of entries) {
          const path = `${folderPrefix(dir)}${entry.name}`;
          if (entry.type === 'file') found.push(path);
          else if (entry.type === 'directory' && !entry.name.startsWith('.') && !SKIPPED.has(entry.name))
            next.push(path);
        }
      }
    }
    level = next;
  }
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return { directories: directories.sort(byPath), files: found.sort(byPath) };
}

import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { DirectoryEntry, FileSource } from '../core/render/types.ts';

function toRepoPath(root: string, absolute: string): string | undefined {
  const rel = relative(root, absolute);
  if (rel === '') return '';
  if (rel.startsWith('..') || resolve(root, rel) !== absolute) return undefined;
  return rel.split(sep).join('/');
}

/**
 * A FileSource over a folder on disk, the repository root. Paths are repository-relative. A
 * symlink is followed only while it stays inside the root: one that leaves it is listed with no
 * target, and reading through it gives nothing (the renderer reports it as a finding).
 */
export async function diskFileSource(rootPath: string): Promise<FileSource> {
  const root = await realpath(resolve(rootPath));
  const inside = async (path: string): Promise<string | undefined> => {
    try {
      const real = await realpath(resolve(root, path));
      return toRepoPath(root, real) === undefined ? undefined : real;
    } catch {
      return undefined;
    }
  };
  return {
    async readFile(path) {
      const real = await inside(path);
      if (real === undefined) return undefined;
      try {
        if (!(await stat(real)).isFile()) return undefined;
        return new Uint8Array(await readFile(real));
      } catch {
        return undefined;
      }
    },
    async listDirectory(path) {
      const real = await inside(path);
      if (real === undefined) return undefined;
      let names: string[];
      try {
        names = (await readdir(real)).sort();
      } catch {
        return undefined;
      }
      const entries: DirectoryEntry[] = [];
      for (const name of names) {
        const child = `${real}${sep}${name}`;
        const info = await lstat(child).catch(() => undefined);
        if (info === undefined) continue;
        if (info.isSymbolicLink()) {
          const target = await realpath(child).catch(() => undefined);
          const repoTarget = target === undefined ? undefined : toRepoPath(root, target);
          entries.push(
            repoTarget === undefined
              ? { name, type: 'symlink' }
              : { name, type: 'symlink', target: repoTarget },
          );
        } else if (info.isDirectory()) entries.push({ name, type: 'directory' });
        else if (info.isFile()) entries.push({ name, type: 'file' });
      }
      return entries;
    },
  };
}

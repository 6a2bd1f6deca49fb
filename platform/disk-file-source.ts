import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { DirectoryEntry, FileSource } from '../core/files/file-source.ts';

function toRepoPath(root: string, absolute: string): string | undefined {
  const rel = relative(root, absolute);
  if (rel === '') return '';
  if (rel.startsWith('..') || resolve(root, rel) !== absolute) return undefined;
  return rel.split(sep).join('/');
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A FileSource over a folder on disk, the repository root. Paths are repository-relative. A
 * symlink is followed only while it stays inside the root: one that leaves it is listed with no
 * target, and reading through it gives nothing (the renderer reports it as a finding).
 *
 * Folder listings are read once and kept (a run renders many environments over the same bases):
 * every path is checked segment by segment against them, so a read costs one `open`, not a
 * `realpath` and a `stat`. Reads are synchronous: for the many small files of a GitOps repository
 * that is several times faster than the thread pool's open/stat/read/close round trips. The files
 * are taken not to change while the source is in use.
 */
export async function diskFileSource(rootPath: string): Promise<FileSource> {
  const root = realpathSync(resolve(rootPath));
  const listings = new Map<string, Promise<DirectoryEntry[] | undefined>>();

  async function list(dir: string): Promise<DirectoryEntry[] | undefined> {
    const absolute = dir === '' ? root : `${root}${sep}${dir.split('/').join(sep)}`;
    let dirents;
    try {
      dirents = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return undefined;
    }
    const entries: DirectoryEntry[] = [];
    for (const dirent of dirents) {
      const name = dirent.name;
      if (dirent.isSymbolicLink()) {
        const target = realTarget(`${absolute}${sep}${name}`);
        const repoTarget = target === undefined ? undefined : toRepoPath(root, target);
        entries.push(
          repoTarget === undefined
            ? { name, type: 'symlink' }
            : { name, type: 'symlink', target: repoTarget },
        );
      } else if (dirent.isDirectory()) entries.push({ name, type: 'directory' });
      else if (dirent.isFile()) entries.push({ name, type: 'file' });
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  function listDirectoryOnce(dir: string): Promise<DirectoryEntry[] | undefined> {
    let listing = listings.get(dir);
    if (listing === undefined) {
      listing = resolveDirectory(dir).then((real) => (real === undefined ? undefined : list(real)));
      listings.set(dir, listing);
    }
    return listing;
  }

  /** The real repository path of a folder path, following symlinks that stay inside; undefined otherwise. */
  async function resolveDirectory(dir: string): Promise<string | undefined> {
    if (dir === '') return '';
    const slash = dir.lastIndexOf('/');
    const parent = slash === -1 ? '' : dir.slice(0, slash);
    const name = dir.slice(slash + 1);
    if (name === '.' || name === '..' || name === '') return undefined;
    const entries = await listDirectoryOnce(parent);
    const entry = entries?.find((candidate) => candidate.name === name);
    if (entry === undefined) return undefined;
    if (entry.type === 'directory') {
      const realParent = await resolveDirectory(parent);
      return realParent === undefined ? undefined : realParent === '' ? name : `${realParent}/${name}`;
    }
    return entry.type === 'symlink' ? entry.target : undefined;
  }

  return {
    async readFile(path) {
      const slash = path.lastIndexOf('/');
      const dir = slash === -1 ? '' : path.slice(0, slash);
      const name = path.slice(slash + 1);
      const entries = await listDirectoryOnce(dir);
      const entry = entries?.find((candidate) => candidate.name === name);
      if (entry === undefined) return undefined;
      let real: string;
      if (entry.type === 'file') {
        const realDir = await resolveDirectory(dir);
        if (realDir === undefined) return undefined;
        real = realDir === '' ? name : `${realDir}/${name}`;
      } else if (entry.type === 'symlink' && entry.target !== undefined) real = entry.target;
      else return undefined;
      try {
        return new Uint8Array(readFileSync(`${root}${sep}${real.split('/').join(sep)}`));
      } catch {
        return undefined;
      }
    },
    listDirectory: listDirectoryOnce,
  };
}

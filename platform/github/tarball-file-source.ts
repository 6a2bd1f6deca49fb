import type { DirectoryEntry, FileSource } from '../../core/render/types.ts';
import type { TarEntry } from './read-tarball.ts';

/** `a/./b/../c` -> `a/c`; undefined when it climbs above the root. */
function normalize(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The path without the archive's top folder (`owner-repo-sha/`), or undefined for that folder itself. */
function stripTop(path: string): string | undefined {
  const slash = path.indexOf('/');
  if (slash === -1) return undefined;
  const rest = normalize(path.slice(slash + 1));
  return rest === '' ? undefined : rest;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A FileSource over the entries of a GitHub tarball, whose paths all start with one top folder
 * (`owner-repo-sha/`) that is dropped. Symlinks inside the tree resolve to their target (chains too);
 * ones that leave the tree, or loop, read as missing and list without a target.
 */
export function tarballFileSource(entries: TarEntry[]): FileSource {
  const contents = new Map<string, Uint8Array>();
  const links = new Map<string, string | undefined>();
  const folders = new Map<string, Map<string, DirectoryEntry>>([['', new Map()]]);
  const add = (path: string, entry: DirectoryEntry): void => {
    const dir = parentOf(path);
    let folder = folders.get(dir);
    if (folder === undefined) {
      folder = new Map();
      folders.set(dir, folder);
      if (dir !== '') add(dir, { name: baseName(dir), type: 'directory' });
    }
    folder.set(entry.name, entry);
  };
  const hardlinks: [string, string][] = [];
  for (const entry of entries) {
    const path = stripTop(entry.path);
    if (path === undefined) continue;
    if (entry.type === 'file') {
      contents.set(path, entry.content);
      add(path, { name: baseName(path), type: 'file' });
    } else if (entry.type === 'directory') {
      if (!folders.has(path)) folders.set(path, new Map());
      if (path !== '') add(path, { name: baseName(path), type: 'directory' });
    } else if (entry.type === 'symlink') {
      const target = entry.target.startsWith('/')
        ? undefined
        : normalize(`${parentOf(path)}/${entry.target}`);
      links.set(path, target);
      add(path, { name: baseName(path), type: 'symlink', ...(target === undefined ? {} : { target }) });
    } else {
      const target = stripTop(entry.target);
      if (target !== undefined) hardlinks.push([path, target]);
    }
  }
  for (const [path, target] of hardlinks) {
    const content = contents.get(target);
    if (content === undefined) continue;
    contents.set(path, content);
    add(path, { name: baseName(path), type: 'file' });
  }

  /** The real path behind `path`, following symlinks in any of its folders; undefined when one leaves the tree. */
  const resolve = (path: string): string | undefined => {
    let current = path;
    for (let hops = 0; hops <= 32; hops++) {
      const parts = current === '' ? [] : current.split('/');
      let linked = false;
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (!links.has(prefix)) continue;
        const target = links.get(prefix);
        if (target === undefined) return undefined;
        current = [target, ...parts.slice(i)].filter((part) => part !== '').join('/');
        linked = true;
        break;
      }
      if (!linked) return current;
    }
    return undefined;
  };

  return {
    async readFile(path) {
      const real = resolve(path);
      return real === undefined ? undefined : contents.get(real);
    },
    async listDirectory(path) {
      const real = resolve(path);
      const folder = real === undefined ? undefined : folders.get(real);
      if (folder === undefined) return undefined;
      return [...folder.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

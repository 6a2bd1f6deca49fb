import type { DirectoryEntry, FileSource } from './file-source.ts';

/** The files of a tree held in memory (a git ref, a tarball), by repository-relative path. */
export interface MemoryTree {
  files: ReadonlyMap<string, Uint8Array>;
  /** Symlinks: their repository-relative target, or undefined when it leaves the tree. */
  links: ReadonlyMap<string, string | undefined>;
  /** Folders that exist even when empty. */
  directories?: Iterable<string>;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A FileSource over a tree in memory. Symlinks resolve to their target, in any folder of a path and
 * through chains; ones that leave the tree, or loop, read as missing and list without a target.
 */
export function treeFileSource(tree: MemoryTree): FileSource {
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
  for (const path of tree.directories ?? []) {
    if (path === '' || folders.has(path)) continue;
    folders.set(path, new Map());
    add(path, { name: baseName(path), type: 'directory' });
  }
  for (const path of tree.files.keys()) add(path, { name: baseName(path), type: 'file' });
  for (const [path, target] of tree.links)
    add(path, { name: baseName(path), type: 'symlink', ...(target === undefined ? {} : { target }) });

  /** The real path behind `path`, following symlinks in any of its folders; undefined when one leaves the tree. */
  const resolve = (path: string): string | undefined => {
    let current = path;
    for (let hops = 0; hops <= 32; hops++) {
      const parts = current === '' ? [] : current.split('/');
      let linked = false;
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (!tree.links.has(prefix)) continue;
        const target = tree.links.get(prefix);
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
      return real === undefined ? undefined : tree.files.get(real);
    },
    async listDirectory(path) {
      const real = resolve(path);
      const folder = real === undefined ? undefined : folders.get(real);
      if (folder === undefined) return undefined;
      return [...folder.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

import { joinRepoPath } from '../../core/files/repo-paths.ts';
import { treeFileSource } from '../../core/files/tree-file-source.ts';
import type { FileSource } from '../../core/files/file-source.ts';
import type { TarEntry } from './read-tarball.ts';

/** The path without the archive's top folder (`owner-repo-sha/`), or undefined for that folder itself. */
function stripTop(path: string): string | undefined {
  const slash = path.indexOf('/');
  if (slash === -1) return undefined;
  const rest = joinRepoPath('', path.slice(slash + 1));
  return rest === '' ? undefined : rest;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * A FileSource over the entries of a GitHub tarball, whose paths all start with one top folder
 * (`owner-repo-sha/`) that is dropped. Symlinks inside the tree resolve to their target (chains too);
 * ones that leave the tree, or loop, read as missing and list without a target.
 */
export function tarballFileSource(entries: TarEntry[]): FileSource {
  const files = new Map<string, Uint8Array>();
  const links = new Map<string, string | undefined>();
  const directories: string[] = [];
  const hardlinks: [string, string][] = [];
  for (const entry of entries) {
    const path = stripTop(entry.path);
    if (path === undefined) continue;
    if (entry.type === 'file') files.set(path, entry.content);
    else if (entry.type === 'directory') directories.push(path);
    else if (entry.type === 'symlink')
      links.set(path, entry.target.startsWith('/') ? undefined : joinRepoPath(parentOf(path), entry.target));
    else {
      const target = stripTop(entry.target);
      if (target !== undefined) hardlinks.push([path, target]);
    }
  }
  for (const [path, target] of hardlinks) {
    const content = files.get(target);
    if (content !== undefined) files.set(path, content);
  }
  return treeFileSource({ files, links, directories });
}

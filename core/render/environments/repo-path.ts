import { joinRepoPath } from '../../files/repo-paths.ts';

/**
 * A path written in a manifest or the config (`./envs/prod/`, `envs/prod`, `.`) as a
 * repository-relative path (`envs/prod`, `''` for the root); undefined when it is absolute or
 * climbs out of the repository.
 */
export function normalizeRepoPath(text: string): string | undefined {
  if (text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text)) return undefined;
  return joinRepoPath('', text);
}

/** True when `path` is `folder` or lies anywhere beneath it. */
export function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `'envs/prod'` -> `'envs/prod/'`, `''` -> `''`: a prefix to put before a file name. */
export function folderPrefix(folder: string): string {
  return folder === '' ? '' : `${folder}/`;
}

/** The path as people read it in a message (`.` for the root). */
export function showPath(path: string): string {
  return path === '' ? '.' : path;
}

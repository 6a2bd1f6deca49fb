import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { kustomizationReads } from '../core/render/environments/affected-environments.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';

/** The folder files are read from, and how it was chosen (for messages). */
export interface Root {
  root: string;
  /** `the git work tree holding DIR`, `given with -root`... */
  how: string;
}

/** The git work tree holding `folder`: the nearest ancestor with a `.git` folder (or file, for worktrees and submodules). */
export function gitWorkTree(folder: string): string | undefined {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The repository a folder belongs to: its git work tree, else the current directory when the folder is in it, else the folder. */
export function repositoryRoot(folder: string, cwd: string): string {
  return gitWorkTree(folder) ?? (isInside(folder, cwd) ? cwd : folder);
}

/** The deepest folder holding every one of `paths` (absolute). */
function commonFolder(paths: readonly string[]): string {
  const [first, ...rest] = paths.map((path) => path.split(sep));
  let shared = first ?? [];
  for (const segments of rest) {
    let length = 0;
    while (length < shared.length && length < segments.length && shared[length] === segments[length])
      length++;
    shared = shared.slice(0, length);
  }
  return shared.join(sep) || parse(paths[0] ?? sep).root;
}

/**
 * The deepest folder that holds everything a kustomization reads, followed from `folder` through
 * its resources, bases and components (their real paths too, for symlinks), and the current
 * directory when the folder is in it.
 */
async function referencesRoot(folder: string, cwd: string): Promise<string> {
  const top = parse(folder).root;
  const files = await diskFileSource(top);
  const toRepo = (path: string): string => relative(top, path).split(sep).join('/');
  const reads = await kustomizationReads(toRepo(folder), files);
  const paths = [folder, ...(isInside(folder, cwd) ? [cwd] : [])];
  for (const read of reads) {
    const absolute = join(top, read);
    paths.push(absolute);
    try {
      paths.push(realpathSync(absolute));
    } catch {
      // Missing: the build says so, with the kustomization's line.
    }
  }
  return commonFolder(paths);
}

/**
 * Where `kubeproof render DIR` reads from, so that it renders whatever `kubectl kustomize DIR`
 * renders from any working directory: the `-root` flag; else the git work tree holding DIR; else
 * (outside git) the folder holding everything the kustomization references.
 */
export async function renderRoot(folder: string, cwd: string, flag: string | undefined): Promise<Root> {
  if (flag !== undefined) {
    const root = existingFolder(cwd, flag, '-root');
    if (!isInside(folder, root)) throw new UsageError(`${folder} is not inside -root ${root}`);
    return { root, how: 'given with -root' };
  }
  const git = gitWorkTree(folder);
  if (git !== undefined) return { root: git, how: `the git work tree holding ${folder}` };
  return {
    root: await referencesRoot(folder, cwd),
    how: `outside git: the folder holding everything ${folder} references`,
  };
}

/**
 * A path given on the command line, absolute, and whether it is a folder; a one-line UsageError
 * naming it when it does not exist (`what` names a flag: `-base`, `-root`).
 */
export function existingPath(cwd: string, path: string, what = ''): { path: string; folder: boolean } {
  const absolute = resolve(cwd, path);
  const found = statSync(absolute, { throwIfNoEntry: false });
  const named = `${what === '' ? '' : `${what} `}${path}`;
  if (found === undefined)
    throw new UsageError(`${named}: no such folder${absolute === path ? '' : ` (${absolute})`}`);
  return { path: absolute, folder: found.isDirectory() };
}

/** existingPath, and a one-line UsageError when the path is a file. */
export function existingFolder(cwd: string, path: string, what = ''): string {
  const found = existingPath(cwd, path, what);
  if (!found.folder)
    throw new UsageError(`${what === '' ? '' : `${what} `}${path}: a file, not a folder (give a folder)`);
  return found.path;
}

/** How a message names a folder checked: relative to the current directory when inside it. */
export function showFolder(folder: string, cwd: string, isFolder = true): string {
  const rel = relative(cwd, folder);
  const shown =
    rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? folder : rel.split(sep).join('/');
  return isFolder ? shown : `${shown} (a file, not a folder)`;
}

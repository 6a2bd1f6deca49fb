import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RepositoryIdentity } from '../core/render/environments/repository-identity.ts';

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', args, { cwd, timeout: 10_000, windowsHide: true }, (error, stdout) =>
        resolve(error ? undefined : stdout),
      );
    } catch {
      // A cwd that is a file (`kubeproof check some.yaml`) fails before git starts.
      resolve(undefined);
    }
  });
}

/**
 * What discovery knows a local repository by: the fetch URLs of its git remotes (`git remote -v`)
 * and its checked-out branch. Undefined when the folder is not the top of a git work tree, has no remote,
 * or git cannot run: discovery then takes every Argo CD and Flux source to be this repository, and
 * says so.
 */
export async function gitRepositoryIdentity(folder: string): Promise<RepositoryIdentity | undefined> {
  // Argo CD and Flux paths are relative to the repository's top; a subfolder checked on its own is
  // read as a repository of its own (as discovery resolves paths), not as its remote's.
  const top = (await git(folder, ['rev-parse', '--show-toplevel']))?.trim();
  if (top === undefined || resolve(top) !== (await realpath(folder).catch(() => resolve(folder))))
    return undefined;
  const remotes = await git(folder, ['remote', '-v']);
  const urls = [
    ...new Set(
      (remotes ?? '')
        .split('\n')
        .map((line) => /^(\S+)\s+(\S+)\s+\(fetch\)$/.exec(line.trim()))
        .filter((match) => match !== null)
        .map((match) => match[2] as string),
    ),
  ];
  if (urls.length === 0) return undefined;
  const branch = (await git(folder, ['symbolic-ref', '--quiet', '--short', 'HEAD']))?.trim();
  return { urls, origin: 'git remote', ...(branch ? { branch } : {}) };
}

import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';
import type { CheckSide } from '../../core/check/run-check.ts';
import { subFileSource } from '../../core/files/sub-file-source.ts';
import type { FileSource } from '../../core/files/file-source.ts';
import { gitFileSource } from '../git-file-source.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';

/** The git commands the base lookup needs, over the checkout; a fake in the tests. */
export interface CheckoutGit {
  /** The checkout's top folder, or undefined when `cwd` is not in a git repository (or git is missing). */
  topLevel(cwd: string): Promise<string | undefined>;
  /** The commit checked out (`git rev-parse HEAD`), or undefined when git cannot say. */
  head(cwd: string): Promise<string | undefined>;
  /** True when the commit is in the local clone (`git cat-file -e SHA^{commit}`). */
  hasCommit(cwd: string, ref: string): Promise<boolean>;
  /** The files of `ref`, repository-relative. */
  tree(cwd: string, ref: string): Promise<FileSource>;
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
}

/** The checkout's git, run as child processes. */
export const checkoutGit: CheckoutGit = {
  topLevel: (cwd) => git(cwd, ['rev-parse', '--show-toplevel']),
  head: (cwd) => git(cwd, ['rev-parse', 'HEAD']),
  hasCommit: async (cwd, ref) => (await git(cwd, ['cat-file', '-e', `${ref}^{commit}`])) !== undefined,
  tree: async (cwd, ref) => (await gitFileSource(cwd, ref)).files,
};

/** Where the base came from, said in the log. */
export type BaseOrigin = 'checkout' | 'api' | 'none';

export interface ResolvedBase {
  side: CheckSide | undefined;
  origin: BaseOrigin;
  /** The working directory relative to the repository's top folder (`''` at the top), POSIX. */
  prefix: string;
  /** Why there is no base, when there is none. */
  reason?: string;
}

export interface BaseRequest {
  /** Absolute folder of the repository to check. */
  workingDirectory: string;
  /** GITHUB_WORKSPACE: the repository's top folder when git cannot say. */
  workspace: string;
  /** The base commit or ref; undefined when there is none (not a pull request, no `base-ref`). */
  ref: string | undefined;
  repo: RepoRef | undefined;
}

/**
 * The base of the diff: from the checkout when the commit is there (`actions/checkout` with
 * `fetch-depth: 0`; two git processes whatever the size of the tree), else from the GitHub API as
 * one tarball download. Neither: no base, and every environment is checked as new.
 */
export async function resolveBase(
  request: BaseRequest,
  deps: { git: CheckoutGit; port: GitHubPort | undefined },
): Promise<ResolvedBase> {
  const top = (await deps.git.topLevel(request.workingDirectory)) ?? request.workspace;
  const prefix = relative(top, request.workingDirectory).split(sep).join('/');
  if (prefix.startsWith('..')) {
    return {
      side: undefined,
      origin: 'none',
      prefix: '',
      reason: 'working-directory is outside the checkout',
    };
  }
  const { ref } = request;
  if (ref === undefined) {
    return { side: undefined, origin: 'none', prefix, reason: 'no base: not a pull request and no base-ref' };
  }
  if (await deps.git.hasCommit(request.workingDirectory, ref)) {
    const files = await deps.git.tree(request.workingDirectory, ref);
    return { side: { files: subFileSource(files, prefix) }, origin: 'checkout', prefix };
  }
  if (deps.port === undefined || request.repo === undefined) {
    return {
      side: undefined,
      origin: 'none',
      prefix,
      reason: `base ${ref} is not in the checkout (use actions/checkout with fetch-depth: 0) and there is no github-token to download it`,
    };
  }
  const files = await deps.port.getTree(request.repo, ref);
  return { side: { files: subFileSource(files, prefix) }, origin: 'api', prefix };
}

/** Repository-relative changed paths as paths under the working directory (the others are dropped). */
export function underPrefix(paths: readonly string[], prefix: string): string[] {
  if (prefix === '') return [...paths];
  return paths.filter((path) => path.startsWith(`${prefix}/`)).map((path) => path.slice(prefix.length + 1));
}

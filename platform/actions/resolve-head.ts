import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { materializeTree } from '../materialize-tree.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';
import type { CheckoutGit } from './resolve-base.ts';
import type { RunTarget } from './run-target.ts';

export interface HeadRequest {
  /** Absolute folder of the repository to check, in the checkout. */
  workingDirectory: string;
  /** The working directory relative to the repository's top folder, POSIX (`''` at the top). */
  prefix: string;
  eventName: string;
  target: RunTarget;
  repo: RepoRef | undefined;
  /** RUNNER_TEMP: where a downloaded head is written. */
  runnerTemp: string;
}

export interface ResolvedHead {
  /** The folder to check: the working directory, or its place in the downloaded head. */
  root: string;
  origin: 'checkout' | 'api';
  /** What the log says about it, when the checkout was not the change. */
  note?: string;
}

const HEAD_REF = '`ref: ${{ github.event.pull_request.head.sha }}`';

/**
 * The files to check. The checkout when it is the change (its HEAD is the pull request's head or
 * merge commit, or the merge group's commit), or when nothing says which commit it should be.
 * Otherwise (`pull_request_target` checks out the base branch) the change's commit is downloaded
 * from the GitHub API as one tarball and written under RUNNER_TEMP; kubeproof runs none of its code.
 * Without a token that is impossible, and the run fails saying how to check out the head.
 */
export async function resolveHead(
  request: HeadRequest,
  deps: { git: CheckoutGit; port: GitHubPort | undefined },
): Promise<ResolvedHead> {
  const { target, workingDirectory } = request;
  const wanted = target.commit?.sha;
  if (wanted === undefined || target.changeCommits.length === 0)
    return { root: workingDirectory, origin: 'checkout' };
  const checkedOut = await deps.git.head(workingDirectory);
  if (checkedOut !== undefined && target.changeCommits.includes(checkedOut))
    return { root: workingDirectory, origin: 'checkout' };
  // No git to ask: trust the checkout, except where the default checkout is known not to be the change.
  if (checkedOut === undefined && request.eventName !== 'pull_request_target')
    return { root: workingDirectory, origin: 'checkout' };

  const what =
    checkedOut === undefined
      ? `the checkout's commit is unknown (no git history), and ${request.eventName} checks out the base branch by default`
      : `the checkout is commit ${checkedOut}, not ${target.changeName} ${wanted}` +
        (request.eventName === 'pull_request_target'
          ? ' (pull_request_target checks out the base branch)'
          : '');
  if (deps.port === undefined || request.repo === undefined) {
    throw new UsageError(
      `${what}: checking it would report on the wrong files. Give a github-token so kubeproof downloads ${wanted}, ` +
        `or check it out with actions/checkout and ${HEAD_REF} (kubeproof runs no code of it)`,
    );
  }
  const files = await deps.port.getTree(request.repo, wanted);
  await mkdir(request.runnerTemp, { recursive: true });
  const folder = await mkdtemp(join(request.runnerTemp, 'kubeproof-head-'));
  await materializeTree(files, folder);
  const root = join(folder, ...request.prefix.split('/').filter((part) => part !== ''));
  await mkdir(root, { recursive: true });
  return {
    root,
    origin: 'api',
    note: `${what}; checking ${wanted} downloaded from the GitHub API instead (one tarball, none of its code is run)`,
  };
}

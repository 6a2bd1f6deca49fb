import type { CommitRef, PullRef } from '../github/github-port.ts';
import type { ActionContext } from './action-context.ts';

/** What a run checks and where it reports, by event. */
export interface RunTarget {
  /** The pull request of the sticky comment; undefined for merge groups, pushes and the rest. */
  pr: PullRef | undefined;
  /** The commit the check run hangs on (a pull request's head, a merge group's commit); undefined: none. */
  commit: CommitRef | undefined;
  /** The base of the diff when `base-ref` is not given. */
  baseSha: string | undefined;
  /**
   * The commits whose files are the change: a checkout at any other commit is not what the event is
   * about. Empty when any checkout is (push, workflow_dispatch).
   */
  changeCommits: string[];
  /** How the log names the commit to check: "the pull request's head". */
  changeName: string;
}

/**
 * The target of a run from its context:
 * - `pull_request` / `pull_request_target`: the pull request; the checkout must be its head or
 *   GitHub's merge commit (`pull_request` checks out the merge commit, GITHUB_SHA; `pull_request_target`
 *   checks out the base branch, so its GITHUB_SHA is no evidence);
 * - `merge_group`: the check run on the merge group's commit, diffed against its base, so kubeproof
 *   can be a required check with a merge queue;
 * - `push` and `workflow_dispatch`: the commit before the push as the base, when there is one.
 */
export function runTarget(context: ActionContext): RunTarget {
  const pull = context.pullRequest;
  if (pull !== undefined) {
    const merge = [pull.mergeCommitSha, context.eventName === 'pull_request' ? context.sha : undefined];
    return {
      pr: pull.pr,
      commit: { owner: pull.pr.owner, repo: pull.pr.repo, sha: pull.headSha },
      baseSha: pull.baseSha,
      changeCommits: [pull.headSha, ...merge.filter((sha): sha is string => sha !== undefined)],
      changeName: `pull request #${pull.pr.number}'s head`,
    };
  }
  const group = context.mergeGroup;
  if (group !== undefined && context.repo !== undefined) {
    return {
      pr: undefined,
      commit: { ...context.repo, sha: group.headSha },
      baseSha: group.baseSha,
      changeCommits: [group.headSha],
      changeName: "the merge group's commit",
    };
  }
  return {
    pr: undefined,
    commit: undefined,
    baseSha: context.before,
    changeCommits: [],
    changeName: 'the checkout',
  };
}

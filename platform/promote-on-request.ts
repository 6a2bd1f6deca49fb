/**
 * One promotion pull request on request (`workflow_dispatch`, `kubeproof promote --open-pr`, the
 * App's `/kubeproof promote`), written once: plan on the base branch's files with preparePromotion,
 * then open or update the pull request through the GitHub port. Also what promote-after-push.ts runs
 * for every environment a push changed.
 */
import type { FileSource } from '../core/files/file-source.ts';
import { subFileSource } from '../core/files/sub-file-source.ts';
import type { Finding } from '../core/findings.ts';
import type { PromotionPlan } from '../core/promote/plan-promotion.ts';
import { preparePromotion, type PromotionCommand } from '../core/promote/prepare-promotion.ts';
import { promotionCommandLine } from '../core/promote/promotion-command-line.ts';
import type { RepositoryIdentity } from '../core/render/environments/repository-identity.ts';
import type { GitHubPort, OpenedPullRequest, RepoRef } from './github/github-port.ts';
import { BaseMovedError } from './github/open-or-update-pull-request.ts';
import type { Logger } from './logger.ts';
import { openPromotionPullRequest } from './promotion-pull-request.ts';

export interface PromotionOnRequest {
  repo: RepoRef;
  /** The branch the promotion goes into (the default branch). */
  base: string;
  /**
   * The commit of `base` that `files` are. Given, nothing is written on a branch that has moved
   * on: the plan is made again, once, on the branch's new commit (one tarball through the port).
   */
  baseSha?: string;
  /** The files of `base` (at `baseSha`) the plan is made on, under `prefix`. */
  files: FileSource;
  /** The folder of the repository `files` are (an action's `working-directory`); default the top. */
  prefix?: string;
  command: PromotionCommand;
  /** Source and target as the branch names them; default the pair the plan found. */
  source?: string | undefined;
  target?: string;
  repository?: RepositoryIdentity;
  autoMerge?: 'merge' | 'squash' | 'rebase';
  draft?: boolean;
}

/**
 * `opened`: a new pull request; `updated`: the open one was changed; `up-to-date`: it already held
 * this change (nothing written); `nothing-to-promote`; `refused`: the plan refused (nothing written);
 * `failed`: the config, the request or GitHub stopped it (`message` says why).
 */
export type PromotionStatus =
  'opened' | 'updated' | 'up-to-date' | 'nothing-to-promote' | 'refused' | 'failed';

export interface PromotionOutcome {
  status: PromotionStatus;
  source: string | undefined;
  target: string | undefined;
  /** The `kubeproof promote` command that plans the same change. */
  command: string;
  plan?: PromotionPlan;
  notes: string[];
  /** The config's findings and discovery's errors. */
  findings: Finding[];
  pullRequest?: OpenedPullRequest;
  branch?: string;
  title?: string;
  /** Why it failed: `config`, `request` (names what is not there) or `github`. */
  reason?: 'config' | 'request' | 'github';
  message?: string;
}

/** The pair the branch is named after: the one planned, or the stages of a promotion of every app. */
function pairOf(
  request: PromotionOnRequest,
  pairs: readonly { source?: string; target: string }[],
): { source: string | undefined; target: string } {
  const only = pairs[0];
  if (request.target !== undefined) return { source: request.source, target: request.target };
  if (pairs.length === 1 && only !== undefined) return { source: only.source, target: only.target };
  const { command } = request;
  if (command.command === 'bump') return { source: undefined, target: command.env };
  const target = only?.target ?? '';
  return { source: command.from, target: command.to ?? target.slice(target.lastIndexOf('/') + 1) };
}

/** Plans `request.command` on `request.files` and opens or updates its promotion pull request. */
export function promoteOnRequest(
  request: PromotionOnRequest,
  deps: { port: GitHubPort; log: Logger },
): Promise<PromotionOutcome> {
  return attempt(request, deps, 1);
}

async function attempt(
  request: PromotionOnRequest,
  deps: { port: GitHubPort; log: Logger },
  retries: number,
): Promise<PromotionOutcome> {
  const command = promotionCommandLine(request.command);
  const prepared = await preparePromotion(
    request.files,
    request.command,
    request.repository ? { repository: request.repository } : {},
  );
  if (!prepared.ok)
    return {
      status: 'failed',
      source: undefined,
      target: undefined,
      command,
      notes: [],
      findings: prepared.findings,
      reason: prepared.reason,
      message: prepared.message,
    };
  const { plan, notes, findings } = prepared;
  const { source, target } = pairOf(request, prepared.pairs);
  const base = { source, target, command, plan, notes, findings };
  try {
    const outcome = await openPromotionPullRequest(
      {
        repo: request.repo,
        base: request.base,
        files: request.files,
        source,
        target,
        plan,
        command,
        ...(request.autoMerge === undefined ? {} : { autoMerge: request.autoMerge }),
        ...(request.draft === undefined ? {} : { draft: request.draft }),
        ...(request.baseSha === undefined ? {} : { baseSha: request.baseSha }),
        ...(request.prefix ? { prefix: request.prefix } : {}),
      },
      deps,
    );
    if (outcome.status !== 'opened') return { ...base, status: outcome.status };
    const { pullRequest, branch, title } = outcome;
    const status = pullRequest.created ? 'opened' : pullRequest.changed ? 'updated' : 'up-to-date';
    return { ...base, status, pullRequest, branch, title };
  } catch (error) {
    // The branch moved on after the files were read: plan again on its new commit, once.
    if (error instanceof BaseMovedError && retries > 0) {
      deps.log.info(`kubeproof: ${error.message}`);
      const tree = await deps.port
        .getTree(request.repo, error.actual)
        .catch((cause: unknown) => cause as Error);
      if (tree instanceof Error)
        return { ...base, status: 'failed', reason: 'github', message: tree.message };
      const files = request.prefix ? subFileSource(tree, request.prefix) : tree;
      return attempt({ ...request, files, baseSha: error.actual, source, target }, deps, retries - 1);
    }
    return { ...base, status: 'failed', reason: 'github', message: (error as Error).message };
  }
}

/**
 * The promotion pull request, written once for every front door (the CLI's `--open-pr`, the promote
 * action, the App): from a promotion plan to a branch, a commit and a pull request through the
 * GitHub port, with the target environment's rendered change in its description.
 */
import { runCheck } from '../core/check/run-check.ts';
import type { FileSource } from '../core/files/file-source.ts';
import { overlayFileSource } from '../core/files/overlay-file-source.ts';
import type { PromotionPlan } from '../core/promote/plan-promotion.ts';
import {
  promotionBody,
  promotionBranch,
  promotionCommitMessage,
  promotionTitle,
} from '../core/promote/promotion-pull-request-text.ts';
import { renderComment } from '../core/report/comment/render-comment.ts';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_STRICT } from './check-defaults.ts';
import type { FileChange, GitHubPort, OpenedPullRequest, RepoRef } from './github/github-port.ts';
import type { Logger } from './logger.ts';

/** The label every promotion pull request carries, so reviewers and automation can find them. */
export const PROMOTION_LABEL = 'promotion';

/** Room for the rendered change inside the description (GitHub allows 65,536 characters). */
const RENDERED_LIMIT = 40_000;

export interface PromotionPullRequestRequest {
  repo: RepoRef;
  /** The branch the promotion goes into (the default branch) and the files on it. */
  base: string;
  files: FileSource;
  source: string | undefined;
  target: string;
  plan: PromotionPlan;
  /** The command that reproduces the plan, quoted in the description. */
  command: string;
  autoMerge?: 'merge' | 'squash' | 'rebase';
  draft?: boolean;
  /** The commit of `base` that `files` are: nothing is written when the branch has moved on since. */
  baseSha?: string;
  /**
   * The folder of the repository `files` and the plan's paths are relative to (an action's
   * `working-directory`); the commit's paths start with it. Default: the top.
   */
  prefix?: string;
}

export type PromotionPullRequestOutcome =
  | { status: 'nothing-to-promote' }
  | { status: 'refused' }
  | { status: 'opened'; pullRequest: OpenedPullRequest; branch: string; title: string };

/**
 * What the target environment's rendered output becomes: the diff pipeline (secret values hidden)
 * over the base branch's files and the same files with the plan written, as markdown; undefined
 * when it could not be rendered (the description says nothing then, the patch still shows it).
 */
async function renderedChange(
  request: PromotionPullRequestRequest,
  log: Logger,
): Promise<string | undefined> {
  const changes = new Map(request.plan.files.map((file) => [file.path, file.content]));
  try {
    const { report } = await runCheck(
      { files: overlayFileSource(request.files, changes) },
      { files: request.files },
      {
        kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
        strict: DEFAULT_STRICT,
        validate: false,
        changedFiles: [...changes.keys()],
      },
      { now: () => 0 },
    );
    report.meta.validated = false;
    const [body] = renderComment(report, { marker: 'promotion-diff', maxLength: RENDERED_LIMIT });
    return body?.replace(/^<!-- kubeproof:[^>]*-->\n/, '');
  } catch (error) {
    log.warn(
      `kubeproof: the rendered change of ${request.target} is left out of the description: ${(error as Error).message}`,
    );
    return undefined;
  }
}

/**
 * Opens the promotion pull request, or updates the open one of the same environment pair (its
 * branch `kubeproof/promote/<src>-to-<dst>` is force-moved; nothing is written when it already
 * holds this change). A refused plan writes nothing; a plan without a change opens nothing.
 */
export async function openPromotionPullRequest(
  request: PromotionPullRequestRequest,
  deps: { port: GitHubPort; log: Logger },
): Promise<PromotionPullRequestOutcome> {
  const { plan, source, target } = request;
  if (plan.refused) return { status: 'refused' };
  if (plan.files.length === 0) return { status: 'nothing-to-promote' };
  // ignoreBOM keeps a byte order mark the file starts with: only the version bytes change.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const changes: FileChange[] = plan.files.map((file) => ({
    path: request.prefix ? `${request.prefix}/${file.path}` : file.path,
    content: decoder.decode(file.content),
  }));
  const renderedDiff = await renderedChange(request, deps.log);
  const branch = promotionBranch(source, target);
  const title = promotionTitle(plan, target);
  const pullRequest = await deps.port.openOrUpdatePullRequest({
    owner: request.repo.owner,
    repo: request.repo.repo,
    base: request.base,
    branch,
    title,
    body: promotionBody(plan, {
      source,
      target,
      command: request.command,
      ...(renderedDiff === undefined ? {} : { renderedDiff }),
    }),
    commitMessage: promotionCommitMessage(plan, source, target),
    changes,
    labels: [PROMOTION_LABEL],
    ...(request.autoMerge === undefined ? {} : { autoMerge: request.autoMerge }),
    ...(request.draft === undefined ? {} : { draft: request.draft }),
    ...(request.baseSha === undefined ? {} : { baseSha: request.baseSha }),
  });
  const what = pullRequest.created ? 'opened' : pullRequest.changed ? 'updated' : 'already up to date';
  deps.log.info(`kubeproof: promotion pull request #${pullRequest.number} ${what}: ${pullRequest.url}`);
  if (pullRequest.autoMergeError !== undefined)
    deps.log.warn(
      `kubeproof: auto-merge is not on for #${pullRequest.number}: ${pullRequest.autoMergeError}`,
    );
  return { status: 'opened', pullRequest, branch, title };
}

import type { GitHubPort, RepoRef } from '../github/github-port.ts';
import type { Logger } from '../logger.ts';
import { promoteAfterPush, type PushPromotionResult } from '../promote-after-push.ts';
import type { TreeCache } from './tree-cache.ts';

export interface PushedCommits {
  repo: RepoRef;
  branch: string;
  /** The commit before the push; undefined when the push created the branch. */
  before: string | undefined;
  after: string;
}

/**
 * A push to the default branch: the promotion pull requests its changed environments get when
 * `.kubeproof.yaml` says so (`promotion.auto`; unset, the App promotes nothing), through the shared
 * `promoteAfterPush`. Each outcome is logged: a push has nobody to answer.
 */
export async function promotePushed(
  push: PushedCommits,
  deps: { port: GitHubPort; log: Logger; trees: TreeCache },
): Promise<PushPromotionResult> {
  const { port, log } = deps;
  const [after, before] = await Promise.all([
    deps.trees.get(port, push.repo, push.after),
    push.before === undefined ? Promise.resolve(undefined) : deps.trees.get(port, push.repo, push.before),
  ]);
  const result = await promoteAfterPush(
    { repo: push.repo, branch: push.branch, afterSha: push.after, after, before, autoByDefault: false },
    { port, log },
  );
  const where = `${push.repo.owner}/${push.repo.repo}@${push.after.slice(0, 7)}`;
  if (result.failure !== undefined) log.warn(`kubeproof: ${where}: ${result.failure}`);
  for (const note of result.notes) log.info(`kubeproof: ${where}: ${note}`);
  for (const outcome of result.outcomes)
    log.info(
      `kubeproof: ${where}: promotion ${outcome.source ?? '(set)'} -> ${outcome.target ?? '?'} ${outcome.status}` +
        (outcome.pullRequest
          ? `: ${outcome.pullRequest.url}`
          : outcome.message
            ? `: ${outcome.message}`
            : ''),
    );
  return result;
}

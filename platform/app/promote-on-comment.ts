import type { PromotionCommand } from '../../core/promote/prepare-promotion.ts';
import type { RepositoryIdentity } from '../../core/render/environments/repository-identity.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';
import type { Logger } from '../logger.ts';
import { promoteOnRequest, type PromotionOutcome } from '../promote-on-request.ts';

/** What `/kubeproof promote` asked for (platform/app/app-command.ts). */
export interface PromotionAsked {
  from: string;
  to?: string;
  images: string[];
  tag?: string;
}

function findingLines(outcome: PromotionOutcome): string[] {
  return outcome.findings
    .filter((finding) => finding.severity === 'error')
    .slice(0, 10)
    .map(
      (finding) =>
        `- \`${finding.path}${finding.line === undefined ? '' : `:${finding.line}`}\`: ${finding.message}`,
    );
}

/** The answer to the comment, in markdown: the pull request's link, or why there is none. */
export function promotionReply(outcome: PromotionOutcome): string {
  const pair = `${outcome.source ?? '(set)'} → ${outcome.target ?? '?'}`;
  const url = outcome.pullRequest?.url;
  const said: Record<PromotionOutcome['status'], () => string> = {
    opened: () => `the promotion ${pair} is open: ${url}`,
    updated: () => `the promotion ${pair} is updated: ${url}`,
    'up-to-date': () => `the promotion ${pair} already holds this change: ${url}`,
    'nothing-to-promote': () =>
      `${outcome.target} already runs what ${outcome.source} runs: nothing to promote.`,
    refused: () =>
      [
        `the promotion ${pair} is refused, nothing was written:`,
        ...(outcome.plan?.rows ?? [])
          .filter((row) => row.status === 'refused')
          .slice(0, 10)
          .map((row) => `- ${row.image} in ${row.environment}: ${row.message ?? 'refused'}`),
      ].join('\n'),
    failed: () =>
      [`nothing was promoted: ${outcome.message ?? 'the promotion failed'}.`, ...findingLines(outcome)].join(
        '\n',
      ),
  };
  return said[outcome.status]();
}

/**
 * `/kubeproof promote <env> ...`: planned on the default branch as it is now (its commit, then its
 * tarball), opened or updated by the shared `promoteOnRequest`; returns the reply to post.
 */
export async function promoteOnComment(
  repo: RepoRef,
  asked: PromotionAsked,
  deps: { port: GitHubPort; log: Logger; repository?: RepositoryIdentity },
): Promise<string> {
  const branch = await deps.port.getBranch(repo);
  const files = await deps.port.getTree(repo, branch.sha);
  const command: PromotionCommand = {
    command: 'promote',
    from: asked.from,
    ...(asked.to === undefined ? {} : { to: asked.to }),
    images: asked.images,
    ...(asked.tag === undefined ? {} : { tag: asked.tag }),
  };
  const outcome = await promoteOnRequest(
    {
      repo,
      base: branch.name,
      baseSha: branch.sha,
      files,
      command,
      ...(deps.repository === undefined ? {} : { repository: deps.repository }),
    },
    deps,
  );
  return promotionReply(outcome);
}

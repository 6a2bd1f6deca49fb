import { preparePromotion } from '../../core/promote/prepare-promotion.ts';
import type { RepositoryIdentity } from '../../core/render/environments/repository-identity.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';
import type { Logger } from '../logger.ts';
import { openPromotionPullRequest } from '../promotion-pull-request.ts';

export interface PromotionAsked {
  from: string;
  to?: string;
  images: string[];
  tag?: string;
}

function commandLine(asked: PromotionAsked): string {
  return [
    'kubeproof promote',
    `--from ${asked.from}`,
    ...(asked.to === undefined ? [] : [`--to ${asked.to}`]),
    ...asked.images.map((image) => `--image ${image}`),
    ...(asked.tag === undefined ? [] : [`--tag ${asked.tag}`]),
  ].join(' ');
}

/**
 * A promotion someone asked for (`/kubeproof promote staging`): planned on the default branch's files
 * (`preparePromotion`), opened or updated as the pair's pull request (`openPromotionPullRequest`),
 * and the answer to give them, in markdown: the pull request's link, or why nothing was opened.
 */
export async function promoteOnRequest(
  repo: RepoRef,
  defaultBranch: string,
  asked: PromotionAsked,
  deps: { port: GitHubPort; log: Logger; repository?: RepositoryIdentity },
): Promise<string> {
  const files = await deps.port.getTree(repo, defaultBranch);
  const prepared = await preparePromotion(
    files,
    {
      command: 'promote',
      from: asked.from,
      ...(asked.to === undefined ? {} : { to: asked.to }),
      images: asked.images,
      ...(asked.tag === undefined ? {} : { tag: asked.tag }),
    },
    deps.repository === undefined ? {} : { repository: deps.repository },
  );
  if (!prepared.ok) {
    const lines = prepared.findings
      .filter((finding) => finding.severity === 'error')
      .slice(0, 10)
      .map(
        (finding) =>
          `- \`${finding.path}${finding.line === undefined ? '' : `:${finding.line}`}\`: ${finding.message}`,
      );
    return [`nothing was promoted: ${prepared.message}.`, ...lines].join('\n');
  }
  const results: string[] = [];
  for (const pair of prepared.pairs) {
    const outcome = await openPromotionPullRequest(
      {
        repo,
        base: defaultBranch,
        files,
        source: pair.source,
        target: pair.target,
        plan: prepared.plan,
        command: commandLine(asked),
      },
      deps,
    );
    const name = `${pair.source ?? asked.from} → ${pair.target}`;
    if (outcome.status === 'refused') {
      const why = prepared.plan.rows
        .filter((row) => row.status === 'refused')
        .slice(0, 10)
        .map((row) => `- ${row.image} in ${row.environment}: ${row.message ?? 'refused'}`);
      results.push([`the promotion ${name} is refused, nothing was written:`, ...why].join('\n'));
    } else if (outcome.status === 'nothing-to-promote')
      results.push(`${pair.target} already runs what ${pair.source ?? asked.from} runs: nothing to promote.`);
    else {
      const what = outcome.pullRequest.created
        ? 'opened'
        : outcome.pullRequest.changed
          ? 'updated'
          : 'already up to date';
      results.push(`the promotion ${name} is ${what}: ${outcome.pullRequest.url}`);
    }
  }
  return results.join('\n\n');
}

/**
 * `kubeproof bump|promote -open-pr`: the promotion pull request from the command line. The plan is
 * made on the base branch as it is on GitHub (its commit's tarball), never on the local files, which
 * may differ; the pull request is written through the GitHub port (no local git needed).
 */
import { UsageError } from '../core/errors.ts';
import type { PromotionCommand } from '../core/promote/prepare-promotion.ts';
import { redactPatch } from '../core/promote/promotion-pull-request-text.ts';
import { PROMOTION_OUTPUTS } from '../core/report/promote/render-promotion.ts';
import { gitRepositoryIdentity } from '../platform/git-repository-identity.ts';
import type { RepoRef } from '../platform/github/github-port.ts';
import { createTokenGitHubPort, GITHUB_API, repoOfRemote } from '../platform/github/token-github-port.ts';
import type { Logger } from '../platform/logger.ts';
import { promoteOnRequest, type PromotionOutcome } from '../platform/promote-on-request.ts';
import { formatFinding } from './format-finding.ts';
import type { CliIo } from './io.ts';
import type { PromoteCommandOptions } from './promote-options.ts';

const SAID: Record<'opened' | 'updated' | 'up-to-date', string> = {
  opened: 'opened',
  updated: 'updated',
  'up-to-date': 'already up to date (nothing written)',
};

/** The repository of the clone at `root`: its remotes must name one GitHub repository. */
async function repositoryOf(root: string): Promise<RepoRef> {
  const identity = await gitRepositoryIdentity(root);
  const repos = new Map<string, RepoRef>();
  for (const url of identity?.urls ?? []) {
    const repo = repoOfRemote(url);
    if (repo !== undefined) repos.set(`${repo.owner}/${repo.repo}`, repo);
  }
  const [only, ...others] = repos.values();
  if (only === undefined || others.length > 0)
    throw new UsageError(
      only === undefined
        ? `-open-pr: ${root} has no git remote that names a GitHub repository; give -repo owner/name`
        : `-open-pr: the git remotes name ${[...repos.keys()].join(', ')}; give -repo owner/name`,
    );
  return only;
}

function stderrLogger(io: CliIo): Logger {
  const line = (message: string): void => io.stderr(`${message}\n`);
  return { info: line, warn: line, error: line, debug: () => {} };
}

function rendered(options: PromoteCommandOptions, outcome: PromotionOutcome): string {
  if (outcome.plan === undefined) return '';
  const plan = { ...outcome.plan, patch: redactPatch(outcome.plan.patch) };
  const written = outcome.pullRequest !== undefined;
  const text = PROMOTION_OUTPUTS[options.output]({
    command: options.command,
    plan,
    notes: outcome.notes,
    written,
  });
  if (options.output !== 'json') return text;
  const pullRequest = outcome.pullRequest
    ? { number: outcome.pullRequest.number, url: outcome.pullRequest.url, status: outcome.status }
    : null;
  return `${JSON.stringify({ ...(JSON.parse(text) as object), pullRequest }, null, 2)}\n`;
}

/** Plans on GitHub's base branch and opens or updates the pull request; the exit code. */
export async function openPullRequestFromCli(
  options: PromoteCommandOptions,
  command: PromotionCommand,
  root: string,
  io: CliIo,
): Promise<number> {
  const openPr = options.openPr;
  if (openPr === undefined) throw new Error('openPullRequestFromCli needs -open-pr');
  const name = `kubeproof ${options.command}`;
  const token = io.env['GITHUB_TOKEN'] || io.env['GH_TOKEN'];
  if (!token)
    throw new UsageError(
      '-open-pr needs a GitHub token in GITHUB_TOKEN or GH_TOKEN (contents: write and pull-requests: write)',
    );
  const repo = openPr.repo ?? (await repositoryOf(root));
  const port = createTokenGitHubPort(
    token,
    io.env['GITHUB_API_URL'] || GITHUB_API,
    io.sleep === undefined ? {} : { sleep: io.sleep },
  );
  const log = stderrLogger(io);
  const branch = await port.getBranch(repo, openPr.base);
  io.stderr(
    `${name}: planned on ${repo.owner}/${repo.repo} ${branch.name} at ${branch.sha.slice(0, 7)}, as it is on GitHub (not the local files)\n`,
  );
  const files = await port.getTree(repo, branch.sha);
  const outcome = await promoteOnRequest(
    {
      repo,
      base: branch.name,
      baseSha: branch.sha,
      files,
      command,
      ...(openPr.autoMerge === undefined ? {} : { autoMerge: openPr.autoMerge }),
      draft: openPr.draft,
    },
    { port, log },
  );
  for (const finding of outcome.findings) io.stderr(formatFinding(finding, root, io.cwd));
  if (outcome.status === 'failed') {
    if (outcome.reason === 'request')
      throw new UsageError(
        options.command === 'bump' ? `-env ${outcome.message ?? ''}` : (outcome.message ?? ''),
      );
    io.stderr(`${name}: ${outcome.message ?? 'failed'}\n`);
    return 1;
  }
  io.stdout(rendered(options, outcome));
  if (outcome.pullRequest !== undefined && outcome.status in SAID && options.output !== 'json')
    io.stdout(
      `\npromotion pull request #${outcome.pullRequest.number} ${SAID[outcome.status as keyof typeof SAID]}: ${outcome.pullRequest.url}\n`,
    );
  return outcome.status === 'refused' ? 1 : 0;
}

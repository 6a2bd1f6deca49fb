import type { Context } from 'probot';
import { publishNames } from '../../platform/check-pull-request.ts';
import { reviewPullRequest } from '../../platform/app/review-pull-request.ts';
import { portOf, reviewDepsOf, type AppContext } from '../app-context.ts';

/** A pull request as a check run or suite lists it. */
interface ListedPull {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string; repo: { id: number } };
}

type RerunContext = Context<'check_run.rerequested' | 'check_suite.rerequested'>;

/** "Re-run" on kubeproof's check run: the pull request it belongs to is checked again. */
export function onCheckRunRerequested(app: AppContext) {
  return async (context: Context<'check_run.rerequested'>): Promise<void> => {
    const { check_run: run } = context.payload;
    if (run.name !== publishNames('check', '').checkName) return;
    if (app.appId !== undefined && run.app?.id !== app.appId) return;
    rerun(app, context, run.pull_requests, `check run ${run.id}`);
  };
}

/** "Re-run all checks" on this App's check suite: its pull requests are checked again. */
export function onCheckSuiteRerequested(app: AppContext) {
  return async (context: Context<'check_suite.rerequested'>): Promise<void> => {
    const { check_suite: suite } = context.payload;
    if (app.appId !== undefined && suite.app?.id !== app.appId) return;
    rerun(app, context, suite.pull_requests, `check suite ${suite.id}`);
  };
}

function rerun(app: AppContext, context: RerunContext, listed: readonly ListedPull[], what: string): void {
  const { repository } = context.payload;
  const owner = repository.owner.login;
  const pulls = listed.filter((pull) => pull.base.repo.id === repository.id);
  if (pulls.length === 0) {
    // A fork's pull request is not listed on the run: GitHub only lists same-repository ones.
    context.log.info(
      `kubeproof: ${what} names no pull request of ${owner}/${repository.name}; nothing to re-run`,
    );
    return;
  }
  for (const pull of pulls) {
    const pr = { owner, repo: repository.name, number: pull.number };
    app.queue.submit({
      delivery: `${context.id}#${pull.number}`,
      serial: `${pr.owner}/${pr.repo}#${pr.number}`,
      run: async () => {
        // The pull request's head and base as the event gives them: publishing checks the head is current.
        const port = portOf(app, context.octokit);
        await reviewPullRequest(
          { pr, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref, force: true },
          reviewDepsOf(app, port, context.log),
        );
      },
    });
  }
}

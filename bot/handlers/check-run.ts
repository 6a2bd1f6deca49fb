import type { Context } from 'probot';
import { publishNames } from '../../platform/check-pull-request.ts';
import { reviewPullRequest } from '../../platform/app/review-pull-request.ts';
import { portOf, reviewDepsOf, type AppContext } from '../app-context.ts';

/** "Re-run" on kubeproof's check run: the pull request it belongs to is checked again. */
export function onCheckRunRerequested(app: AppContext) {
  return async (context: Context<'check_run.rerequested'>): Promise<void> => {
    const { check_run: run, repository } = context.payload;
    if (run.name !== publishNames('check', '').checkName) return;
    if (app.appId !== undefined && run.app?.id !== app.appId) return;
    const owner = repository.owner.login;
    const pulls = run.pull_requests.filter((pull) => pull.base.repo.id === repository.id);
    if (pulls.length === 0) {
      // A fork's pull request is not listed on the check run: GitHub only lists same-repository ones.
      context.log.info(
        `kubeproof: check run ${run.id} names no pull request of ${owner}/${repository.name}; nothing to re-run`,
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
  };
}

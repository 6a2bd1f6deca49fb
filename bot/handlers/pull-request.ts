import type { Context } from 'probot';
import { reviewPullRequest } from '../../platform/app/review-pull-request.ts';
import { portOf, reviewDepsOf, type AppContext } from '../app-context.ts';

/** The pull request events that ask for a check: a new head, or a pull request back in play. */
export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** A pull request event: its head is checked after the webhook is answered. */
export function onPullRequest(app: AppContext) {
  return async (context: Context<(typeof PULL_REQUEST_EVENTS)[number]>): Promise<void> => {
    const { pull_request: pull, repository } = context.payload;
    if (pull.state !== 'open') return;
    const pr = { owner: repository.owner.login, repo: repository.name, number: pull.number };
    app.queue.submit({
      delivery: context.id,
      serial: `${pr.owner}/${pr.repo}#${pr.number}`,
      run: async () => {
        const port = portOf(app, context.octokit);
        await reviewPullRequest(
          { pr, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref },
          reviewDepsOf(app, port, context.log),
        );
      },
    });
  };
}

import type { Context } from 'probot';
import { promotePushed } from '../../platform/app/promote-pushed.ts';
import { portOf, type AppContext } from '../app-context.ts';

const NO_COMMIT = /^0+$/;

/** A push to the default branch: promotion pull requests, when the repository's config asks for them. */
export function onPush(app: AppContext) {
  return async (context: Context<'push'>): Promise<void> => {
    const { repository, ref, before, after, deleted } = context.payload;
    if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
    const repo = { owner: repository.owner?.login ?? '', repo: repository.name };
    app.queue.submit({
      delivery: context.id,
      serial: `${repo.owner}/${repo.repo}@${repository.default_branch}`,
      run: async () => {
        await promotePushed(
          {
            repo,
            branch: repository.default_branch,
            before: NO_COMMIT.test(before) ? undefined : before,
            after,
          },
          { port: portOf(app, context.octokit), log: context.log, trees: app.trees },
        );
      },
    });
  };
}

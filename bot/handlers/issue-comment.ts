import type { Context } from 'probot';
import { COMMAND_USAGE, parseAppCommand } from '../../platform/app/app-command.ts';
import { promoteOnComment } from '../../platform/app/promote-on-comment.ts';
import { reviewPullRequest } from '../../platform/app/review-pull-request.ts';
import { portOf, reviewDepsOf, type AppContext } from '../app-context.ts';

const MAY = new Set(['admin', 'write']);

/** A comment with `/kubeproof recheck` or `/kubeproof promote ...`; other comments are not read further. */
export function onIssueComment(app: AppContext) {
  return async (context: Context<'issue_comment.created'>): Promise<void> => {
    const { comment, issue, repository } = context.payload;
    // Bots (kubeproof's own comments included) do not give commands: no loops.
    if (comment.user?.type === 'Bot') return;
    const command = parseAppCommand(comment.body);
    if (command === undefined) return;
    const target = { owner: repository.owner.login, repo: repository.name, number: issue.number };
    const user = comment.user?.login ?? '';
    app.queue.submit({
      delivery: context.id,
      serial: `${target.owner}/${target.repo}#${target.number}`,
      run: async () => {
        const port = portOf(app, context.octokit);
        const reply = async (body: string) => {
          await port.postComment(target, `@${user} ${body}`);
        };
        if (command.command === 'invalid') return reply(`${command.message}. ${COMMAND_USAGE}`);
        const permission = await port.getPermission(target, user);
        if (!MAY.has(permission))
          return reply(
            `only people with write access to ${target.owner}/${target.repo} can run \`/kubeproof ${command.command}\`; ask a maintainer to run it.`,
          );
        if (command.command === 'promote') {
          const answer = await promoteOnComment(target, command, {
            port,
            log: context.log,
          });
          return reply(answer);
        }
        if (issue.pull_request === undefined) return reply('`/kubeproof recheck` works on a pull request.');
        const pull = await port.getPullRequest(target);
        if (pull.state !== 'open') return reply('this pull request is closed: there is nothing to check.');
        await reviewPullRequest(
          { pr: target, headSha: pull.headSha, baseSha: pull.baseSha, baseRef: pull.baseRef, force: true },
          reviewDepsOf(app, port, context.log),
        );
      },
    });
  };
}

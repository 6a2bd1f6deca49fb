/**
 * The promote action: on `push` to the default branch, the promotion pull request of every
 * environment the push changed (promote-after-push.ts); with the `from` input (a
 * `workflow_dispatch`), the one promotion asked for (promote-on-request.ts). The files are the
 * checked-out commit, read from git, and only when it is the commit the event is about.
 */
import { relative, sep } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { subFileSource } from '../../core/files/sub-file-source.ts';
import type { Finding } from '../../core/findings.ts';
import type { PromotionCommand } from '../../core/promote/prepare-promotion.ts';
import type { GitHubPort, RepoRef } from '../github/github-port.ts';
import { promoteAfterPush, type PushPromotionResult } from '../promote-after-push.ts';
import { promoteOnRequest, type PromotionOutcome } from '../promote-on-request.ts';
import type { ActionContext } from './action-context.ts';
import { actionsLogger } from './actions-logger.ts';
import type { ActionsIo } from './actions-io.ts';
import type { PromoteInputs } from './promote-inputs.ts';
import { promoteSummary } from './promote-summary.ts';
import { resolveBase, type CheckoutGit } from './resolve-base.ts';
import { workingDirectoryOf } from './working-directory.ts';

export interface PromoteActionDeps {
  io: ActionsIo;
  context: ActionContext;
  /** Undefined without a token: the run fails, saying which permissions the token needs. */
  port: GitHubPort | undefined;
  git: CheckoutGit;
}

export type PromoteConclusion = 'success' | 'failure' | 'neutral';

export interface PromoteActionResult {
  outcomes: PromotionOutcome[];
  notes: string[];
  conclusion: PromoteConclusion;
}

const PERMISSIONS = 'permissions: contents: write and pull-requests: write';

/** The checkout's commit, and only when it is `expected`: promoting another commit's files is never a green. */
async function checkedOutFiles(
  deps: PromoteActionDeps,
  workingDirectory: string,
  expected: string,
  what: string,
) {
  const top = await deps.git.topLevel(workingDirectory);
  if (top === undefined)
    throw new UsageError(
      `${workingDirectory} is not a git checkout: add actions/checkout before kubeproof promote; nothing was promoted`,
    );
  const prefix = relative(top, workingDirectory).split(sep).join('/');
  const head = await deps.git.head(workingDirectory);
  if (head !== expected)
    throw new UsageError(
      `the checkout is commit ${head ?? '(unknown)'}, not ${expected}, ${what}: check out that commit (actions/checkout with its default ref); nothing was promoted`,
    );
  const files = subFileSource(await deps.git.tree(workingDirectory, expected), prefix);
  return { files, prefix };
}

function annotate(io: ActionsIo, findings: readonly Finding[], prefix: string): void {
  for (const finding of findings) {
    const file = prefix === '' ? finding.path : `${prefix}/${finding.path}`;
    const properties = { file, ...(finding.line === undefined ? {} : { startLine: finding.line }) };
    if (finding.severity === 'error') io.error(finding.message, properties);
    else if (finding.severity === 'warning') io.warning(finding.message, properties);
  }
}

function requestCommand(inputs: PromoteInputs): PromotionCommand {
  return {
    command: 'promote',
    from: inputs.from as string,
    images: inputs.images,
    ...(inputs.to === undefined ? {} : { to: inputs.to }),
    ...(inputs.app === undefined ? {} : { app: inputs.app }),
    ...(inputs.tag === undefined ? {} : { tag: inputs.tag }),
    ...(inputs.digest === undefined ? {} : { digest: inputs.digest }),
  };
}

function conclusionOf(outcomes: readonly PromotionOutcome[], failure: string | undefined): PromoteConclusion {
  if (failure !== undefined) return 'failure';
  return outcomes.some((outcome) => outcome.status === 'failed' || outcome.status === 'refused')
    ? 'failure'
    : 'success';
}

/** Runs the promote action: plans, opens or updates the pull requests, reports. */
export async function runPromoteAction(
  inputs: PromoteInputs,
  deps: PromoteActionDeps,
): Promise<PromoteActionResult> {
  const { io, context, port } = deps;
  const log = actionsLogger(io);
  if (port === undefined)
    throw new UsageError(
      `input github-token is empty: a promotion pull request needs a token with ${PERMISSIONS}`,
    );
  const repo: RepoRef | undefined = context.repo;
  if (repo === undefined)
    throw new UsageError('GITHUB_REPOSITORY is not set: kubeproof promote runs in GitHub Actions');
  const branch = context.branch;
  if (branch === undefined)
    throw new UsageError(
      `this ${context.eventName || 'run'} is not on a branch: a promotion pull request goes into one`,
    );
  const expected = context.sha;
  if (expected === undefined)
    throw new UsageError('GITHUB_SHA is not set: kubeproof cannot tell which commit to promote');
  const workingDirectory = await workingDirectoryOf(context, inputs.workingDirectory);
  const options = {
    ...(context.repository === undefined ? {} : { repository: context.repository }),
    ...(inputs.autoMerge === undefined ? {} : { autoMerge: inputs.autoMerge }),
    draft: inputs.draft,
  };

  let outcomes: PromotionOutcome[];
  let notes: string[] = [];
  let failure: string | undefined;
  let prefix = '';
  let neutral = false;
  if (inputs.from !== undefined) {
    const checkout = await checkedOutFiles(
      deps,
      workingDirectory,
      expected,
      `the commit of ${branch} this run is on`,
    );
    prefix = checkout.prefix;
    const outcome = await promoteOnRequest(
      {
        repo,
        base: branch,
        baseSha: expected,
        files: checkout.files,
        ...(prefix === '' ? {} : { prefix }),
        command: requestCommand(inputs),
        ...options,
      },
      { port, log },
    );
    outcomes = [outcome];
    annotate(io, outcome.findings, prefix);
  } else if (context.eventName !== 'push') {
    throw new UsageError(
      `on ${context.eventName || 'this event'}, give the input from (and to, images, tag): kubeproof promote opens a pull request by itself only after a push`,
    );
  } else if (context.defaultBranch !== undefined && branch !== context.defaultBranch) {
    neutral = true;
    outcomes = [];
    notes = [`${branch} is not the default branch ${context.defaultBranch}: only a push to it is promoted`];
  } else {
    const checkout = await checkedOutFiles(deps, workingDirectory, expected, 'the commit pushed');
    prefix = checkout.prefix;
    const before =
      context.before === undefined
        ? undefined
        : await resolveBase(
            { workingDirectory, workspace: context.workspace, ref: context.before, repo },
            { git: deps.git, port },
          );
    if (before?.origin === 'api')
      io.info(
        `kubeproof: the commit before the push, ${context.before}, downloaded from the GitHub API (one tarball)`,
      );
    const result: PushPromotionResult = await promoteAfterPush(
      {
        repo,
        branch,
        afterSha: expected,
        after: checkout.files,
        before: before?.side?.files,
        ...(prefix === '' ? {} : { prefix }),
        autoByDefault: true,
        ...options,
      },
      { port, log },
    );
    annotate(io, result.findings, prefix);
    ({ outcomes, notes, failure } = result);
    neutral = result.changed.length === 0 && failure === undefined;
    if (result.changed.length > 0) io.info(`kubeproof: the push changed ${result.changed.join(', ')}`);
    else if (failure === undefined) notes.push('the push changed no environment: nothing to promote');
  }

  for (const note of notes) io.info(`kubeproof: ${note}`);
  const conclusion = neutral ? 'neutral' : conclusionOf(outcomes, failure);
  const first = outcomes.find((outcome) => outcome.pullRequest !== undefined)?.pullRequest;
  io.setOutput('pull-request-url', first?.url ?? '');
  io.setOutput('pull-request-number', first === undefined ? '' : String(first.number));
  io.setOutput(
    'promoted',
    JSON.stringify(
      outcomes.map((outcome) => ({
        source: outcome.source ?? null,
        target: outcome.target ?? null,
        status: outcome.status,
        pullRequest: outcome.pullRequest
          ? { number: outcome.pullRequest.number, url: outcome.pullRequest.url }
          : null,
      })),
    ),
  );
  io.setOutput('conclusion', conclusion);
  await io.appendSummary(promoteSummary(outcomes, notes, failure));
  const failed = outcomes.filter((outcome) => outcome.status === 'failed' || outcome.status === 'refused');
  if (conclusion === 'failure')
    io.setFailed(
      failure ??
        failed
          .map((outcome) =>
            outcome.status === 'refused'
              ? `kubeproof: ${outcome.source ?? ''} -> ${outcome.target ?? ''} refused: nothing was written (see the job summary)`
              : `kubeproof: ${outcome.source ?? inputs.from ?? ''} -> ${outcome.target ?? inputs.to ?? ''}: ${outcome.message ?? 'failed'}`,
          )
          .join('\n'),
    );
  return { outcomes, notes, conclusion };
}

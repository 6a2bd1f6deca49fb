import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSource } from '../../core/files/file-source.ts';
import { checkIncompleteFinding } from '../../core/check/check-incomplete.ts';
import type { Finding } from '../../core/findings.ts';
import type { RepositoryIdentity } from '../../core/render/environments/repository-identity.ts';
import type { FailOn } from '../../core/report/check-run.ts';
import type { ValidateDeps } from '../../core/validate/validate-manifests.ts';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_STRICT } from '../check-defaults.ts';
import { checkPullRequest, publishNames, type SideTree } from '../check-pull-request.ts';
import type { CheckRunRecord, GitHubPort, PullRef, StartedCheckRun } from '../github/github-port.ts';
import type { Logger } from '../logger.ts';
import { pullRequestChanges } from '../pull-request-changes.ts';
import type { SchemaSetup } from '../validation-setup.ts';
import { APP_RENDERER_HELP, noBinariesRunner } from './no-binaries-runner.ts';
import type { TreeCache } from './tree-cache.ts';

export interface ReviewRequest {
  pr: PullRef;
  headSha: string;
  baseSha: string;
  /** The base branch (`main`): the branch environments are discovered for. */
  baseRef?: string;
  /** A re-run was asked for (Re-run, `/kubeproof recheck`): a finished run on the head does not stop it. */
  force?: boolean;
  /** A run left in progress (a crash, a killed replica) to complete instead of starting one. */
  resume?: StartedCheckRun;
}

export interface ReviewDeps {
  port: GitHubPort;
  trees: TreeCache;
  log: Logger;
  now(): number;
  createValidationDeps(setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps>;
  schemas: SchemaSetup;
  /** This App's id: only its own check runs count as already published. */
  appId: number | undefined;
  /** A run in progress longer than this is taken as abandoned and redone. */
  staleAfterMs: number;
  failOn: FailOn;
  /** The GitHub server's web address, for links (GitHub Enterprise Server); default github.com. */
  serverUrl?: string;
}

export type ReviewOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'superseded' }
  | { status: 'published'; conclusion: string; commentUrl?: string }
  | { status: 'failed'; reason: string };

const CHECK_NAME = publishNames('check', '').checkName;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The run already on the head, when it makes this event a repeat: finished, or in progress and not stale. */
function repeatOf(runs: CheckRunRecord[], deps: ReviewDeps): { reason: string } | undefined {
  const own = runs.filter((run) => deps.appId === undefined || run.appId === deps.appId);
  const finished = own.find((run) => run.status === 'completed');
  if (finished) return { reason: `check run ${finished.id} already reports on this commit` };
  const running = own.find((run) => run.status !== 'completed');
  const startedAt = running?.startedAt ? Date.parse(running.startedAt) : NaN;
  if (running && deps.now() - startedAt < deps.staleAfterMs)
    return { reason: `check run ${running.id} is checking this commit` };
  return undefined;
}

/**
 * The App's pull-request check: the check run in progress at once, base and head as tarballs
 * (cached by SHA), the shared check (`checkPullRequest`, the Action's marker and check name), and
 * publishing only while the head is still the pull request's. A redelivered event finds the run it
 * made and does nothing; a step that fails becomes a finding and the rest still reports.
 */
export async function reviewPullRequest(request: ReviewRequest, deps: ReviewDeps): Promise<ReviewOutcome> {
  const { pr, headSha, baseSha } = request;
  const { port, log } = deps;
  const repo = { owner: pr.owner, repo: pr.repo };
  const commit = { ...repo, sha: headSha };
  let started = request.resume;
  if (!request.force && started === undefined) {
    const runs = await port.listCheckRuns(commit, CHECK_NAME).catch((error: unknown) => {
      log.warn(`kubeproof: ${message(error)}; checking ${headSha} as if it had no check run`);
      return [];
    });
    const repeat = repeatOf(runs, deps);
    if (repeat) {
      log.info(
        `kubeproof: ${pr.owner}/${pr.repo}#${pr.number} at ${headSha}: ${repeat.reason}; nothing to do`,
      );
      return { status: 'skipped', reason: repeat.reason };
    }
    started = runs.find((run) => run.status !== 'completed' && run.appId === deps.appId);
  }
  if (started === undefined) {
    started = await port
      .startCheckRun(commit, { name: CHECK_NAME, startedAt: new Date(deps.now()).toISOString() })
      .catch((error: unknown) => {
        log.warn(`kubeproof: the check run could not be started: ${message(error)}`);
        return undefined;
      });
  }

  const findings: Finding[] = [];
  const [head, base, changes] = await Promise.all([
    deps.trees.get(port, repo, headSha).then(
      (files): { files: FileSource } | { error: string } => ({ files }),
      (error: unknown) => ({ error: message(error) }),
    ),
    deps.trees.get(port, repo, baseSha).catch((error: unknown) => {
      findings.push(
        checkIncompleteFinding(
          `the base ${baseSha} could not be downloaded (${message(error)}): every environment is checked as new, nothing is compared`,
        ),
      );
      return undefined;
    }),
    pullRequestChanges(port, pr, log),
  ]);

  if ('error' in head) return headMissing(request, started, head.error, deps);
  const folders: string[] = [];
  const side = (files: FileSource): SideTree => ({ files });
  try {
    const outcome = await checkPullRequest(
      {
        kind: 'check',
        head: side(head.files),
        base: base === undefined ? undefined : side(base),
        schemas: deps.schemas,
        findings,
        options: {
          kubernetesVersion: deps.schemas.kubernetesVersion || DEFAULT_KUBERNETES_VERSION,
          strict: deps.schemas.strict ?? DEFAULT_STRICT,
          ...(changes === undefined || base === undefined ? {} : { changedFiles: changes }),
          trustedRenderers: { renderers: [], help: APP_RENDERER_HELP },
          repository: identity(pr, request.baseRef, deps.serverUrl),
        },
        meta: { commit: headSha },
        publish: {
          port,
          target: { pr, headSha },
          comment: true,
          failOn: deps.failOn,
          prefix: '',
          ...(deps.serverUrl === undefined ? {} : { serverUrl: deps.serverUrl }),
          ...(started === undefined ? {} : { started }),
          stillCurrent: async () => {
            const now = await port.getPullRequest(pr).catch(() => undefined);
            return now === undefined || now.headSha === headSha;
          },
        },
      },
      {
        createValidationDeps: deps.createValidationDeps,
        runner: noBinariesRunner,
        workFolder: async () => {
          const folder = await mkdtemp(join(tmpdir(), 'kubeproof-app-'));
          folders.push(folder);
          return folder;
        },
        now: deps.now,
        log,
      },
    );
    if (outcome.superseded) return { status: 'superseded' };
    const published = outcome.published;
    if (published === undefined) return { status: 'failed', reason: 'nothing was published' };
    return {
      status: 'published',
      conclusion: published.conclusion,
      ...(published.commentUrl === undefined ? {} : { commentUrl: published.commentUrl }),
    };
  } catch (error) {
    // checkPullRequest already ended the check run, saying the check did not finish.
    log.error(
      `kubeproof: the check of ${pr.owner}/${pr.repo}#${pr.number} at ${headSha} failed: ${message(error)}`,
    );
    return { status: 'failed', reason: message(error) };
  } finally {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  }
}

/** Without the head there is nothing to check: the run ends saying so (no comment: nothing was found). */
async function headMissing(
  request: ReviewRequest,
  started: StartedCheckRun | undefined,
  error: string,
  deps: ReviewDeps,
): Promise<ReviewOutcome> {
  const reason = `the head ${request.headSha} could not be downloaded: ${error}`;
  deps.log.error(`kubeproof: ${request.pr.owner}/${request.pr.repo}#${request.pr.number}: ${reason}`);
  const commit = { owner: request.pr.owner, repo: request.pr.repo, sha: request.headSha };
  await deps.port
    .publishCheckRun(
      commit,
      {
        name: CHECK_NAME,
        conclusion: deps.failOn === 'never' ? 'neutral' : 'failure',
        title: 'kubeproof did not finish',
        summary: `kubeproof stopped before it could check anything: ${reason}. Re-run the check to try again.`,
        annotations: [],
      },
      started,
    )
    .catch((failure: unknown) =>
      deps.log.warn(`kubeproof: the check run could not be completed: ${message(failure)}`),
    );
  return { status: 'failed', reason };
}

function identity(
  pr: PullRef,
  branch: string | undefined,
  serverUrl = 'https://github.com',
): RepositoryIdentity {
  return {
    urls: [`${serverUrl}/${pr.owner}/${pr.repo}`],
    origin: 'the GitHub App event',
    ...(branch === undefined ? {} : { branch }),
  };
}

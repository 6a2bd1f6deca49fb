import { runCheck, type CheckOptions, type CheckResult, type CheckSide } from '../core/check/run-check.ts';
import type { ExternalRenderDeps } from '../core/render/external/types.ts';
import type { ProcessRunner } from '../core/render/external/process-runner.ts';
import type { FileSource } from '../core/files/file-source.ts';
import type { FailOn } from '../core/report/check-run.ts';
import type { CheckReport, ReportMeta } from '../core/report/check-report.ts';
import type { Finding } from '../core/findings.ts';
import type { ValidateDeps } from '../core/validate/validate-manifests.ts';
import { PUBLISH_NAMES } from './check-defaults.ts';
import { diskFileSource } from './disk-file-source.ts';
import { KubeproofError } from '../core/errors.ts';
import type { CheckRunOutput } from '../core/report/check-run-output.ts';
import { GitHubApiError } from './github/github-api-error.ts';
import type { CommitRef, GitHubPort, StartedCheckRun } from './github/github-port.ts';
import type { Logger } from './logger.ts';
import { materializeTree } from './materialize-tree.ts';
import { publishReport, type PublishOutcome, type PublishTarget } from './publish-report.ts';
import type { SchemaSetup } from './validation-setup.ts';

/** The whole check (render, validate, policy, diff), the diff alone, or policy alone (no validation). */
export type CheckKind = keyof typeof PUBLISH_NAMES;

/** The check run's name and the comment's marker key of a kind of check. */
export interface PublishNames {
  checkName: string;
  marker: string;
}

/**
 * The comment key and check name for a working directory: one sticky comment per folder, so
 * matrix jobs over several GitOps folders of one repository do not overwrite each other's report.
 */
export function publishNames(kind: CheckKind, prefix: string): PublishNames {
  const names = PUBLISH_NAMES[kind];
  if (prefix === '') return names;
  const slug = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug === ''
    ? names
    : { checkName: `${names.checkName} (${prefix})`, marker: `${names.marker}-${slug}` };
}

/** A side's files, and the folder they are in on disk when they are (binaries need one). */
export interface SideTree {
  files: FileSource;
  root?: string;
}

/** Where and how to publish: the sticky comment and the check run. */
export interface PublishRequest {
  port: GitHubPort;
  target: PublishTarget;
  /** Post the comment (there must be a pull request for it too). */
  comment: boolean;
  failOn: FailOn;
  detailsUrl?: string;
  /** The checked folder from the repository root (`''` at the top): names and annotation paths. */
  prefix: string;
  /** The GitHub server, for links to files (`GITHUB_SERVER_URL`); default `https://github.com`. */
  serverUrl?: string;
  /** The check run the front door already started in progress (the App starts it on the webhook). */
  started?: StartedCheckRun;
  /**
   * Asked just before publishing: false when the head moved on (a newer push) while the check ran.
   * Then nothing is published: the check run started ends neutral, saying a newer commit is checked.
   */
  stillCurrent?: () => Promise<boolean>;
}

export interface PullRequestCheckRequest {
  kind: CheckKind;
  /** The folder of the head on disk, or its files (a tarball the App downloaded). */
  head: string | SideTree;
  /** Undefined: no base, every environment is new. */
  base: SideTree | undefined;
  /** How to validate; required for `check`, ignored for `diff` and `policy`. */
  schemas?: SchemaSetup;
  /** What runCheck is asked (the schemas' version and strictness, where, changed files, trust). */
  options: Omit<CheckOptions, 'validate'>;
  /** Report metadata the front door knows (commit, the link to the full report). */
  meta?: Partial<ReportMeta>;
  /** Findings of the front door's own steps (a base it could not download), reported with the rest. */
  findings?: readonly Finding[];
  /** Undefined: nothing is published (the CLI, or no pull request or token). */
  publish?: PublishRequest;
}

export interface PullRequestCheckDeps {
  createValidationDeps(setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps>;
  /** Runs kustomize, kubectl or helm for environments that need them. */
  runner: ProcessRunner;
  /** A fresh empty folder to write a base side into when a binary needs it on disk. */
  workFolder(): Promise<string>;
  now(): number;
  /** Schema notices and what publishing did; pino-shaped (Probot's `context.log` fits). */
  log: Logger;
}

export interface PullRequestCheckOutcome {
  result: CheckResult;
  /** The result's report with the request's metadata. */
  report: CheckReport;
  /** Undefined when nothing was published. */
  published: PublishOutcome | undefined;
  /** True when the head moved on before publishing (`stillCurrent`), so nothing was published. */
  superseded?: boolean;
}

function external(runner: ProcessRunner, root: string, files: FileSource): ExternalRenderDeps {
  return { runner, repoRoot: root, files };
}

/** A side as runCheck takes it: on disk already, or written to a work folder only when needed. */
function side(base: SideTree, deps: PullRequestCheckDeps): CheckSide {
  const { files, root } = base;
  if (root !== undefined) return { files, external: external(deps.runner, root, files) };
  return {
    files,
    materialize: async () => {
      const folder = await deps.workFolder();
      await materializeTree(files, folder);
      return external(deps.runner, folder, files);
    },
  };
}

/**
 * One pull-request check, whoever runs it (the CLI, the Actions, the App): set up the schemas, run
 * the check on the two sides, fill the report's metadata and publish it with the kind's comment
 * marker and check-run name. Front doors resolve the sides and map the outcome to an exit code, a
 * failed step or a conclusion.
 */
export async function checkPullRequest(
  request: PullRequestCheckRequest,
  deps: PullRequestCheckDeps,
): Promise<PullRequestCheckOutcome> {
  const validating = request.kind === 'check';
  const notices: string[] = [];
  let validate: ValidateDeps | undefined;
  try {
    validate =
      validating && request.schemas !== undefined
        ? await deps.createValidationDeps(request.schemas, (message) => notices.push(message))
        : undefined;
  } catch (error) {
    // A run the caller started must not stay in progress: it ends saying why.
    if (request.publish?.started)
      await abandonRun(request.kind, request.publish, request.publish.started, error, deps.log);
    throw error;
  }
  const head =
    typeof request.head === 'string'
      ? { files: await diskFileSource(request.head), root: request.head }
      : request.head;
  const started =
    request.publish && (request.publish.started ?? (await startRun(request.kind, request.publish, deps)));
  let result: CheckResult;
  try {
    result = await runCheck(
      side(head, deps),
      request.base === undefined ? undefined : side(request.base, deps),
      {
        ...request.options,
        validate: validating,
        // The diff alone runs no policy; `check` and `policy` run it unless the options turn it off.
        policy: request.kind !== 'diff' && request.options.policy !== false,
      },
      { ...(validate ? { validate } : {}), now: deps.now },
    );
  } catch (error) {
    // Never leave the check run spinning: it ends, saying the check did not finish.
    if (request.publish && started) await abandonRun(request.kind, request.publish, started, error, deps.log);
    throw error;
  }
  for (const notice of notices) deps.log.info(`kubeproof: ${notice}`);
  if (request.findings !== undefined && request.findings.length > 0)
    result = { ...result, findings: [...request.findings, ...result.findings] };
  const report: CheckReport = {
    ...result.report,
    meta: { ...result.report.meta, ...sourceLinks(request.publish), ...request.meta },
  };
  if (request.publish?.stillCurrent && !(await request.publish.stillCurrent())) {
    if (started) await supersedeRun(request.kind, request.publish, started, deps.log);
    return { result, report, published: undefined, superseded: true };
  }
  const published =
    request.publish === undefined
      ? undefined
      : await publish(request.kind, request.publish, report, result, deps.log, started);
  return { result, report, published };
}

/** Links to the head's files at the head commit, when the report is published on GitHub. */
function sourceLinks(request: PublishRequest | undefined): Partial<ReportMeta> {
  const repo = request?.target.repo ?? request?.target.pr;
  if (request === undefined || repo === undefined) return {};
  const prefix = request.prefix === '' ? '' : `${request.prefix.replace(/\/+$/, '')}/`;
  return {
    sourceLinks: {
      server: request.serverUrl ?? 'https://github.com',
      repository: `${repo.owner}/${repo.repo}`,
      sha: request.target.headSha,
      ...(prefix === '' ? {} : { pathPrefix: prefix }),
    },
  };
}

function commitOf(request: PublishRequest): CommitRef | undefined {
  const repo = request.target.repo ?? request.target.pr;
  return repo && { owner: repo.owner, repo: repo.repo, sha: request.target.headSha };
}

/** The check run, in progress while the check runs; undefined (created at the end) when GitHub refuses. */
async function startRun(
  kind: CheckKind,
  request: PublishRequest,
  deps: PullRequestCheckDeps,
): Promise<StartedCheckRun | undefined> {
  const commit = commitOf(request);
  if (commit === undefined) return undefined;
  try {
    return await request.port.startCheckRun(commit, {
      name: publishNames(kind, request.prefix).checkName,
      startedAt: new Date(deps.now()).toISOString(),
      ...(request.detailsUrl === undefined ? {} : { detailsUrl: request.detailsUrl }),
    });
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    // Publishing says why at the end, with the permission to grant, if it fails there too.
    deps.log.debug(`kubeproof: the check run could not be started: ${error.message}`);
    return undefined;
  }
}

/** The check run of a head that moved on ends neutral: the newer commit's run carries the verdict. */
async function supersedeRun(
  kind: CheckKind,
  request: PublishRequest,
  started: StartedCheckRun,
  log: Logger,
): Promise<void> {
  const commit = commitOf(request);
  if (commit === undefined) return;
  const check: CheckRunOutput = {
    name: publishNames(kind, request.prefix).checkName,
    conclusion: 'neutral',
    title: 'Superseded by a newer commit',
    summary: `The pull request moved on to a newer commit while ${commit.sha} was checked: that commit's check run carries the result.`,
    annotations: [],
    ...(request.detailsUrl === undefined ? {} : { detailsUrl: request.detailsUrl }),
  };
  log.info(`kubeproof: ${commit.sha} is no longer the pull request's head; its result is not published`);
  await request.port.publishCheckRun(commit, check, started).catch((failure: unknown) => {
    log.warn(
      `kubeproof: the check run could not be completed: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  });
}

async function abandonRun(
  kind: CheckKind,
  request: PublishRequest,
  started: StartedCheckRun,
  error: unknown,
  log: Logger,
): Promise<void> {
  const commit = commitOf(request);
  if (commit === undefined) return;
  const reason = error instanceof KubeproofError ? error.message : 'an internal error (see the job log)';
  const check: CheckRunOutput = {
    name: publishNames(kind, request.prefix).checkName,
    conclusion: request.failOn === 'never' ? 'neutral' : 'failure',
    title: 'kubeproof did not finish',
    summary: `kubeproof stopped before it could report: ${reason}`,
    annotations: [],
    ...(request.detailsUrl === undefined ? {} : { detailsUrl: request.detailsUrl }),
  };
  await request.port.publishCheckRun(commit, check, started).catch((failure: unknown) => {
    log.warn(
      `kubeproof: the check run could not be completed: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  });
}

function publish(
  kind: CheckKind,
  request: PublishRequest,
  report: CheckReport,
  result: CheckResult,
  log: Logger,
  started: StartedCheckRun | undefined,
): Promise<PublishOutcome> {
  const { prefix } = request;
  return publishReport(
    request.port,
    request.target,
    report,
    {
      comment: request.comment,
      ...publishNames(kind, prefix),
      // The whole check supersedes a diff-only comment of the same folder: minimize it as outdated.
      ...(kind === 'check' ? { outdatedKeys: [publishNames('diff', prefix).marker] } : {}),
      failOn: request.failOn,
      ...(request.detailsUrl === undefined ? {} : { detailsUrl: request.detailsUrl }),
      pathPrefix: prefix,
      findings: result.findings,
      ...(started === undefined ? {} : { started }),
    },
    log,
  );
}

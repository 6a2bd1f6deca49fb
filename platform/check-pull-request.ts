import { runCheck, type CheckOptions, type CheckResult, type CheckSide } from '../core/check/run-check.ts';
import type { ExternalRenderDeps } from '../core/render/external/types.ts';
import type { ProcessRunner } from '../core/render/external/process-runner.ts';
import type { FileSource } from '../core/files/file-source.ts';
import type { FailOn } from '../core/report/check-run.ts';
import type { CheckReport, ReportMeta } from '../core/report/check-report.ts';
import type { ValidateDeps } from '../core/validate/validate-manifests.ts';
import { PUBLISH_NAMES } from './check-defaults.ts';
import { diskFileSource } from './disk-file-source.ts';
import type { GitHubPort } from './github/github-port.ts';
import type { Logger } from './logger.ts';
import { materializeTree } from './materialize-tree.ts';
import { publishReport, type PublishOutcome, type PublishTarget } from './publish-report.ts';
import type { SchemaSetup } from './validation-setup.ts';

/** The whole check (render, validate, diff) or the diff alone. */
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
}

export interface PullRequestCheckRequest {
  kind: CheckKind;
  /** The folder of the head, on disk. */
  head: string;
  /** Undefined: no base, every environment is new. */
  base: SideTree | undefined;
  /** How to validate; required for `check`, ignored for `diff`. */
  schemas?: SchemaSetup;
  /** What runCheck is asked (the schemas' version and strictness, where, changed files, trust). */
  options: Omit<CheckOptions, 'validate'>;
  /** Report metadata the front door knows (commit, the link to the full report). */
  meta?: Partial<ReportMeta>;
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
}

function external(runner: ProcessRunner, root: string, files: FileSource): ExternalRenderDeps {
  return { runner, repoRoot: root, files };
}

/** The base as runCheck takes it: on disk already, or written to a work folder only when needed. */
function baseSide(base: SideTree, deps: PullRequestCheckDeps): CheckSide {
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
  const validate =
    validating && request.schemas !== undefined
      ? await deps.createValidationDeps(request.schemas, (message) => notices.push(message))
      : undefined;
  const headFiles = await diskFileSource(request.head);
  const result = await runCheck(
    { files: headFiles, external: external(deps.runner, request.head, headFiles) },
    request.base === undefined ? undefined : baseSide(request.base, deps),
    { ...request.options, validate: validating },
    { ...(validate ? { validate } : {}), now: deps.now },
  );
  for (const notice of notices) deps.log.info(`kubeproof: ${notice}`);
  const report: CheckReport = { ...result.report, meta: { ...result.report.meta, ...request.meta } };
  const published =
    request.publish === undefined
      ? undefined
      : await publish(request.kind, request.publish, report, result, deps.log);
  return { result, report, published };
}

function publish(
  kind: CheckKind,
  request: PublishRequest,
  report: CheckReport,
  result: CheckResult,
  log: Logger,
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
    },
    log,
  );
}

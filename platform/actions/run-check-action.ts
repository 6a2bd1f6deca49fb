import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../core/check/run-check.ts';
import type { ProcessRunner } from '../../core/render/external/process-runner.ts';
import { checkAnnotations, checkConclusion } from '../../core/report/check-run.ts';
import type { CheckAnnotation } from '../../core/report/check-run-output.ts';
import { sarifCheck } from '../../core/report/sarif-check.ts';
import { workflowCommands } from '../../core/report/workflow-commands.ts';
import type { ValidateDeps } from '../../core/validate/validate-manifests.ts';
import pkg from '../../package.json' with { type: 'json' };
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_STRICT } from '../check-defaults.ts';
import {
  checkPullRequest,
  publishNames,
  type CheckKind,
  type PublishRequest,
} from '../check-pull-request.ts';
import type { GitHubPort } from '../github/github-port.ts';
import type { PublishOutcome } from '../publish-report.ts';
import { pullRequestChanges } from '../pull-request-changes.ts';
import type { SchemaFetchOptions } from '../schema-fetch.ts';
import type { SchemaSetup } from '../validation-setup.ts';
import type { ActionContext } from './action-context.ts';
import { actionsLogger } from './actions-logger.ts';
import type { ActionsIo } from './actions-io.ts';
import { schemaCacheFolder } from './schema-cache-folder.ts';
import { offlineSchemasNotice } from './offline-schemas-notice.ts';
import type { CheckInputs, DiffInputs } from './check-inputs.ts';
import { failureMessage, reportCounts } from './report-counts.ts';
import { resolveBase, underPrefix, type CheckoutGit } from './resolve-base.ts';
import { resolveHead } from './resolve-head.ts';
import { runTarget, type RunTarget } from './run-target.ts';
import { summaryMarkdown } from './summary-markdown.ts';
import { workingDirectoryOf } from './working-directory.ts';

/** What `run()` of the check and diff actions needs from the outside world. */
export interface CheckActionDeps {
  io: ActionsIo;
  context: ActionContext;
  /** Undefined without a token: no comment, no check run, no API base. */
  port: GitHubPort | undefined;
  git: CheckoutGit;
  createValidationDeps(setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps>;
  /** Runs kustomize, kubectl or helm for environments that need them. */
  runner: ProcessRunner;
  fetch: SchemaFetchOptions;
  now(): number;
}

/** What a run produced, for the tests and the bench. */
export interface CheckActionResult {
  result: CheckResult;
  published: PublishOutcome | undefined;
  failure: string | undefined;
}

const TRUST_HELP =
  "to allow it, use that renderer for an environment in the base branch's .kubeproof.yaml, or name it in the action's allow-renderers input";

/** Where the report goes: the port, when there is a pull request (or merge group) and a token. */
function publishRequest(
  inputs: DiffInputs,
  deps: CheckActionDeps,
  prefix: string,
  target: RunTarget,
): PublishRequest | undefined {
  if (target.commit === undefined || deps.port === undefined) return undefined;
  return {
    port: deps.port,
    target: {
      ...(target.pr === undefined ? {} : { pr: target.pr }),
      repo: target.commit,
      headSha: target.commit.sha,
    },
    // A merge group has no pull request to comment on: its check run is what the queue waits for.
    comment: inputs.comment && target.pr !== undefined,
    failOn: inputs.failOn,
    ...(deps.context.runUrl === undefined ? {} : { detailsUrl: deps.context.runUrl }),
    ...(deps.context.serverUrl === undefined ? {} : { serverUrl: deps.context.serverUrl }),
    prefix,
  };
}

/** Why nothing carries the annotations when the port did not, and the annotations to log instead. */
function fallbackOf(
  deps: CheckActionDeps,
  target: RunTarget,
  published: PublishOutcome | undefined,
  annotations: () => CheckAnnotation[],
): { fallback: string | undefined; annotations: CheckAnnotation[] } {
  if (target.commit === undefined) {
    const event = deps.context.eventName === '' ? 'this run' : `this ${deps.context.eventName} event`;
    return {
      fallback: `${event} is not about a pull request: no comment nor check run`,
      annotations: annotations(),
    };
  }
  if (published === undefined) return { fallback: 'no github-token was given', annotations: annotations() };
  return {
    // publishReport already said why, with the permission to grant.
    fallback: published.checkRun === undefined ? 'the check run could not be created' : undefined,
    annotations: published.annotations,
  };
}

async function run(
  kind: CheckKind,
  inputs: CheckInputs | DiffInputs,
  deps: CheckActionDeps,
): Promise<CheckActionResult> {
  const { io, context } = deps;
  const log = actionsLogger(io);
  const workingDirectory = await workingDirectoryOf(context, inputs.workingDirectory);
  const target = runTarget(context);
  const repo = target.commit ?? context.repo;
  const baseRef = inputs.baseRef ?? target.baseSha;
  const [base, changes] = await Promise.all([
    resolveBase(
      { workingDirectory, workspace: context.workspace, ref: baseRef, repo },
      { git: deps.git, port: deps.port },
    ),
    target.pr && deps.port && inputs.baseRef === undefined
      ? pullRequestChanges(deps.port, target.pr, log)
      : Promise.resolve(undefined),
  ]);
  const head = await resolveHead(
    {
      workingDirectory,
      prefix: base.prefix,
      eventName: context.eventName,
      target,
      repo,
      runnerTemp: context.runnerTemp,
    },
    { git: deps.git, port: deps.port },
  );
  if (head.note !== undefined) io.warning(`kubeproof: ${head.note}`);
  if (base.origin === 'checkout') io.info(`kubeproof: base ${baseRef} read from the checkout`);
  else if (base.origin === 'api')
    io.info(
      `kubeproof: base ${baseRef} downloaded from the GitHub API (one tarball; check out with fetch-depth: 0 to skip it)`,
    );
  else io.warning(`kubeproof: ${base.reason ?? 'no base'}; every environment is checked as new`);

  const schema = kind === 'check' ? (inputs as CheckInputs) : undefined;
  const offline = schema ? await offlineSchemasNotice(schema.schemaLocations) : undefined;
  if (offline !== undefined) io.notice(`kubeproof: ${offline}`);
  const commit = target.commit?.sha ?? context.sha;
  const publish = publishRequest(inputs, deps, base.prefix, target);
  const { result, report, published } = await checkPullRequest(
    {
      kind,
      head: head.root,
      base: base.side === undefined ? undefined : { files: base.side.files },
      ...(schema
        ? {
            schemas: {
              locations: schema.schemaLocations,
              kubernetesVersion: schema.kubernetesVersion,
              strict: schema.strict,
              offline: false,
              fetch: deps.fetch,
              baseDirectory: workingDirectory,
              ...(await schemaCacheFolder(context.workspace, schema.schemaCache)),
            },
          }
        : {}),
      options: {
        kubernetesVersion: schema?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
        strict: schema?.strict ?? DEFAULT_STRICT,
        ...(base.prefix === '' ? {} : { where: base.prefix }),
        ...(context.repository ? { repository: context.repository } : {}),
        ...(changes === undefined ? {} : { changedFiles: underPrefix(changes, base.prefix) }),
        // A change not yet in the repository (a pull request, a merge group) does not choose the binaries run on it.
        ...(target.commit === undefined
          ? {}
          : { trustedRenderers: { renderers: inputs.allowRenderers, help: TRUST_HELP } }),
      },
      meta: {
        ...(commit ? { commit } : {}),
        ...(context.runUrl ? { fullReportUrl: context.runUrl, fullReportLabel: 'job summary' } : {}),
      },
      ...(publish === undefined ? {} : { publish }),
    },
    {
      createValidationDeps: deps.createValidationDeps,
      runner: deps.runner,
      // Binaries (kustomize, helm) need the base on disk: written under RUNNER_TEMP when one is needed.
      workFolder: async () => {
        await mkdir(context.runnerTemp, { recursive: true });
        return mkdtemp(join(context.runnerTemp, 'kubeproof-base-'));
      },
      now: deps.now,
      log,
    },
  );

  const { fallback, annotations } = fallbackOf(deps, target, published, () =>
    checkAnnotations(report, { pathPrefix: base.prefix, findings: result.findings }),
  );
  if (fallback !== undefined) {
    io.warning(
      `kubeproof: ${fallback}; the findings are annotated with workflow commands and the report is in the job summary`,
    );
    if (annotations.length > 0) io.info(workflowCommands(annotations).trimEnd());
  }
  const bodies = summaryMarkdown(report, publishNames(kind, base.prefix).marker);
  await io.appendSummary(bodies.summary);

  const sarifFile = join(context.runnerTemp, `kubeproof-${kind}.sarif`);
  await io.writeFile(
    sarifFile,
    sarifCheck(report, { pathPrefix: base.prefix, findings: result.findings, version: `v${pkg.version}` }),
  );
  const counts = reportCounts(report, result.findings);
  io.setOutput(
    'environments',
    JSON.stringify(report.environments.map((environment) => environment.environment)),
  );
  io.setOutput('errors', String(counts.errors));
  io.setOutput('warnings', String(counts.warnings));
  io.setOutput('changed', String(counts.changed > 0));
  // Without a base nothing changes: the list is empty, as `changed` is false.
  const compared = report.meta.compared !== false;
  io.setOutput(
    'changed-environments',
    JSON.stringify(
      compared
        ? report.environments.filter((diff) => diff.status === 'changed').map((diff) => diff.environment)
        : [],
    ),
  );
  io.setOutput('comment-url', published?.commentUrl ?? '');
  io.setOutput(
    'conclusion',
    published?.conclusion ?? checkConclusion(report, inputs.failOn, result.findings),
  );
  io.setOutput('comment-body', bodies.comment);
  io.setOutput('sarif-file', sarifFile);
  const failure = failureMessage(counts, inputs.failOn);
  if (failure !== undefined) io.setFailed(failure);
  return { result, published, failure };
}

/** The root action: render, validate, diff, comment, check run, job summary, SARIF and outputs. */
export function runCheckAction(inputs: CheckInputs, deps: CheckActionDeps): Promise<CheckActionResult> {
  return run('check', inputs, deps);
}

/** The diff action: the same without validation (fail-on counts environments that did not render). */
export function runDiffAction(inputs: DiffInputs, deps: CheckActionDeps): Promise<CheckActionResult> {
  return run('diff', inputs, deps);
}

import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { renderGithub } from '../../core/report/validate/render-github.ts';
import { renderSarif } from '../../core/report/validate/render-sarif.ts';
import { renderText } from '../../core/report/validate/render-text.ts';
import type { ValidateReportInput } from '../../core/report/validate/report-input.ts';
import {
  validateManifests,
  type ValidateDeps,
  type ValidationRun,
} from '../../core/validate/validate-manifests.ts';
import { UsageError } from '../../core/errors.ts';
import pkg from '../../package.json' with { type: 'json' };
import { readManifestInputs } from '../read-manifest-inputs.ts';
import type { SchemaFetchOptions } from '../schema-fetch.ts';
import type { SchemaSetup } from '../validation-setup.ts';
import type { ActionContext } from './action-context.ts';
import type { ActionsIo } from './actions-io.ts';
import { schemaCacheFolder } from './schema-cache-folder.ts';
import { offlineSchemasNotice } from './offline-schemas-notice.ts';
import { failureMessage } from './report-counts.ts';
import type { ValidateInputs } from './validate-inputs.ts';
import { validateSummary, validationFindings } from './validate-summary.ts';

export interface ValidateActionDeps {
  io: ActionsIo;
  context: ActionContext;
  createValidationDeps(setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps>;
  fetch: SchemaFetchOptions;
  now(): number;
}

export interface ValidateActionResult {
  run: ValidationRun;
  errors: number;
  warnings: number;
  failure: string | undefined;
}

/** A path as the annotations and SARIF need it: relative to the workspace (the repository), POSIX. */
function workspacePath(workspace: string, path: string): string {
  const inside = relative(workspace, path);
  return inside.startsWith('..') ? path : inside.split(sep).join('/');
}

/**
 * The validate action, a drop-in for a kubeconform step: validates the files and folders of the
 * `files` input (plain or rendered manifests), prints kubeconform's text output, annotates every
 * finding on its file and line with workflow commands, writes the job summary and a SARIF file,
 * and sets `resources`, `errors`, `warnings` and `sarif-file`. Needs no token.
 */
export async function runValidateAction(
  inputs: ValidateInputs,
  deps: ValidateActionDeps,
): Promise<ValidateActionResult> {
  const { io, context } = deps;
  const workingDirectory = resolve(context.workspace, inputs.workingDirectory);
  if (!(await stat(workingDirectory).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`input working-directory: ${workingDirectory} is not a folder`);
  }
  const notices: string[] = [];
  const offline = await offlineSchemasNotice(inputs.schemaLocations);
  if (offline !== undefined) io.notice(`kubeproof: ${offline}`);
  const validation = await deps.createValidationDeps(
    {
      locations: inputs.schemaLocations,
      kubernetesVersion: inputs.kubernetesVersion,
      strict: inputs.strict,
      offline: false,
      fetch: deps.fetch,
      baseDirectory: workingDirectory,
      ...(await schemaCacheFolder(context.workspace, inputs.schemaCache)),
    },
    (message) => notices.push(message),
  );
  const started = deps.now();
  const found = await readManifestInputs(
    inputs.files.map((file) => resolve(workingDirectory, file)),
    { ignorePatterns: inputs.ignoreFilenamePatterns },
  );
  const manifests = found.map((input) => ({ ...input, path: workspacePath(context.workspace, input.path) }));
  const run = await validateManifests(
    manifests,
    {
      kubernetesVersion: inputs.kubernetesVersion,
      strict: inputs.strict,
      skip: inputs.skip,
      reject: inputs.reject,
      ignoreMissingSchemas: inputs.ignoreMissingSchemas,
      exitOnError: false,
    },
    validation,
  );
  const report: ValidateReportInput = {
    results: run.results,
    files: run.files,
    stdin: false,
    summary: true,
    verbose: false,
    notices,
    elapsedSeconds: (deps.now() - started) / 1000,
    version: `v${pkg.version}`,
  };
  io.info(renderText(report).trimEnd());
  for (const notice of notices) io.info(`kubeproof: ${notice}`);
  const commands = renderGithub({ ...report, summary: false });
  if (commands !== '') io.info(commands.trimEnd());
  await io.appendSummary(validateSummary(run.results, notices));
  const sarifFile = join(context.runnerTemp, 'kubeproof-validate.sarif');
  await io.writeFile(sarifFile, renderSarif(report));

  const findings = validationFindings(run.results);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  const resources = run.results.filter((result) => result.status !== 'empty').length;
  io.setOutput('resources', String(resources));
  io.setOutput('errors', String(errors));
  io.setOutput('warnings', String(warnings));
  io.setOutput('sarif-file', sarifFile);
  const failure = failureMessage({ errors, warnings }, inputs.failOn);
  if (failure !== undefined) io.setFailed(failure);
  return { run, errors, warnings, failure };
}

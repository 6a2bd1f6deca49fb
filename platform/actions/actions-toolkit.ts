import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { context as githubContext, getOctokit } from '@actions/github';
import { createNodeProcessRunner } from '../node-process-runner.ts';
import { createOctokitGitHubPort } from '../github/octokit-github-port.ts';
import type { GitHubPort } from '../github/github-port.ts';
import { schemaFetchOptionsFrom } from '../proxy-env.ts';
import type { SchemaFetchOptions } from '../schema-fetch.ts';
import { createValidationDeps } from '../validation-setup.ts';
import { actionContext, type ActionContext } from './action-context.ts';
import type { ActionsIo } from './actions-io.ts';
import type { CheckActionDeps } from './run-check-action.ts';
import type { PromoteActionDeps } from './run-promote-action.ts';
import { checkoutGit } from './resolve-base.ts';
import type { ValidateActionDeps } from './run-validate-action.ts';

/** `@actions/core` as the actions' `ActionsIo`: log, annotations, outputs, job summary. */
export function coreIo(): ActionsIo {
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    notice: (message, properties) => core.notice(message, properties),
    warning: (message, properties) => core.warning(message, properties),
    error: (message, properties) => core.error(message, properties),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    async appendSummary(markdown) {
      // Outside a runner (no GITHUB_STEP_SUMMARY) there is no job summary: the log has the report.
      if (!process.env['GITHUB_STEP_SUMMARY']) return;
      await core.summary.addRaw(markdown).write();
    },
    async writeFile(path, content) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    },
  };
}

/** An action input as `core.getInput` reads it (`INPUT_<NAME>`, trimmed). */
export function readInput(name: string): string {
  return core.getInput(name);
}

/** The run's context: GITHUB_* variables and the event payload `@actions/github` read from GITHUB_EVENT_PATH. */
export function runnerContext(): ActionContext {
  return actionContext(process.env, githubContext.eventName, githubContext.payload, process.cwd());
}

/** Proxy settings for schema downloads, from the runner's environment (as the CLI reads them). */
export function schemaFetchOptions(): SchemaFetchOptions {
  return schemaFetchOptionsFrom(process.env);
}

/** The GitHub port over `getOctokit(token)` (GITHUB_API_URL, proxies); undefined without a token. */
export function tokenPort(token: string | undefined): GitHubPort | undefined {
  return token === undefined ? undefined : createOctokitGitHubPort(getOctokit(token));
}

/** Everything the check and diff actions need on a runner. */
export function checkActionDeps(token: string | undefined): CheckActionDeps {
  return {
    io: coreIo(),
    context: runnerContext(),
    port: tokenPort(token),
    git: checkoutGit,
    createValidationDeps,
    runner: createNodeProcessRunner(),
    fetch: schemaFetchOptions(),
    now: () => performance.now(),
  };
}

/** Everything the promote action needs on a runner. */
export function promoteActionDeps(token: string | undefined): PromoteActionDeps {
  return { io: coreIo(), context: runnerContext(), port: tokenPort(token), git: checkoutGit };
}

/** Everything the validate action needs on a runner. */
export function validateActionDeps(): ValidateActionDeps {
  return {
    io: coreIo(),
    context: runnerContext(),
    createValidationDeps,
    fetch: schemaFetchOptions(),
    now: () => performance.now(),
  };
}

/** The message of what a run threw, for `core.setFailed`. */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

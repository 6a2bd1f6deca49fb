// actions/diff: render and diff the affected environments, comment and check run; no validation.
import * as core from '@actions/core';
import { checkActionDeps, failureText, readInput } from '../../platform/actions/actions-toolkit.ts';
import { parseDiffInputs } from '../../platform/actions/check-inputs.ts';
import { runDiffAction } from '../../platform/actions/run-check-action.ts';

try {
  const inputs = parseDiffInputs(readInput);
  await runDiffAction(inputs, checkActionDeps(inputs.githubToken));
} catch (error) {
  core.setFailed(failureText(error));
}

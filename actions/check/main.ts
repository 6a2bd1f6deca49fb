// The root action (action.yml): the whole pull-request check. Only wires: inputs, dependencies, run.
import * as core from '@actions/core';
import { checkActionDeps, failureText, readInput } from '../../platform/actions/actions-toolkit.ts';
import { parseCheckInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction } from '../../platform/actions/run-check-action.ts';

try {
  const inputs = parseCheckInputs(readInput);
  await runCheckAction(inputs, checkActionDeps(inputs.githubToken));
} catch (error) {
  core.setFailed(failureText(error));
}

// actions/promote: the promotion pull request after a push, or on workflow_dispatch. Only wires.
import * as core from '@actions/core';
import { failureText, promoteActionDeps, readInput } from '../../platform/actions/actions-toolkit.ts';
import { parsePromoteInputs } from '../../platform/actions/promote-inputs.ts';
import { runPromoteAction } from '../../platform/actions/run-promote-action.ts';

try {
  const inputs = parsePromoteInputs(readInput);
  await runPromoteAction(inputs, promoteActionDeps(inputs.githubToken));
} catch (error) {
  core.setOutput('conclusion', 'failure');
  core.setFailed(failureText(error));
}

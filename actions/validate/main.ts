// actions/validate: a drop-in for a kubeconform step. Only wires: inputs, dependencies, run.
import * as core from '@actions/core';
import { failureText, readInput, validateActionDeps } from '../../platform/actions/actions-toolkit.ts';
import { runValidateAction } from '../../platform/actions/run-validate-action.ts';
import { parseValidateInputs } from '../../platform/actions/validate-inputs.ts';

try {
  await runValidateAction(parseValidateInputs(readInput), validateActionDeps());
} catch (error) {
  core.setFailed(failureText(error));
}

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import type { ActionContext } from './action-context.ts';

/** The `working-directory` input as an absolute folder of the workspace; an error when it is not one. */
export async function workingDirectoryOf(context: ActionContext, input: string): Promise<string> {
  const folder = resolve(context.workspace, input);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new UsageError(
      `input working-directory: ${folder} is not a folder (is the repository checked out? add actions/checkout before kubeproof)`,
    );
  }
  return folder;
}

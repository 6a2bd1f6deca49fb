import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.ts';

/**
 * The `schema-cache` input as a folder for the schema setup: resolved against the workspace and
 * created when missing (on a first run `actions/cache` has nothing to restore). Empty when unset.
 */
export async function schemaCacheFolder(
  workspace: string,
  input: string | undefined,
): Promise<{ cacheFolder?: string }> {
  if (input === undefined) return {};
  const folder = resolve(workspace, input);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(
      `input schema-cache: cannot create ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return { cacheFolder: folder };
}

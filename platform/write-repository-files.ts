import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes files of a repository (repository-relative paths) whole. Each is written beside itself
 * and renamed over the original, so a reader never sees half a file.
 */
export async function writeRepositoryFiles(
  root: string,
  files: readonly { path: string; content: Uint8Array }[],
): Promise<void> {
  for (const file of files) {
    const target = join(root, ...file.path.split('/'));
    const temporary = `${target}.kubeproof-${process.pid}.tmp`;
    await writeFile(temporary, file.content);
    await rename(temporary, target);
  }
}

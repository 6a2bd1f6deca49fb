import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { mapLimited } from '../core/concurrency.ts';
import { walkRepository } from '../core/render/environments/walk-repository.ts';
import type { FileSource } from '../core/files/file-source.ts';

/**
 * Writes the files of a tree (a git ref, a downloaded tarball) into an empty folder, so binaries
 * (kustomize, kubectl, helm) can render its environments. Hidden folders, `node_modules`, `dist`
 * and `vendor` are left out, as the repository walk leaves them out.
 */
export async function materializeTree(files: FileSource, folder: string): Promise<number> {
  const { files: paths } = await walkRepository(files);
  await mapLimited(paths, 16, async (path) => {
    const content = await files.readFile(path);
    if (content === undefined) return;
    const target = join(folder, ...path.split('/'));
    if (!target.startsWith(`${folder}${sep}`)) return;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  });
  return paths.length;
}

import { walkRepository } from '../render/environments/walk-repository.ts';
import type { FileSource } from '../render/types.ts';

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The files that differ between two trees (added, removed or changed), sorted: what a pull request
 * changes when base and head are given as folders or refs rather than as a list from GitHub.
 */
export async function changedFiles(base: FileSource, head: FileSource): Promise<string[]> {
  const [before, after] = await Promise.all([walkRepository(base), walkRepository(head)]);
  const all = [...new Set([...before.files, ...after.files])].sort();
  const changed: string[] = [];
  for (const path of all) {
    const [a, b] = await Promise.all([base.readFile(path), head.readFile(path)]);
    if (!sameBytes(a, b)) changed.push(path);
  }
  return changed;
}

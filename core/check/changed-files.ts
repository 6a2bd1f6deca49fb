import { mapLimited } from '../concurrency.ts';
import { walkRepository } from '../render/environments/walk-repository.ts';

/** Reads in flight at once: a disk source waits on I/O, an in-memory one answers at once. */
const READS_AT_ONCE = 32;
import type { FileSource } from '../files/file-source.ts';

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
  const same = await mapLimited(all, READS_AT_ONCE, async (path) => {
    const [a, b] = await Promise.all([base.readFile(path), head.readFile(path)]);
    return sameBytes(a, b);
  });
  return all.filter((_, index) => !same[index]);
}

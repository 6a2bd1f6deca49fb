import type { FileSource } from './file-source.ts';

/**
 * A source with some files replaced: `files` as they would be after writing `changes` (existing
 * paths only; a promotion edits files, it does not create them).
 */
export function overlayFileSource(files: FileSource, changes: ReadonlyMap<string, Uint8Array>): FileSource {
  return {
    readFile: async (path) => changes.get(path) ?? files.readFile(path),
    listDirectory: (path) => files.listDirectory(path),
  };
}

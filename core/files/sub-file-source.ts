import type { FileSource } from './file-source.ts';

/** The files under `prefix` of another source, as a repository of their own (`''` is the source itself). */
export function subFileSource(files: FileSource, prefix: string): FileSource {
  if (prefix === '') return files;
  const join = (path: string): string => (path === '' ? prefix : `${prefix}/${path}`);
  const outside = (entryTarget: string | undefined): string | undefined =>
    entryTarget !== undefined && entryTarget.startsWith(`${prefix}/`)
      ? entryTarget.slice(prefix.length + 1)
      : undefined;
  return {
    readFile: (path) => files.readFile(join(path)),
    async listDirectory(path) {
      const entries = await files.listDirectory(join(path));
      return entries?.map((entry) => {
        if (entry.type !== 'symlink') return entry;
        const target = outside(entry.target);
        return target === undefined ? { name: entry.name, type: 'symlink' as const } : { ...entry, target };
      });
    },
  };
}

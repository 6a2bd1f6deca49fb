/**
 * Files of a repository, by repository-relative POSIX path (`envs/prod/kustomization.yaml`, no
 * leading `./` or `/`). Implemented over the disk (CLI), a git tree (base refs) and memory (tests).
 */
export interface FileSource {
  /** The bytes of a file, or undefined when there is no such file. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** The entries of a folder, or undefined when there is no such folder. `''` is the root. */
  listDirectory(path: string): Promise<DirectoryEntry[] | undefined>;
}

export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  /** For symlinks: the repository-relative path it points to, or undefined when it leaves the repository. */
  target?: string;
}

/** A FileSource over a plain object of path -> text, for tests. */
export function memoryFileSource(files: Record<string, string | Uint8Array>): FileSource {
  const encoder = new TextEncoder();
  const paths = Object.keys(files);
  return {
    async readFile(path) {
      const content = files[path];
      if (content === undefined) return undefined;
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
    async listDirectory(path) {
      const prefix = path === '' ? '' : `${path}/`;
      const entries = new Map<string, DirectoryEntry>();
      for (const file of paths) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash === -1 ? rest : rest.slice(0, slash);
        if (!entries.has(name)) entries.set(name, { name, type: slash === -1 ? 'file' : 'directory' });
      }
      if (entries.size === 0 && path !== '') return undefined;
      return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

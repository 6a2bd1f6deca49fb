import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestInput } from '../core/validate/validate-manifests.ts';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function describeFsError(error: unknown, syscall: string, path: string): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return `${syscall} ${path}: no such file or directory`;
  if (code === 'EACCES') return `${syscall} ${path}: permission denied`;
  return `${syscall} ${path}: ${(error as Error).message}`;
}

export interface ReadInputsOptions {
  /** `-ignore-filename-pattern`: regular expressions searched (unanchored) in each file's path. */
  ignorePatterns: readonly RegExp[];
}

/**
 * Finds the manifest files under the given paths the way kubeconform does: folders are walked in
 * byte order, symlinked folders are not followed, hidden files are included, only `.yaml`, `.yml`
 * and `.json` files are read, and ignore patterns are matched against the walked path. A path that
 * cannot be read becomes an input with an `error`, and the other paths are still read (kubeconform
 * stops the run there; kubeproof reports it and goes on).
 */
export async function readManifestInputs(
  paths: readonly string[],
  options: ReadInputsOptions,
): Promise<ManifestInput[]> {
  const found: { path: string; error?: string }[] = [];

  // Synchronous calls: for 10,000 small files they are several times faster than the promise API,
  // and the CLI has nothing else to do meanwhile.
  function walk(path: string): void {
    let stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      found.push({ path, error: describeFsError(error, 'lstat', path) });
      return;
    }
    if (stats.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (error) {
        found.push({ path, error: describeFsError(error, 'open', path) });
        return;
      }
      for (const entry of entries) walk(join(path, entry));
      return;
    }
    if (!isManifestName(path)) return;
    if (!stats.isFile() && !stats.isSymbolicLink()) return;
    if (options.ignorePatterns.some((pattern) => pattern.test(path))) return;
    found.push({ path });
  }

  for (const path of paths) walk(path);

  return found.map((entry) => {
    if (entry.error !== undefined) return { path: entry.path, error: entry.error };
    try {
      return { path: entry.path, content: readFileSync(entry.path) };
    } catch (error) {
      return { path: entry.path, error: describeFsError(error, 'open', entry.path) };
    }
  });
}

/** Reads all of standard input. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

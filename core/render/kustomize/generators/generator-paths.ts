import type { FileSource } from '../../../files/file-source.ts';

/** Go's `path.Base`: the last element of a slash-separated path, trailing slashes ignored. */
export function goPathBase(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function normalize(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out;
}

/**
 * Reads a file a generator names, relative to the kustomization's folder `dir`. kustomize's
 * default load restrictor (LoadRestrictionsRootOnly) refuses files outside that folder, so a path
 * that leaves it, or leaves the repository, is an error; so are absolute paths (a FileSource has
 * none) and URLs (the engine reads no network).
 */
export async function readGeneratorFile(
  dir: string,
  path: string,
  files: FileSource,
): Promise<{ bytes: Uint8Array } | { error: string }> {
  if (/^https?:\/\//.test(path)) return { error: `remote file '${path}' is not supported` };
  if (path.startsWith('/')) return { error: `absolute path '${path}' is not supported` };
  const root = normalize(dir.split('/'));
  const target = normalize([...dir.split('/'), ...path.split('/')]);
  if (root === undefined || target === undefined)
    return { error: `file '${path}' is outside the repository` };
  const rootText = root.join('/');
  const targetText = target.join('/');
  if (root.some((segment, i) => target[i] !== segment))
    return { error: `security; file '${targetText}' is not in or below '${rootText}'` };
  const bytes = await files.readFile(targetText);
  if (bytes !== undefined) return { bytes };
  if ((await files.listDirectory(targetText)) !== undefined)
    return { error: `'${targetText}' must resolve to a file` };
  return { error: `no such file '${targetText}'` };
}

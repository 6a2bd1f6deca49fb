import type { JsonValue } from '../../manifests/resolve-scalar.ts';
import { stopAt, type BuildContext } from './build-context.ts';
import { checkLocalPath } from './local-paths.ts';
import { parseKustomizeYaml, readText } from './load-resources.ts';
import type { KustomizationFile } from './read-kustomization.ts';

/** The documents of a patch text: read again as go-yaml v2 does when it is a JSON6902 list. */
export function patchDocuments(text: string, path: string): JsonValue[] {
  const documents = parseKustomizeYaml(text, path).map((d) => d.value);
  if (Array.isArray(documents[0])) return parseKustomizeYaml(text, path, 'patch').map((d) => d.value);
  return documents;
}

/**
 * The documents of a patch a kustomization gives inline (`patch:`, or a patchesStrategicMerge
 * entry holding YAML) or by `path` (relative to the kustomization's folder, inside the repository).
 */
export async function loadPatch(
  context: BuildContext,
  file: KustomizationFile,
  pointer: string,
  source: { path?: JsonValue | undefined; patch?: JsonValue | undefined },
): Promise<JsonValue[]> {
  if (typeof source.patch === 'string' && source.patch.trim() !== '') {
    try {
      return patchDocuments(source.patch, file.path);
    } catch (error) {
      if (error instanceof Error) throw stopAt(file, `${pointer}/patch`, `inline patch: ${error.message}`);
      throw error;
    }
  }
  if (typeof source.path === 'string' && source.path !== '') {
    const local = await checkLocalPath(context, file, `${pointer}/path`, source.path, 'patch');
    if (local.type !== 'file')
      throw stopAt(file, `${pointer}/path`, `patch ${source.path} is a folder, not a file`);
    const { line } = file.locate(`${pointer}/path`);
    return patchDocuments(await readText(context.files, local.path, file.path, line), local.path);
  }
  throw stopAt(file, pointer, 'a patch needs either path or patch');
}

/** A patchesStrategicMerge entry: a file path, or the patch itself as YAML text. */
export async function loadLegacyPatch(
  context: BuildContext,
  file: KustomizationFile,
  pointer: string,
  entry: JsonValue,
): Promise<JsonValue[]> {
  if (typeof entry !== 'string') throw stopAt(file, pointer, 'patchesStrategicMerge entries must be strings');
  // kustomize takes an entry that parses as a resource (it has a newline or a colon) as inline YAML.
  const inline = entry.includes('\n') || /^\s*[A-Za-z]+:\s/.test(entry);
  return loadPatch(context, file, pointer, inline ? { patch: entry } : { path: entry });
}

import { type JsonValue, isJsonObject } from '../../manifests/json-value.ts';
import { stopAt, type BuildContext } from './build-context.ts';
import { checkLocalPath } from './local-paths.ts';
import { parseKustomizeYaml, readText } from './load-resources.ts';
import { applyPatch } from './apply-patches.ts';
import type { TrackedResource } from './build-types.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import { parseSelector, type Selector } from './targets/select-targets.ts';

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
  const inline = typeof source.patch === 'string' && source.patch.trim() !== '';
  if (inline && typeof source.path === 'string' && source.path !== '')
    throw stopAt(file, pointer, "patch and path can't be set at the same time");
  if (typeof source.patch === 'string' && inline) {
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

/** A patch target selector of a kustomization entry, checked; undefined when absent. */
export function parseTarget(
  file: KustomizationFile,
  pointer: string,
  value: JsonValue | undefined,
): Selector | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseSelector(value);
  if ('error' in parsed) throw stopAt(file, pointer, parsed.error);
  return parsed.selector;
}

/**
 * Loads a patch (inline or by path), aims it at `selector` (or at the resource its own id names)
 * and applies it, or stops the build at `pointer` with kustomize's reason.
 */
export async function applyPatchEntry(
  context: BuildContext,
  file: KustomizationFile,
  pointer: string,
  resources: TrackedResource[],
  source: { path?: JsonValue | undefined; patch?: JsonValue | undefined; options?: JsonValue | undefined },
  selector: JsonValue | undefined,
  recordsPreviousId: boolean,
): Promise<void> {
  const documents = await loadPatch(context, file, pointer, source);
  const target = parseTarget(file, `${pointer}/target`, selector);
  const options = source.options;
  const allows = (name: string): boolean => isJsonObject(options) && options[name] === true;
  const error = applyPatch(resources, {
    documents,
    recordsPreviousId,
    ...(target ? { target } : {}),
    allowNameChange: allows('allowNameChange'),
    allowKindChange: allows('allowKindChange'),
  });
  if (error !== undefined) throw stopAt(file, pointer, error);
}

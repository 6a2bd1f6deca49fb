import type { JsonValue } from '../../../manifests/json-value.ts';
import { stopAt, type BuildContext } from '../build-context.ts';
import type { TrackedResource } from '../build-types.ts';
import { checkLocalPath } from '../local-paths.ts';
import { parseKustomizeYaml, readText } from '../load-resources.ts';
import type { KustomizationFile } from '../read-kustomization.ts';
import { applyReplacements } from './replacements.ts';
import { listField } from '../kustomization-fields.ts';

/** The replacements of entries that are inline or `path:` files (a list or one replacement per file). */
export async function loadReplacements(
  context: BuildContext,
  file: KustomizationFile,
  pointer: string,
  entries: readonly JsonValue[],
): Promise<JsonValue[]> {
  const loaded: JsonValue[] = [];
  for (const [index, entry] of entries.entries()) {
    const at = `${pointer}/${index}`;
    if (
      entry !== null &&
      typeof entry === 'object' &&
      !Array.isArray(entry) &&
      typeof entry['path'] === 'string'
    ) {
      const local = await checkLocalPath(context, file, `${at}/path`, entry['path'], 'replacements file');
      const { line } = file.locate(`${at}/path`);
      const text = await readText(context.files, local.path, file.path, line);
      for (const document of parseKustomizeYaml(text, local.path))
        loaded.push(...(Array.isArray(document.value) ? document.value : [document.value]));
    } else loaded.push(entry);
  }
  return loaded;
}

/** Runs replacements over the resources, or stops the build at `pointer`. */
export function runReplacementList(
  file: KustomizationFile,
  pointer: string,
  resources: TrackedResource[],
  replacements: readonly JsonValue[],
): void {
  if (replacements.length === 0) return;
  const result = applyReplacements(
    resources.map((tracked) => tracked.object),
    replacements,
    resources.map((tracked) => tracked.previous),
  );
  const error = result.errors[0];
  if (error !== undefined) throw stopAt(file, pointer, error);
  // kustomize's replacement filter does not record a name it changes as a previous name (no
  // StorePreviousId): references to the old name are not rewritten to the new one.
  result.resources.forEach((object, index) => ((resources[index] as TrackedResource).object = object));
}

/** The `replacements:` field of a kustomization. */
export async function applyReplacementEntries(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  const replacements = await loadReplacements(
    context,
    file,
    '/replacements',
    listField(file, 'replacements'),
  );
  runReplacementList(file, '/replacements', resources, replacements);
}

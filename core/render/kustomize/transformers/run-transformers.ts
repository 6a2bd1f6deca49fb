import { stopAt, type BuildContext } from '../build-context.ts';
import type { TrackedResource } from '../build-types.ts';
import { applyPatch } from '../apply-patches.ts';
import { runTransformerPlugins } from '../builtin-plugins.ts';
import { applyPatchEntry, loadLegacyPatch } from '../load-patch.ts';
import {
  applyResult,
  listField,
  objects,
  parseFieldSpecs,
  parseImageSpec,
  parseReplicaSpec,
  stringMapField,
} from '../kustomization-fields.ts';
import { scalarString, isJsonObject } from '../../../manifests/json-value.ts';
import type { KustomizationFile } from '../read-kustomization.ts';
import { applyReplacementEntries } from '../replacements/run-replacements.ts';
import { transformAnnotations } from './transform-annotations.ts';
import { transformImages } from './transform-images.ts';
import { transformLabels } from './transform-labels.ts';
import { transformNamespace } from './transform-namespace.ts';
import { transformPrefixSuffix } from './transform-prefix-suffix.ts';
import { transformReplicas } from './transform-replicas.ts';

async function runPatches(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  for (const [index, entry] of listField(file, 'patchesStrategicMerge').entries()) {
    const pointer = `/patchesStrategicMerge/${index}`;
    const documents = await loadLegacyPatch(context, file, pointer, entry);
    const error = applyPatch(resources, { documents, recordsPreviousId: false });
    if (error !== undefined) throw stopAt(file, pointer, error);
  }
  for (const [index, entry] of listField(file, 'patches').entries()) {
    const pointer = `/patches/${index}`;
    if (!isJsonObject(entry))
      throw stopAt(file, pointer, 'a patches entry must be a mapping with path or patch');
    await applyPatchEntry(context, file, pointer, resources, entry, entry['target'], true);
  }
}

async function runLegacyJsonPatches(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  for (const [index, entry] of listField(file, 'patchesJson6902').entries()) {
    const pointer = `/patchesJson6902/${index}`;
    if (!isJsonObject(entry)) throw stopAt(file, pointer, 'a patchesJson6902 entry must be a mapping');
    if (entry['target'] === undefined || entry['target'] === null)
      throw stopAt(file, pointer, 'a patchesJson6902 entry needs a target');
    await applyPatchEntry(context, file, pointer, resources, entry, entry['target'], false);
  }
}

function runNaming(file: KustomizationFile, resources: TrackedResource[]): void {
  const namespace = scalarString(file.content['namespace']);
  if (namespace !== undefined && namespace !== '')
    applyResult(file, '/namespace', resources, transformNamespace(objects(resources), namespace));
  const prefix = scalarString(file.content['namePrefix']) ?? '';
  const suffix = scalarString(file.content['nameSuffix']) ?? '';
  if (prefix === '' && suffix === '') return;
  const result = transformPrefixSuffix(objects(resources), { prefix, suffix });
  applyResult(file, prefix === '' ? '/nameSuffix' : '/namePrefix', resources, result);
  for (const rename of result.renames) {
    const tracked = resources[rename.index] as TrackedResource;
    if (prefix !== '') tracked.prefixes.push(prefix);
    if (suffix !== '') tracked.suffixes.push(suffix);
  }
}

function runMetadata(file: KustomizationFile, resources: TrackedResource[]): void {
  const common = stringMapField(file, '/commonLabels', file.content['commonLabels']);
  applyResult(
    file,
    '/commonLabels',
    resources,
    transformLabels(objects(resources), common, { includeSelectors: true }),
  );
  for (const [index, entry] of listField(file, 'labels').entries()) {
    const pointer = `/labels/${index}`;
    if (!isJsonObject(entry)) throw stopAt(file, pointer, 'a labels entry must be a mapping');
    const pairs = stringMapField(file, `${pointer}/pairs`, entry['pairs']);
    const fields = parseFieldSpecs(file, `${pointer}/fields`, entry['fields']);
    const result = transformLabels(objects(resources), pairs, {
      includeSelectors: entry['includeSelectors'] === true,
      includeTemplates: entry['includeTemplates'] === true,
      ...(fields ? { fields } : {}),
    });
    applyResult(file, pointer, resources, result);
  }
  const annotations = stringMapField(file, '/commonAnnotations', file.content['commonAnnotations']);
  applyResult(file, '/commonAnnotations', resources, transformAnnotations(objects(resources), annotations));
}

function runCounts(file: KustomizationFile, resources: TrackedResource[]): void {
  const replicas = listField(file, 'replicas').map((entry, index) =>
    parseReplicaSpec(file, `/replicas/${index}`, entry),
  );
  if (replicas.length > 0) {
    const result = transformReplicas(objects(resources), replicas, {
      previousNames: (index) => (resources[index] as TrackedResource).previous.map((id) => id.name),
    });
    applyResult(file, '/replicas', resources, result);
  }
  const images = listField(file, 'images').map((entry, index) =>
    parseImageSpec(file, `/images/${index}`, entry),
  );
  if (images.length > 0) applyResult(file, '/images', resources, transformImages(objects(resources), images));
}

/**
 * kustomize's builtin transformers for the fields of a kustomization, in kustomize's order:
 * patchesStrategicMerge, patches, namespace, namePrefix/nameSuffix, commonLabels and labels,
 * commonAnnotations, patchesJson6902, replicas, images, replacements; then `transformers:`.
 */
export async function runTransformers(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<TrackedResource[]> {
  await runPatches(context, file, resources);
  runNaming(file, resources);
  runMetadata(file, resources);
  await runLegacyJsonPatches(context, file, resources);
  runCounts(file, resources);
  await applyReplacementEntries(context, file, resources);
  await runTransformerPlugins(context, file, resources);
  return resources;
}

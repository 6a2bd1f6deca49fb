import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { recordRename, textOf, type TrackedResource } from './build-types.ts';
import { parseApiVersion } from './field-specs.ts';
import { parseJsonPatch } from './json6902/json6902-parse.ts';
import { applyJsonPatchToResource, previousIdAnnotations } from './json6902/json6902-resource.ts';
import { hasAnyId } from './resource-ids.ts';
import { selectResources, type Selector } from './targets/select-targets.ts';
import { applyStrategicMerge } from './strategic-merge/strategic-merge.ts';

/** A patch read from a kustomization: its documents, and the target it names, if any. */
export interface PatchInput {
  /** The patch's documents (one list for JSON6902, one or more mappings for strategic merge). */
  documents: JsonValue[];
  target?: Selector;
  /** `patches:` and PatchTransformer record previous ids; the legacy fields do not. */
  recordsPreviousId: boolean;
  /** `options.allowNameChange` / `allowKindChange`: a strategic merge patch may rename / re-kind its target. */
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

function idOf(patch: JsonObject): {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
} {
  const metadata = isJsonObject(patch['metadata']) ? patch['metadata'] : {};
  return {
    ...parseApiVersion(textOf(patch['apiVersion'])),
    kind: textOf(patch['kind']),
    name: textOf(metadata['name']),
    namespace: textOf(metadata['namespace']),
  };
}

/**
 * The patch with the target's apiVersion, kind, name and namespace (kustomize does this for
 * targeted patches), keeping the patch's own name or kind where the entry allows changing them.
 */
function aimedAt(patch: JsonObject, target: JsonObject, input: PatchInput): JsonObject {
  const metadata: JsonObject = { ...(isJsonObject(patch['metadata']) ? patch['metadata'] : {}) };
  const targetMetadata = isJsonObject(target['metadata']) ? target['metadata'] : {};
  if (input.allowNameChange !== true || metadata['name'] === undefined)
    metadata['name'] = targetMetadata['name'] ?? null;
  if (typeof targetMetadata['namespace'] === 'string') metadata['namespace'] = targetMetadata['namespace'];
  else delete metadata['namespace'];
  const kind = input.allowKindChange === true && patch['kind'] !== undefined ? patch['kind'] : target['kind'];
  return { ...patch, apiVersion: target['apiVersion'] ?? null, kind: kind ?? null, metadata };
}

function strategicMerge(
  resources: TrackedResource[],
  index: number,
  patch: JsonObject,
  input: PatchInput,
): string | undefined {
  const tracked = resources[index] as TrackedResource;
  const result = applyStrategicMerge(tracked.object, patch, {
    keepName: input.allowNameChange !== true,
    keepKind: input.allowKindChange !== true,
  });
  if ('error' in result) return result.error;
  if ('deleted' in result) resources.splice(index, 1);
  else recordRename(tracked, result.value);
  return undefined;
}

function jsonPatch(
  resources: TrackedResource[],
  indices: number[],
  value: JsonValue,
  input: PatchInput,
): string | undefined {
  const parsed = parseJsonPatch(value);
  if ('error' in parsed && !('deferred' in parsed)) return parsed.error;
  const operations = parsed.operations;
  for (const index of indices) {
    const tracked = resources[index] as TrackedResource;
    const internal = input.recordsPreviousId ? previousIdAnnotations(tracked.object) : {};
    const result = applyJsonPatchToResource(tracked.object, operations, internal);
    if (!('value' in result)) return result.error;
    recordRename(tracked, result.value);
    if ('deferred' in parsed) return parsed.error;
  }
  return undefined;
}

/**
 * Applies one patch to the resources, in place, as kustomize's patch transformers do: a JSON6902
 * patch (a list of operations) to every resource its target selects; a strategic merge patch to
 * every resource its target selects or, without a target, to the resource its own apiVersion,
 * kind, name and namespace name (by any name it had). Returns kustomize's reason to stop, if any.
 */
export function applyPatch(resources: TrackedResource[], input: PatchInput): string | undefined {
  const first = input.documents[0];
  if (first === undefined) return 'the patch is empty';
  const targets = (): number[] =>
    input.target === undefined
      ? []
      : selectResources(
          resources.map((tracked) => tracked.object),
          input.target,
          resources.map((tracked) => tracked.previous[0]),
        );
  if (Array.isArray(first)) {
    if (input.documents.length > 1) return 'a JSON6902 patch must be a single list of operations';
    if (input.target === undefined)
      return 'a JSON6902 patch needs a target: add target (kind, name, ...) to the patch entry';
    return jsonPatch(resources, targets(), first, input);
  }
  for (const document of input.documents) {
    if (!isJsonObject(document)) return 'a strategic merge patch must be a mapping';
    // kustomize reads each document as a resource: it needs a kind and a name (not an apiVersion).
    const { kind, name } = idOf(document);
    if (kind === '' || name === '')
      return 'unable to parse SM or JSON patch: a strategic merge patch needs kind and metadata.name';
  }
  for (const document of input.documents) {
    if (!isJsonObject(document)) return 'a strategic merge patch must be a mapping';
    if (input.target !== undefined) {
      // Later indices first: a `$patch: delete` removes the resource from the list.
      for (const index of targets().reverse()) {
        const error = strategicMerge(
          resources,
          index,
          aimedAt(document, (resources[index] as TrackedResource).object, input),
          input,
        );
        if (error !== undefined) return error;
      }
      continue;
    }
    const id = idOf(document);
    const matches = resources.flatMap((tracked, index) => (hasAnyId(tracked, id) ? [index] : []));
    if (matches.length !== 1)
      return `${matches.length === 0 ? 'no resource matches' : 'several resources match'} the strategic merge patch for ${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
    const error = strategicMerge(resources, matches[0] as number, document, input);
    if (error !== undefined) return error;
  }
  return undefined;
}

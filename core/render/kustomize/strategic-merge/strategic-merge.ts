import { type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { StrategicMergeFailure } from './strategic-merge-nodes.ts';
import { walk } from './strategic-merge-walk.ts';

/** The outcome of a strategic merge patch: the patched resource, its deletion, or kustomize's error. */
export type StrategicMergeResult = { value: JsonObject } | { deleted: true } | { error: string };

function metadataOf(resource: JsonObject): JsonObject | undefined {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata : undefined;
}

/** What the patch may change: the name and kind are kept unless `false` (patch options allow changing them). */
export interface IdentityOptions {
  keepName?: boolean;
  keepKind?: boolean;
}

/**
 * Restores what kustomize's Resource.ApplySmPatch keeps whatever the patch says: the kind, the
 * name and the namespace (dropped when the resource had none).
 */
function restoreIdentity(result: JsonObject, target: JsonObject, keep: IdentityOptions): void {
  if (keep.keepKind !== false && target['kind'] !== undefined) result['kind'] = target['kind'];
  const before = metadataOf(target);
  if (keep.keepName !== false && before?.['name'] !== undefined) {
    const metadata = metadataOf(result) ?? {};
    metadata['name'] = before['name'];
    result['metadata'] = metadata;
  }
  const namespace = before?.['namespace'];
  const metadata = metadataOf(result);
  if (typeof namespace === 'string' && namespace !== '') {
    result['metadata'] = { ...metadata, namespace };
  } else if (metadata !== undefined) {
    delete metadata['namespace'];
  }
}

/**
 * Applies a strategic merge patch to a resource as kustomize v5.5.0's patch transformers do (kyaml
 * merge2 with the built-in v1.21.2 OpenAPI schema, patch list elements first). A top-level
 * `$patch: delete` deletes the resource. The inputs are not changed.
 */
export function applyStrategicMerge(
  target: JsonObject,
  patch: JsonObject,
  keep: IdentityOptions = {},
): StrategicMergeResult {
  const dest = structuredClone(target);
  try {
    const result = walk([dest, structuredClone(patch)], undefined);
    if (!isJsonObject(result)) return { deleted: true };
    restoreIdentity(result, target, keep);
    return { value: result };
  } catch (error) {
    if (error instanceof StrategicMergeFailure) return { error: error.message };
    throw error;
  }
}

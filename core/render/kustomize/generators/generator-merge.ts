import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';

/** A string map of the resource (labels, annotations, data), values read as text. */
function stringMap(value: JsonValue | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isJsonObject(value)) return map;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') map[key] = item;
    else if (item !== null && typeof item !== 'object') map[key] = String(item);
  }
  return map;
}

function setOrDelete(target: JsonObject, field: string, map: Record<string, string>): void {
  if (Object.keys(map).length > 0) target[field] = map;
  else delete target[field];
}

/**
 * Merges or replaces a generated ConfigMap or Secret into the existing resource of the same name,
 * as kustomize does for `behavior: merge` and `behavior: replace`. The result is the generated
 * resource with the existing name and namespace, the existing labels and annotations under the
 * generated ones and, for merge, the existing `data` and `binaryData` entries under the generated
 * ones (a map left empty is removed). Everything else comes from the generated resource alone:
 * `immutable`, and a Secret's `type` (so `Opaque` unless the overlay sets it).
 *
 * The merged resource gets a hash suffix only when both sides would: see `mergedHashSuffix`.
 */
export function mergeGenerated(
  existing: JsonObject,
  generated: JsonObject,
  behavior: 'merge' | 'replace',
): JsonObject {
  const result = structuredClone(generated);
  const before = isJsonObject(existing.metadata) ? existing.metadata : {};
  const meta: JsonObject = isJsonObject(result.metadata) ? result.metadata : {};
  result.metadata = meta;
  setOrDelete(meta, 'labels', { ...stringMap(before.labels), ...stringMap(meta.labels) });
  setOrDelete(meta, 'annotations', { ...stringMap(before.annotations), ...stringMap(meta.annotations) });
  if (before.name !== undefined) meta.name = before.name;
  else delete meta.name;
  if (typeof before.namespace === 'string' && before.namespace !== '') meta.namespace = before.namespace;
  else delete meta.namespace;
  if (behavior === 'merge') {
    setOrDelete(result, 'data', { ...stringMap(existing.data), ...stringMap(result.data) });
    setOrDelete(result, 'binaryData', { ...stringMap(existing.binaryData), ...stringMap(result.binaryData) });
  }
  return result;
}

/**
 * Whether a merged or replaced resource gets a hash suffix: kustomize v5.5.0 appends one only
 * when neither the existing generator nor the overlay's sets `disableNameSuffixHash`.
 */
export function mergedHashSuffix(existing: boolean, generated: boolean): boolean {
  return existing && generated;
}

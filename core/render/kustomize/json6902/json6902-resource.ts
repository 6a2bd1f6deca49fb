import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { annotationText } from './json6902-annotations.ts';
import { type JsonPatchFailure, applyJsonPatch } from './json6902-apply.ts';
import { setOwn } from './json6902-container.ts';
import type { JsonPatchOperation } from './json6902-parse.ts';
import { effectiveNamespace } from '../targets/select-targets-namespace.ts';

/** The internal annotations kustomize keeps on a resource while it builds (stripped from output). */
export type InternalAnnotations = Readonly<Record<string, string>>;

const PREVIOUS = 'internal.config.kubernetes.io/previous';

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/**
 * What `patches:` (PatchTransformer) stores before it applies a JSON6902 patch to a resource:
 * kustomize's StorePreviousId appends the resource's current kind, name and effective namespace
 * (`default`, or `_non_namespaceable_` for cluster-scoped kinds) to comma-separated
 * `internal.config.kubernetes.io/previousKinds|previousNames|previousNamespaces` annotations.
 * `earlier` holds what earlier transformers stored (namePrefix stores previous ids and
 * `internal.config.kubernetes.io/prefixes` too). The legacy `patchesJson6902` stores nothing.
 */
export function previousIdAnnotations(
  resource: JsonObject,
  earlier: InternalAnnotations = {},
): InternalAnnotations {
  const metadata = asObject(resource['metadata']) ?? {};
  const next: Record<string, string> = { ...earlier };
  const append = (suffix: string, value: string): void => {
    if (value === '') return;
    const key = `${PREVIOUS}${suffix}`;
    next[key] = next[key] ? `${next[key]},${value}` : value;
  };
  append('Kinds', text(resource['kind']));
  append('Names', text(metadata['name']));
  append('Namespaces', effectiveNamespace(resource));
  return next;
}

function withAnnotations(resource: JsonObject, internal: InternalAnnotations): JsonObject {
  if (Object.keys(internal).length === 0) return resource;
  const metadata: JsonObject = { ...(asObject(resource['metadata']) ?? {}) };
  const annotations: JsonObject = {};
  for (const [key, value] of Object.entries(asObject(metadata['annotations']) ?? {}))
    setOwn(annotations, key, annotationText(value));
  for (const [key, value] of Object.entries(internal)) setOwn(annotations, key, value);
  metadata['annotations'] = annotations;
  return { ...resource, metadata };
}

/**
 * Applies a JSON6902 patch to a resource the way kustomize's patch transformers do around the
 * bare patch: the internal annotations are present while the patch runs (so adding
 * `/metadata/annotations/x` works on a resource without annotations under `patches:`, and a
 * `copy` or `test` sees them), then metadata.annotations is rebuilt from the patched
 * annotations' text (see annotationText), the internal ones are dropped, and an empty
 * annotations mapping is removed. A patched resource without metadata.name is an error.
 *
 * Pass previousIdAnnotations(resource, earlier) for `patches:`, and `earlier` (often `{}`)
 * for the legacy `patchesJson6902`.
 */
export function applyJsonPatchToResource(
  resource: JsonObject,
  operations: readonly JsonPatchOperation[],
  internal: InternalAnnotations,
): { value: JsonObject } | JsonPatchFailure {
  const patched = applyJsonPatch(withAnnotations(resource, internal), operations);
  if (!('value' in patched)) return patched;
  const result = patched.value;
  const metadata = asObject(result['metadata']);
  if (metadata === undefined || text(metadata['name']) === '') {
    const message = 'missing metadata.name in object';
    return { error: `patched resource: ${message}`, operation: operations.length - 1, message };
  }
  const annotations: JsonObject = {};
  for (const [key, value] of Object.entries(asObject(metadata['annotations']) ?? {}))
    if (!Object.hasOwn(internal, key)) setOwn(annotations, key, annotationText(value));
  if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  else delete metadata['annotations'];
  return { value: result };
}

import { type JsonValue, type JsonObject, isJsonObject, scalarString } from '../../manifests/json-value.ts';
import { stopAt } from './build-context.ts';
import { recordRename, type TrackedResource } from './build-types.ts';
import type { FieldSpec } from './field-specs.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import type { ImageSpec } from './transformers/transform-images.ts';
import type { ReplicaSpec } from './transformers/transform-replicas.ts';
import type { TransformResult } from './transformers/transform-result.ts';

/** Reading the fields of a kustomization (and of builtin plugin configs) into transformer options. */

/** The objects of tracked resources. */
export const objects = (resources: readonly TrackedResource[]): JsonObject[] =>
  resources.map((t) => t.object);

/** A list field of the kustomization ([] when absent). */
export function listField(file: KustomizationFile, field: string): JsonValue[] {
  const value = file.content[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw stopAt(file, `/${field}`, `${field} must be a list`);
  return value;
}

/** A map of strings (labels, annotations), values as text. */
export function stringMapField(
  file: KustomizationFile,
  pointer: string,
  value: JsonValue | undefined,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw stopAt(file, pointer, 'expected a mapping of strings');
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && typeof item === 'object')
      throw stopAt(file, `${pointer}/${key}`, 'expected a string');
    map[key] = item === null ? '' : String(item);
  }
  return map;
}

/** Puts a transformer's result back on the tracked resources, or stops the build at `pointer`. */
export function applyResult(
  file: KustomizationFile,
  pointer: string,
  resources: TrackedResource[],
  result: TransformResult,
): void {
  const error = result.errors[0];
  if (error !== undefined) throw stopAt(file, pointer, error.error);
  result.resources.forEach((object, index) => recordRename(resources[index] as TrackedResource, object));
}

/** A list of field specs (`fields:`, `fieldSpecs:`), checked. */
export function parseFieldSpecs(
  file: KustomizationFile,
  pointer: string,
  value: JsonValue | undefined,
): FieldSpec[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw stopAt(file, pointer, 'field specs must be a list');
  return value.map((item, index) => {
    if (!isJsonObject(item) || typeof item['path'] !== 'string')
      throw stopAt(file, `${pointer}/${index}`, 'a field spec needs a path');
    const spec: FieldSpec = { path: item['path'] };
    for (const key of ['group', 'version', 'kind'] as const) {
      const text = scalarString(item[key]);
      if (text !== undefined) spec[key] = text;
    }
    if (item['create'] === true) spec.create = true;
    return spec;
  });
}

/** An `images:` entry or an ImageTagTransformer's `imageTag`. */
export function parseImageSpec(
  file: KustomizationFile,
  pointer: string,
  value: JsonValue | undefined,
): ImageSpec {
  if (!isJsonObject(value)) throw stopAt(file, pointer, 'an images entry must be a mapping with name');
  const spec: ImageSpec = { name: scalarString(value['name']) ?? '' };
  for (const key of ['newName', 'newTag', 'digest'] as const) {
    const text = scalarString(value[key]);
    if (text !== undefined && text !== '') spec[key] = text;
  }
  return spec;
}

/** A `replicas:` entry or a ReplicaCountTransformer's `replica`. */
export function parseReplicaSpec(
  file: KustomizationFile,
  pointer: string,
  value: JsonValue | undefined,
): ReplicaSpec {
  if (!isJsonObject(value) || typeof value['count'] !== 'number')
    throw stopAt(file, pointer, 'a replicas entry needs a name and a numeric count');
  return { name: scalarString(value['name']) ?? '', count: value['count'] };
}

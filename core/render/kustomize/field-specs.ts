import { KubeproofError } from '../../errors.ts';
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';

/**
 * Where a kustomize transformer writes: kustomize's `types.FieldSpec`. A spec applies to the
 * resources whose group, version and kind match the ones it gives (an absent one matches all).
 */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  /**
   * Field names separated by `/` (`spec/template/metadata/labels`); `\/` is a slash inside a name
   * (`metadata/annotations/example.com\/key`). Lists met on the way are walked element by
   * element whether or not the name carries kustomize's `[]` hint (`containers[]/image`).
   */
  path: string;
  /** Create missing fields: maps on the way, and the transformer's kind of value at the end. */
  create?: boolean;
}

/** A resource does not have the shape a field spec expects (kustomize stops the build). */
export class FieldSpecError extends KubeproofError {
  override name = 'FieldSpecError';
}

/** Group and version of an `apiVersion`, as kustomize's field spec filter reads it (`v1` is core). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash !== -1) return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
  // A bare `v1`, `v2beta1`: the core group. Anything else is taken as a group without a version.
  if (/^v[12]/.test(apiVersion)) return { group: '', version: apiVersion };
  return { group: apiVersion, version: '' };
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Whether the group, version and kind a field spec names match the resource. */
export function matchesFieldSpec(spec: Omit<FieldSpec, 'path'>, resource: JsonObject): boolean {
  if (spec.kind !== undefined && spec.kind !== '' && spec.kind !== text(resource['kind'])) return false;
  const { group, version } = parseApiVersion(text(resource['apiVersion']));
  if (spec.group !== undefined && spec.group !== '' && spec.group !== group) return false;
  return !(spec.version !== undefined && spec.version !== '' && spec.version !== version);
}

/** Splits a field spec path on `/`, keeping `\/` inside a name (kustomize's splitPath). */
export function splitFieldPath(path: string): string[] {
  const parts: string[] = [];
  for (const piece of path.split('/')) {
    const last = parts.length - 1;
    if (last >= 0 && (parts[last] as string).endsWith('\\'))
      parts[last] = `${(parts[last] as string).slice(0, -1)}/${piece}`;
    else parts.push(piece);
  }
  return parts;
}

/** Sets or changes the value a field spec leads to; `undefined` when the field is being created. */
export type FieldVisitor = (value: JsonValue | undefined) => JsonValue;

function own(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function step(node: JsonValue, path: string[], at: number, create: boolean, visit: FieldVisitor): JsonValue {
  if (at === path.length) return visit(node);
  if (Array.isArray(node)) {
    let changed = false;
    const items = node.map((item) => {
      const next = step(item, path, at, create, visit);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : node;
  }
  if (!isJsonObject(node)) throw new FieldSpecError('expected sequence or mapping node');
  const segment = path[at] as string;
  const isList = segment.endsWith('[]');
  const name = isList ? segment.slice(0, -2) : segment;
  const current = own(node, name);
  let next: JsonValue;
  // kustomize reads a null field as a missing one; `[]` fields are never created.
  if (current === undefined || current === null) {
    if (!create || isList) return node;
    next = at === path.length - 1 ? visit(undefined) : step({}, path, at + 1, create, visit);
  } else {
    next = step(current, path, at + 1, create, visit);
  }
  if (next === current) return node;
  return { ...node, [name]: next };
}

/**
 * Applies `visit` to every field the matching specs lead to, kustomize's field spec filter: lists
 * on the way are walked element by element, missing or null fields are skipped unless the spec
 * says `create`. Returns a new resource sharing unchanged parts with the input, which is never
 * changed. Throws FieldSpecError when a scalar stands where the path goes on, wrapped as kustomize
 * words it (`considering field 'spec/selector' of object ...`): the caller turns it into a problem.
 */
export function applyFieldSpecs(
  resource: JsonObject,
  specs: readonly FieldSpec[],
  visit: FieldVisitor,
): JsonObject {
  let result = resource;
  for (const spec of specs) {
    if (!matchesFieldSpec(spec, result)) continue;
    try {
      result = step(result, splitFieldPath(spec.path), 0, spec.create === true, visit) as JsonObject;
    } catch (error) {
      if (!(error instanceof FieldSpecError)) throw error;
      throw new FieldSpecError(
        `considering field '${spec.path}' of object ${resourceIdString(result)}: ${error.message}`,
      );
    }
  }
  return result;
}

/** A resource's id as kustomize prints it in messages: `Service.v1.[noGrp]/web.[noNs]`. */
export function resourceIdString(resource: JsonObject): string {
  const { group, version } = parseApiVersion(text(resource['apiVersion']));
  const metadata = isJsonObject(resource['metadata']) ? resource['metadata'] : {};
  const kind = text(resource['kind']) || '[noKind]';
  const name = text(own(metadata, 'name')) || '[noName]';
  const namespace = text(own(metadata, 'namespace')) || '[noNs]';
  return `${kind}.${version || '[noVer]'}.${group || '[noGrp]'}/${name}.${namespace}`;
}

/**
 * Adds field specs to a list the way kustomize merges them (`FsSlice.MergeAll`): a spec already
 * present (same group, version, kind and path) is skipped, and one that differs only in `create`
 * is a conflict, returned as `undefined` (kustomize: `conflicting fieldspecs`).
 */
export function mergeFieldSpecs(
  base: readonly FieldSpec[],
  extra: readonly FieldSpec[],
): FieldSpec[] | undefined {
  const merged = [...base];
  for (const spec of extra) {
    const same = merged.find(
      (other) =>
        (other.group ?? '') === (spec.group ?? '') &&
        (other.version ?? '') === (spec.version ?? '') &&
        (other.kind ?? '') === (spec.kind ?? '') &&
        other.path === spec.path,
    );
    if (same === undefined) merged.push(spec);
    else if ((same.create === true) !== (spec.create === true)) return undefined;
  }
  return merged;
}

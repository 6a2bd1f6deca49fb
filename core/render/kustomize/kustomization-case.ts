import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';

/**
 * kustomize reads a kustomization with sigs.k8s.io/yaml's YAMLToJSON (YAML 1.1 scalars, mapping
 * keys sorted bytewise) and then encoding/json into its Go structs (`types.Kustomization`):
 *
 * - keys are matched to fields ignoring case (`patchesJSON6902` is `patchesJson6902`); keys that
 *   name the same field are applied in sorted order: the last one wins, except that maps and
 *   structs are filled in place (merged);
 * - a value of the wrong JSON type (`newTag: 3.6`, `commonLabels: {v: yes}`) fails the build with
 *   `json: cannot unmarshal number into Go struct field Image.images.newTag of type string`;
 *   null is accepted anywhere.
 *
 * This rewrites the keys of a parsed kustomization to the fields' own names and finds the first
 * such type error, both as kustomize does.
 */

/** A Go type: a struct (its fields), a slice, a map of one value type, a scalar, or not checked. */
type Shape =
  | { struct: string; fields: Record<string, Shape> }
  | { list: Shape; type: string }
  | { map: Shape; type: string }
  | { scalar: 'string' | 'bool' | 'int'; type: string }
  | 'any';

const any: Shape = 'any';
const string: Shape = { scalar: 'string', type: 'string' };
const bool: Shape = { scalar: 'bool', type: 'bool' };
const int64: Shape = { scalar: 'int', type: 'int64' };
const strings: Shape = { list: string, type: '[]string' };
const stringMap: Shape = { map: string, type: 'map[string]string' };
const struct = (name: string, fields: Record<string, Shape>): Shape => ({ struct: name, fields });
const list = (item: Shape): Shape => ({
  list: item,
  type: `[]${typeof item === 'object' && 'struct' in item ? `types.${item.struct}` : 'interface {}'}`,
});

const fieldSpec = struct('FieldSpec', {
  group: string,
  version: string,
  kind: string,
  path: string,
  create: bool,
});
const selector = struct('Selector', {
  group: string,
  version: string,
  kind: string,
  name: string,
  namespace: string,
  annotationSelector: string,
  labelSelector: string,
});
const patch = struct('Patch', {
  path: string,
  patch: string,
  target: selector,
  options: { map: bool, type: 'map[string]bool' },
});
const image = struct('Image', {
  name: string,
  newName: string,
  tagSuffix: string,
  newTag: string,
  digest: string,
});
const generatorOptions = struct('GeneratorOptions', {
  labels: stringMap,
  annotations: stringMap,
  disableNameSuffixHash: bool,
  immutable: bool,
});
const generatorArgs: Record<string, Shape> = {
  namespace: string,
  name: string,
  behavior: string,
  literals: strings,
  files: strings,
  envs: strings,
  env: string,
  options: generatorOptions,
};

const KUSTOMIZATION: Shape = struct('Kustomization', {
  apiVersion: string,
  kind: string,
  metadata: struct('ObjectMeta', {
    name: string,
    namespace: string,
    labels: stringMap,
    annotations: stringMap,
  }),
  openapi: stringMap,
  namePrefix: string,
  nameSuffix: string,
  namespace: string,
  commonLabels: stringMap,
  labels: list(
    struct('Label', {
      pairs: stringMap,
      includeSelectors: bool,
      includeTemplates: bool,
      fields: list(fieldSpec),
    }),
  ),
  commonAnnotations: stringMap,
  patchesStrategicMerge: {
    list: { scalar: 'string', type: 'types.PatchStrategicMerge' },
    type: '[]types.PatchStrategicMerge',
  },
  patchesJson6902: list(patch),
  patches: list(patch),
  images: list(image),
  imageTags: list(image),
  // Deeper replacement fields are read (and checked) by the replacements reader itself.
  replacements: list(struct('ReplacementField', { path: string, source: any, targets: any })),
  replicas: list(struct('Replica', { name: string, count: int64 })),
  vars: any,
  sortOptions: struct('SortOptions', {
    order: { scalar: 'string', type: 'types.SortOrder' },
    legacySortOptions: struct('LegacySortOptions', { orderFirst: strings, orderLast: strings }),
  }),
  resources: strings,
  components: strings,
  crds: strings,
  bases: strings,
  configMapGenerator: list(struct('ConfigMapArgs', generatorArgs)),
  secretGenerator: list(struct('SecretArgs', { ...generatorArgs, type: string })),
  helmGlobals: any,
  helmCharts: any,
  helmChartInflationGenerator: any,
  generatorOptions,
  configurations: strings,
  generators: strings,
  transformers: strings,
  validators: strings,
  buildMetadata: strings,
});

/** Go's bytewise order of map keys (json.Marshal sorts them), for the ASCII keys seen in practice. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const fieldName = (names: readonly string[], key: string): string | undefined =>
  names.includes(key) ? key : names.find((candidate) => candidate.toLowerCase() === key.toLowerCase());

/** `value` with its keys renamed after `shape`; `into` is the value already decoded for the field. */
function canonical(shape: Shape, value: JsonValue, into?: JsonValue): JsonValue {
  if (shape === 'any' || 'scalar' in shape) return value;
  if ('map' in shape) return isJsonObject(value) && isJsonObject(into) ? { ...into, ...value } : value;
  if ('list' in shape) return Array.isArray(value) ? value.map((item) => canonical(shape.list, item)) : value;
  if (!isJsonObject(value)) return value;
  const names = Object.keys(shape.fields);
  const keys = Object.keys(value);
  if (keys.every((key) => names.includes(key)) && !isJsonObject(into)) {
    // The common case: every key already a field's own name; only deeper levels may change.
    const out: JsonObject = {};
    for (const key of keys) out[key] = canonical(shape.fields[key] as Shape, value[key] as JsonValue);
    return out;
  }
  const out: JsonObject = isJsonObject(into) ? { ...into } : {};
  for (const key of [...keys].sort(byteOrder)) {
    const name = fieldName(names, key);
    if (name === undefined) out[key] = value[key] as JsonValue;
    else out[name] = canonical(shape.fields[name] as Shape, value[key] as JsonValue, out[name]);
  }
  // Keep the file's order of fields for everything downstream that lists them.
  const result: JsonObject = {};
  for (const key of keys) {
    const name = fieldName(names, key) ?? key;
    if (name in out && !(name in result)) result[name] = out[name] as JsonValue;
  }
  for (const [key, item] of Object.entries(out)) if (!(key in result)) result[key] = item;
  return result;
}

/** A parsed kustomization with every key spelled as kustomize's field (see above). */
export function canonicalKustomization(content: JsonObject): JsonObject {
  return canonical(KUSTOMIZATION, content) as JsonObject;
}

/** A value of the wrong type: where (JSON pointer into the canonical kustomization) and kustomize's words. */
export interface KustomizationTypeError {
  pointer: string;
  message: string;
}

function goKind(value: JsonValue, target: Shape): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number')
    return typeof target === 'object' && 'scalar' in target && target.scalar === 'int'
      ? `number ${value}`
      : 'number';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

const typeName = (shape: Exclude<Shape, 'any'>): string =>
  'struct' in shape ? `types.${shape.struct}` : shape.type;

function fits(shape: Exclude<Shape, 'any'>, value: JsonValue): boolean {
  if ('struct' in shape || 'map' in shape) return isJsonObject(value);
  if ('list' in shape) return Array.isArray(value);
  if (shape.scalar === 'string') return typeof value === 'string';
  if (shape.scalar === 'bool') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isInteger(value);
}

/** The first value of the wrong type, in the order encoding/json meets them (keys sorted). */
function firstTypeError(
  shape: Shape,
  value: JsonValue,
  owner: string,
  path: string,
  pointer: string,
): KustomizationTypeError | undefined {
  if (shape === 'any' || value === null) return undefined;
  if (!fits(shape, value)) {
    const field = path === '' ? '' : ` into Go struct field ${owner}.${path}`;
    return {
      pointer,
      message: `json: cannot unmarshal ${goKind(value, shape)}${field} of type ${typeName(shape)}`,
    };
  }
  if ('scalar' in shape) return undefined;
  const at = (key: string): string => `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  if ('list' in shape) {
    const items = value as JsonValue[];
    for (const [index, item] of items.entries()) {
      const error = firstTypeError(shape.list, item, owner, path, at(String(index)));
      if (error) return error;
    }
    return undefined;
  }
  const object = value as JsonObject;
  if ('map' in shape) {
    for (const key of Object.keys(object).sort(byteOrder)) {
      const error = firstTypeError(shape.map, object[key] as JsonValue, owner, path, at(key));
      if (error) return error;
    }
    return undefined;
  }
  for (const key of Object.keys(object).sort(byteOrder)) {
    const field = shape.fields[key];
    if (field === undefined || !Object.hasOwn(shape.fields, key)) continue;
    const error = firstTypeError(
      field,
      object[key] as JsonValue,
      shape.struct,
      path === '' ? key : `${path}.${key}`,
      at(key),
    );
    if (error) return error;
  }
  return undefined;
}

/** The first field of a canonical kustomization whose value kustomize cannot decode, if any. */
export function kustomizationTypeError(content: JsonObject): KustomizationTypeError | undefined {
  return firstTypeError(KUSTOMIZATION, content, 'Kustomization', '', '');
}

/**
 * The key of `object` that kustomize reads as `name` (the exact key, else one differing in case),
 * to point findings at the line the user wrote.
 */
export function writtenKey(object: JsonValue | undefined, name: string): string | undefined {
  if (!isJsonObject(object)) return undefined;
  if (name in object) return name;
  return Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase());
}

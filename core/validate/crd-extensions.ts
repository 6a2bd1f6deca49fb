import { own, pointer, setOwn, type CrdProblem, type JsonObject } from './crd-json.ts';
import { objectMetaSchema } from './crd-object-meta.ts';
import { isJsonObject } from '../manifests/json-value.ts';

/** The keywords whose sub-schemas only add constraints (value validations in a structural schema). */
export const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;

const FLAGS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
];

/** The Kubernetes extensions (and `nullable`) a schema node carries. */
export interface Flags {
  nullable: boolean;
  intOrString: boolean;
  preserve: boolean;
  embedded: boolean;
  listSet: boolean;
}

/** Reads the extensions of a node, reporting flags that are not booleans. */
export function readFlags(node: JsonObject, path: string, problems: CrdProblem[]): Flags {
  for (const key of ['nullable', ...FLAGS]) {
    const value = own(node, key);
    if (value !== undefined && typeof value !== 'boolean') {
      problems.push({ message: `${key} must be a boolean; ignored`, path: pointer(path, key) });
    }
  }
  return {
    nullable: own(node, 'nullable') === true,
    intOrString: own(node, 'x-kubernetes-int-or-string') === true || own(node, 'format') === 'int-or-string',
    preserve: own(node, 'x-kubernetes-preserve-unknown-fields') === true,
    embedded: own(node, 'x-kubernetes-embedded-resource') === true,
    listSet: own(node, 'x-kubernetes-list-type') === 'set',
  };
}

/**
 * Properties whose schema has a `default`. The API server applies defaults before it validates
 * (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting),
 * so a missing field that is both required and defaulted is not an error (Kargo's
 * `Warehouse.spec.interval`, shared/k8s-schemas/README.md).
 */
export function defaultedProperties(node: JsonObject): Set<string> {
  const names = new Set<string>();
  const properties = own(node, 'properties');
  if (!isJsonObject(properties)) return names;
  for (const [name, property] of Object.entries(properties)) {
    if (own(property, 'default') !== undefined) names.add(name);
  }
  return names;
}

/**
 * `x-kubernetes-embedded-resource`: the object is a Kubernetes object, whose `apiVersion` and `kind`
 * are required and whose `metadata` is ObjectMeta, even when the schema does not list them
 * (apiextensions-apiserver `schema/objectmeta/validation.go`, `validateEmbeddedResource`).
 */
export function addEmbeddedResource(out: JsonObject, close: boolean): void {
  if (out['type'] === undefined) out['type'] = 'object';
  const properties: JsonObject = isJsonObject(out['properties']) ? out['properties'] : {};
  for (const name of ['apiVersion', 'kind']) {
    if (own(properties, name) === undefined) setOwn(properties, name, { type: 'string', minLength: 1 });
  }
  const metadata = own(properties, 'metadata');
  const objectMeta = objectMetaSchema(close);
  setOwn(properties, 'metadata', isJsonObject(metadata) ? { allOf: [objectMeta, metadata] } : objectMeta);
  out['properties'] = properties;
  const required = Array.isArray(out['required']) ? (out['required'] as string[]) : [];
  out['required'] = [...new Set([...required, 'apiVersion', 'kind'])];
}

/** `nullable: true`: null is accepted besides what the schema accepts. */
export function allowNull(out: JsonObject): JsonObject {
  if (JUNCTORS.some((key) => out[key] !== undefined) || out['not'] !== undefined) {
    return { anyOf: [{ type: 'null' }, out] };
  }
  const type = out['type'];
  if (typeof type === 'string') out['type'] = [type, 'null'];
  else if (Array.isArray(type)) out['type'] = [...(type as unknown[]), 'null'];
  const values = out['enum'];
  if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...(values as unknown[]), null];
  return out;
}

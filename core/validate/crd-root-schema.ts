import { own, pointer, setOwn, type CrdProblem, type JsonObject } from './crd-json.ts';
import { objectMetaSchema } from './crd-object-meta.ts';
import { convertSchemaNode } from './crd-schema-node.ts';
import { isJsonObject } from '../manifests/json-value.ts';

/** What the root schema of one served version is built from. */
export interface RootSchemaOptions {
  apiVersion: string;
  kind: string;
  /** `-strict`: close objects with `properties` and ObjectMeta. */
  strict: boolean;
  /** The CRD prunes unknown fields (see `CrdSpec.prune`); when it does not, nothing is closed. */
  prune: boolean;
  statusSubresource: boolean;
}

/** Keywords that make no sense at the root, which is always a Kubernetes object. */
const ROOT_IGNORED = ['nullable', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource'];

function typeMeta(options: RootSchemaOptions): JsonObject {
  return {
    apiVersion: { type: 'string', enum: [options.apiVersion] },
    kind: { type: 'string', enum: [options.kind] },
  };
}

/** A version without a schema: any object with the right apiVersion and kind. */
function anyObject(options: RootSchemaOptions): JsonObject {
  return {
    type: 'object',
    properties: { ...typeMeta(options), metadata: objectMetaSchema(options.strict) },
    required: ['apiVersion', 'kind'],
  };
}

/** The root without what the converter must not see: `metadata` (handled apart) and root-only oddities. */
function rootView(schema: JsonObject, path: string, problems: CrdProblem[]): JsonObject {
  const view: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!ROOT_IGNORED.includes(key)) setOwn(view, key, value);
  }
  const type = own(view, 'type');
  if (type !== undefined && type !== 'object') {
    problems.push({ message: 'the root of the schema must be of type object', path: pointer(path, 'type') });
  }
  setOwn(view, 'type', 'object');
  const properties = own(view, 'properties');
  if (isJsonObject(properties)) {
    const rest: JsonObject = {};
    for (const [name, value] of Object.entries(properties))
      if (name !== 'metadata') setOwn(rest, name, value);
    setOwn(view, 'properties', rest);
  }
  return view;
}

/**
 * `metadata` is always ObjectMeta. A CRD may add constraints to it (`name` maxLength, a pattern):
 * they are kept next to ObjectMeta but never close it, so labels and annotations stay allowed.
 */
function metadataSchema(
  schema: JsonObject,
  path: string,
  options: RootSchemaOptions,
  problems: CrdProblem[],
): JsonObject {
  const objectMeta = objectMetaSchema(options.strict);
  const declared = own(own(schema, 'properties'), 'metadata');
  if (declared === undefined) return objectMeta;
  const at = {
    path: pointer(path, 'properties', 'metadata'),
    close: false,
    defaulted: new Set<string>(),
    depth: 1,
  };
  const extra = convertSchemaNode(declared, { problems, ancestors: new Set() }, at);
  const keys = Object.keys(extra);
  if (keys.length === 0 || (keys.length === 1 && extra['type'] === 'object')) return objectMeta;
  return { allOf: [objectMeta, extra] };
}

/**
 * The draft-04 schema of a whole custom resource of one version: the CRD's `openAPIV3Schema`
 * converted, with `apiVersion` and `kind` required to be exactly this version's, `metadata` as
 * ObjectMeta, and `status` accepted (anything when the status subresource is on, since the API server
 * drops `status` from create and update requests then; the CRD's own status schema otherwise).
 */
export function rootSchema(
  schema: unknown,
  path: string,
  options: RootSchemaOptions,
  problems: CrdProblem[],
): JsonObject {
  if (schema === undefined) return anyObject(options);
  if (!isJsonObject(schema)) {
    problems.push({ message: 'openAPIV3Schema must be an object; any object is accepted', path });
    return anyObject(options);
  }
  const at = { path, close: options.strict && options.prune, defaulted: new Set<string>(), depth: 0 };
  const root = convertSchemaNode(
    rootView(schema, path, problems),
    { problems, ancestors: new Set([schema]) },
    at,
  );
  const properties: JsonObject = isJsonObject(root['properties']) ? root['properties'] : {};
  for (const [name, value] of Object.entries(typeMeta(options))) setOwn(properties, name, value);
  setOwn(properties, 'metadata', metadataSchema(schema, path, options, problems));
  if (options.statusSubresource || own(properties, 'status') === undefined) setOwn(properties, 'status', {});
  root['properties'] = properties;
  const required = Array.isArray(root['required']) ? (root['required'] as string[]) : [];
  root['required'] = [...new Set([...required, 'apiVersion', 'kind'])];
  return root;
}

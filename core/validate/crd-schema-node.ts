import { copyKeyword, isValidPattern } from './crd-keywords.ts';
import { pointer, setOwn, type CrdProblem, type JsonObject } from './crd-json.ts';
import {
  addEmbeddedResource,
  allowNull,
  defaultedProperties,
  JUNCTORS,
  readFlags,
} from './crd-extensions.ts';
import { isJsonObject } from '../manifests/json-value.ts';

/** State shared by the whole conversion of one schema. */
export interface SchemaContext {
  problems: CrdProblem[];
  /** Nodes on the current path, to stop at a cycle (YAML aliases can make one). */
  ancestors: Set<object>;
}

/** Where a node sits and how it must be converted. */
export interface NodePosition {
  /** JSON pointer of the node inside the CRD. */
  path: string;
  /**
   * Close objects with `properties` (`additionalProperties: false`): strict mode on a CRD that prunes
   * unknown fields, and never inside `allOf`/`anyOf`/`oneOf`/`not`, whose sub-schemas only add
   * constraints to the fields the node itself declares.
   */
  close: boolean;
  /** Properties of the enclosing object that have a default (for `required` inside a junctor). */
  defaulted: ReadonlySet<string>;
  depth: number;
}

const MAX_DEPTH = 128;
const NO_DEFAULTS: ReadonlySet<string> = new Set();

function child(
  at: NodePosition,
  tokens: (string | number)[],
  change: Partial<NodePosition> = {},
): NodePosition {
  return {
    path: pointer(at.path, ...tokens),
    close: at.close,
    defaulted: NO_DEFAULTS,
    depth: at.depth + 1,
    ...change,
  };
}

function convertMap(
  value: JsonObject,
  key: string,
  at: NodePosition,
  ctx: SchemaContext,
  embedded: boolean,
): JsonObject {
  const map: JsonObject = {};
  for (const [name, schema] of Object.entries(value)) {
    if (key === 'patternProperties' && !isValidPattern(name)) {
      ctx.problems.push({
        message: 'not a valid regular expression; ignored',
        path: pointer(at.path, key, name),
      });
      continue;
    }
    // The metadata of an embedded resource is ObjectMeta plus whatever the CRD adds: never closed here.
    const open = embedded && key === 'properties' && name === 'metadata';
    setOwn(map, name, convertSchemaNode(schema, ctx, child(at, [key, name], open ? { close: false } : {})));
  }
  return map;
}

function convertDependencies(value: JsonObject, at: NodePosition, ctx: SchemaContext): JsonObject {
  const map: JsonObject = {};
  for (const [name, dependency] of Object.entries(value)) {
    if (Array.isArray(dependency) && dependency.every((item) => typeof item === 'string')) {
      setOwn(map, name, [...dependency]);
    } else {
      setOwn(
        map,
        name,
        convertSchemaNode(dependency, ctx, child(at, ['dependencies', name], { close: false })),
      );
    }
  }
  return map;
}

/** Converts the keywords that hold sub-schemas; returns false for any other keyword. */
function convertStructure(
  key: string,
  value: unknown,
  out: JsonObject,
  at: NodePosition,
  ctx: SchemaContext,
  junctorDefaults: ReadonlySet<string>,
  embedded: boolean,
): boolean {
  const bad = (shape: string): true => {
    ctx.problems.push({ message: `${key} must be ${shape}; ignored`, path: pointer(at.path, key) });
    return true;
  };
  const junctor = { close: false, defaulted: junctorDefaults };
  if (key === 'properties' || key === 'patternProperties') {
    if (isJsonObject(value)) out[key] = convertMap(value, key, at, ctx, embedded);
    else return bad('an object');
  } else if (key === 'additionalProperties' || key === 'additionalItems') {
    if (typeof value === 'boolean') out[key] = value;
    else if (isJsonObject(value)) out[key] = convertSchemaNode(value, ctx, child(at, [key]));
    else return bad('a boolean or a schema');
  } else if (key === 'items' && Array.isArray(value)) {
    // A list of schemas (tuple) is not OpenAPI v3, but it is valid draft 4: kept.
    out[key] = value.map((item, i) => convertSchemaNode(item, ctx, child(at, [key, i])));
  } else if (key === 'items') {
    if (isJsonObject(value)) out[key] = convertSchemaNode(value, ctx, child(at, [key]));
    else return bad('a schema');
  } else if ((JUNCTORS as readonly string[]).includes(key)) {
    if (!Array.isArray(value) || value.length === 0) return bad('a non-empty list of schemas');
    out[key] = value.map((item, i) => convertSchemaNode(item, ctx, child(at, [key, i], junctor)));
  } else if (key === 'not') {
    if (isJsonObject(value)) out[key] = convertSchemaNode(value, ctx, child(at, [key], junctor));
    else return bad('a schema');
  } else if (key === 'dependencies') {
    if (isJsonObject(value)) out[key] = convertDependencies(value, at, ctx);
    else return bad('an object');
  } else {
    return false;
  }
  return true;
}

function convertRecord(node: JsonObject, ctx: SchemaContext, at: NodePosition): JsonObject {
  const out: JsonObject = {};
  const flags = readFlags(node, at.path, ctx.problems);
  const defaulted = new Set([...at.defaulted, ...defaultedProperties(node)]);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || convertStructure(key, value, out, at, ctx, defaulted, flags.embedded)) continue;
    if (copyKeyword(key, value, out, pointer(at.path, key), ctx.problems)) continue;
    ctx.problems.push({ message: `unknown keyword ${key}; ignored`, path: pointer(at.path, key) });
  }
  if (flags.intOrString) {
    // https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#int-or-string
    out['type'] = ['integer', 'string'];
    if (out['format'] === 'int-or-string') delete out['format'];
  }
  if (flags.listSet) out['uniqueItems'] = true;
  // draft 4 (and ajv) refuse an exclusive flag without its bound; it means nothing alone anyway.
  if (out['minimum'] === undefined) delete out['exclusiveMinimum'];
  if (out['maximum'] === undefined) delete out['exclusiveMaximum'];
  if (flags.embedded) addEmbeddedResource(out, at.close);
  if (Array.isArray(out['required'])) {
    const required = (out['required'] as string[]).filter((name) => !defaulted.has(name));
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  // https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning
  if (
    at.close &&
    !flags.preserve &&
    isJsonObject(out['properties']) &&
    out['additionalProperties'] === undefined
  ) {
    out['additionalProperties'] = false;
  }
  return flags.nullable ? allowNull(out) : out;
}

/**
 * Converts one node of a CRD's OpenAPI v3 (structural) schema to JSON Schema draft 4, the way the
 * API server reads it: `nullable`, `x-kubernetes-int-or-string` (and `format: int-or-string`),
 * `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-embedded-resource`,
 * `x-kubernetes-list-type: set`, defaults that satisfy `required`. Other vendor extensions
 * (`x-kubernetes-validations`: CEL is not evaluated here) and annotations are dropped. Never throws:
 * whatever cannot be used is reported in `ctx.problems` and left out.
 */
export function convertSchemaNode(node: unknown, ctx: SchemaContext, at: NodePosition): JsonObject {
  const problem = (message: string): JsonObject => {
    ctx.problems.push({ message, path: at.path });
    return {};
  };
  if (!isJsonObject(node)) return problem('schema must be an object; ignored');
  if (ctx.ancestors.has(node)) return problem('schema contains itself; ignored');
  if (at.depth > MAX_DEPTH) return problem(`schema is nested deeper than ${MAX_DEPTH} levels; ignored`);
  ctx.ancestors.add(node);
  try {
    return convertRecord(node, ctx, at);
  } finally {
    ctx.ancestors.delete(node);
  }
}

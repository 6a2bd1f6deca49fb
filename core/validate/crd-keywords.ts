import { cloneJson, type CrdProblem, type JsonObject } from './crd-json.ts';

const JSON_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);
const COUNTS = new Set(['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties']);
const BOUNDS = new Set(['maximum', 'minimum']);
const EXCLUSIVE = new Set(['exclusiveMaximum', 'exclusiveMinimum']);
/** Annotations of OpenAPI v3 and JSONSchemaProps: nothing to validate. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'externalDocs',
  'readOnly',
  'writeOnly',
  'deprecated',
  'discriminator',
  'xml',
]);
/**
 * JSONSchemaProps fields a structural schema forbids and that cannot be honoured here: a `$ref`
 * has nothing to point at, an `id` would register the schema under a name in the shared ajv instance.
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
const DROPPED = new Set(['$ref', 'id', '$schema', 'definitions']);

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A regular expression ajv can compile with createAjv()'s flags. */
export function isValidPattern(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    // Same flags as createAjv() (unicodeRegExp: false): no `u`.
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Copies one keyword that holds no sub-schema (type, format, bounds, pattern, enum, default, ...)
 * from an OpenAPI v3 schema node to its draft-04 counterpart, checking the value's shape so that the
 * result always compiles. Returns false when `key` is not such a keyword. Values of the wrong shape
 * and keywords that cannot be honoured are left out and reported in `problems`.
 */
export function copyKeyword(
  key: string,
  value: unknown,
  out: JsonObject,
  path: string,
  problems: CrdProblem[],
): boolean {
  const drop = (why: string): true => {
    problems.push({ message: `${key} ${why}; ignored`, path });
    return true;
  };
  if (ANNOTATIONS.has(key) || key.startsWith('x-')) return true;
  if (DROPPED.has(key)) return drop('is not supported in a structural CRD schema');
  if (key === 'type') {
    if (typeof value === 'string' && JSON_TYPES.has(value)) out['type'] = value;
    else return drop('must be one of object, array, string, integer, number, boolean');
  } else if (key === 'format') {
    if (typeof value === 'string') out['format'] = value;
    else return drop('must be a string');
  } else if (COUNTS.has(key)) {
    if (isCount(value)) out[key] = value;
    else return drop('must be a non-negative integer');
  } else if (BOUNDS.has(key)) {
    if (isFiniteNumber(value)) out[key] = value;
    else return drop('must be a number');
  } else if (key === 'multipleOf') {
    if (isFiniteNumber(value) && value > 0) out[key] = value;
    else return drop('must be a number greater than 0');
  } else if (EXCLUSIVE.has(key) || key === 'uniqueItems') {
    if (typeof value === 'boolean') out[key] = value;
    else return drop('must be a boolean');
  } else if (key === 'pattern') {
    if (isValidPattern(value)) out['pattern'] = value;
    else return drop('must be a valid regular expression');
  } else if (key === 'enum') {
    if (Array.isArray(value) && value.length > 0) out['enum'] = cloneJson(value);
    else return drop('must be a non-empty array');
  } else if (key === 'required') {
    if (isStringList(value)) out['required'] = [...new Set(value)];
    else return drop('must be an array of strings');
  } else if (key === 'default') {
    out['default'] = cloneJson(value);
  } else {
    return false;
  }
  return true;
}

/**
 * JSON values as kubeproof holds parsed manifests, and the small helpers every layer uses on them.
 * The one home of `JsonValue`, `JsonObject` and `isJsonObject` (docs/architecture.md, the shared model).
 */

/** A value as a manifest holds it once parsed: what JSON can say. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: a Kubernetes resource or a part of one. */
export type JsonObject = { [key: string]: JsonValue };

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(value)) copy[key] = cloneJson(child);
    return copy as T;
  }
  return value;
}

/** Structural equality of two JSON values (key order does not matter). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => key in b && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** The value at a chain of object keys, or undefined when a step is missing or not an object. */
export function getIn(value: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  let current = value;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The object at a chain of keys, or undefined. */
export function objectAt(value: JsonValue | undefined, ...keys: string[]): JsonObject | undefined {
  const found = getIn(value, ...keys);
  return isJsonObject(found) ? found : undefined;
}

/** The array at a chain of keys, or an empty array. */
export function arrayAt(value: JsonValue | undefined, ...keys: string[]): JsonValue[] {
  const found = getIn(value, ...keys);
  return Array.isArray(found) ? found : [];
}

/** The string at a chain of keys, or undefined. */
export function stringAt(value: JsonValue | undefined, ...keys: string[]): string | undefined {
  const found = getIn(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/**
 * The text of a string, number or boolean (`String(value)`); undefined for null, a missing value, a
 * mapping or a sequence. For fields that must hold a scalar, where null means "not set".
 */
export function scalarString(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  return String(value);
}

/**
 * The text a YAML node holds as its value, as yaml.v3's `Node.Value` (and so kyaml) has it: a
 * scalar's text, `null` for a null node, empty for a mapping, a sequence or a missing node.
 */
export function yamlNodeText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'object') return '';
  return String(value);
}

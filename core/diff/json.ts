/**
 * Small helpers over JSON values (rendered resources), shared by the diff engine.
 */
import type { JsonValue } from '../manifests/resolve-scalar.ts';
import type { JsonObject } from '../render/types.ts';

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isObject(value)) {
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
  if (isObject(a)) {
    if (!isObject(b)) return false;
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
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The object at a chain of keys, or undefined. */
export function objectAt(value: JsonValue | undefined, ...keys: string[]): JsonObject | undefined {
  const found = getIn(value, ...keys);
  return isObject(found) ? found : undefined;
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

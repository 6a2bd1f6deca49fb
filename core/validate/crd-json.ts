import { isJsonObject } from '../manifests/json-value.ts';
/**
 * Small helpers for reading untrusted parsed YAML/JSON (a CRD can be any value) and building
 * schemas from it without touching the input or `Object.prototype`.
 */

/** A schema or a manifest object as this module builds it. */
export type JsonObject = Record<string, unknown>;

/** One thing about a CRD that could not be used as written, with a JSON pointer into the CRD. */
export interface CrdProblem {
  message: string;
  /** JSON pointer inside the CRD, for example `/spec/versions/0/schema/openAPIV3Schema`. */
  path: string;
}

/** The value of an own property only: `constructor` or `__proto__` never come from the prototype. */
export function own(value: unknown, key: string): unknown {
  if (!isJsonObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  return value[key];
}

/** Sets a property by definition, so a key named `__proto__` stays an ordinary key. */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Appends reference tokens to a JSON pointer, escaping `~` and `/` (RFC 6901). */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  let result = base;
  for (const token of tokens) result += '/' + String(token).replaceAll('~', '~0').replaceAll('/', '~1');
  return result;
}

/**
 * A deep copy of a JSON-like value (for `enum` and `default`), so the output never shares objects
 * with the input. Values JSON cannot hold become `null`; a `Date` (js-yaml timestamps) becomes its
 * ISO string; a cycle is cut with `null`.
 */
export function cloneJson(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object' || ancestors.has(value)) return null;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item, ancestors));
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, cloneJson(item, ancestors));
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

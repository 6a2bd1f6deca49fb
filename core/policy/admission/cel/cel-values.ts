/**
 * JSON values as CEL values: an integral number is a CEL int (a bigint in cel-js), as the API
 * server reads an integer field; other numbers are doubles. Objects and lists are copied.
 */
import type { JsonValue } from '../../../manifests/json-value.ts';

/** The CEL value of a JSON value. */
export function celValue(value: JsonValue | undefined): unknown {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(celValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = celValue(child);
    return out;
  }
  return value;
}

/** How many values a JSON value holds (itself included), counting string lengths in 64-character units. */
export function jsonSize(value: JsonValue | undefined): number {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'string') return 1 + Math.floor(value.length / 64);
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + jsonSize(item), 1);
  if (typeof value === 'object')
    return Object.entries(value).reduce<number>(
      (sum, [key, item]) => sum + jsonSize(item) + Math.floor(key.length / 64),
      1,
    );
  return 1;
}

/** The CEL value and size of each object, worked out once per evaluation call. */
export class CelCache {
  readonly #values = new WeakMap<object, unknown>();
  readonly #sizes = new WeakMap<object, number>();

  value(object: JsonValue & object): unknown {
    let value = this.#values.get(object);
    if (value === undefined) this.#values.set(object, (value = celValue(object)));
    return value;
  }

  size(object: JsonValue & object): number {
    let size = this.#sizes.get(object);
    if (size === undefined) this.#sizes.set(object, (size = jsonSize(object)));
    return size;
  }
}

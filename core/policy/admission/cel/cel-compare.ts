/**
 * Equality and ordering of CEL values as cel-js holds them (bigint ints, number doubles, strings,
 * booleans, null, arrays, plain objects or Maps), with CEL's cross-type numeric comparison.
 */
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celError } from './cel-error.ts';

/** A uint as the bigint it holds; any other value as it is. */
function unwrap(value: unknown): unknown {
  return value instanceof UnsignedInt ? value.value : value;
}

function isNumeric(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

function entriesOf(value: object): [unknown, unknown][] {
  return value instanceof Map ? [...(value as Map<unknown, unknown>).entries()] : Object.entries(value);
}

/** Whether two CEL values are equal (`1 == 1.0` holds, as in cel-go's heterogeneous equality). */
export function celEqual(left: unknown, right: unknown): boolean {
  const a = unwrap(left);
  const b = unwrap(right);
  if (isNumeric(a) && isNumeric(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b);
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => celEqual(item, b[i]));
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object' && !Array.isArray(b)) {
    if (a.constructor !== b.constructor && !(isMapLike(a) && isMapLike(b))) return false;
    if (!isMapLike(a)) return a === b;
    const left = entriesOf(a);
    const right = new Map(entriesOf(b));
    return (
      left.length === right.size &&
      left.every(([key, value]) => right.has(key) && celEqual(value, right.get(key)))
    );
  }
  return a === b;
}

function isMapLike(value: object): boolean {
  return (
    value instanceof Map ||
    Object.getPrototypeOf(value) === Object.prototype ||
    Object.getPrototypeOf(value) === null
  );
}

/** -1, 0 or 1; an error for values CEL cannot order. */
export function celCompare(left: unknown, right: unknown): number {
  const a = unwrap(left);
  const b = unwrap(right);
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
    return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  }
  if ((typeof a === 'string' && typeof b === 'string') || (typeof a === 'boolean' && typeof b === 'boolean'))
    return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  throw celError(`no such overload: cannot compare ${describe(a)} with ${describe(b)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  return typeof value === 'object' ? 'map' : typeof value;
}

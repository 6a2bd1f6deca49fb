import type { JsonValue } from '../../../manifests/json-value.ts';

/** kustomize v5.5.0 dies with a nil pointer dereference (json-patch v4 lazyNode.equal on a null). */
export const PANIC = 'panic: runtime error: invalid memory address or nil pointer dereference';

/**
 * How json-patch v4's `test` compares the document's value (never null here) with the
 * operation's: mappings by keys and values, lists element by element, scalars by their JSON
 * text. A null met while walking two lists of the same length crashes kustomize, which is
 * returned as 'panic'; nulls inside mappings compare normally.
 *
 * Scalars are compared by value here. kustomize compares their JSON text, which is the same for
 * YAML patches (both sides are re-encoded by Go) but not for a patch written as JSON, where
 * `1.0` does not equal the document's `1`.
 */
export function testEquals(actual: JsonValue, expected: JsonValue): boolean | 'panic' {
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || actual.length !== expected.length) return false;
    for (const [index, item] of actual.entries()) {
      const other = expected[index] as JsonValue;
      if (item === null || other === null) return 'panic';
      const same = testEquals(item, other);
      if (same !== true) return same;
    }
    return true;
  }
  if (actual !== null && typeof actual === 'object') {
    if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return false;
    const keys = Object.keys(actual);
    if (keys.length !== Object.keys(expected).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(expected, key)) return false;
      const item = actual[key] as JsonValue;
      const other = expected[key] as JsonValue;
      if ((item === null) !== (other === null)) return false;
      if (item === null) continue;
      const same = testEquals(item, other);
      if (same !== true) return same;
    }
    return true;
  }
  return actual === expected;
}

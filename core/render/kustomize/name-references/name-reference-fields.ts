import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';
import { splitFieldPath } from '../field-specs.ts';

/** A value inside a resource, with a way to replace it. */
export interface Slot {
  value: JsonValue;
  set(value: JsonValue): void;
}

function slotIn(container: JsonObject | JsonValue[], key: string | number): Slot {
  return {
    value: (container as Record<string | number, JsonValue>)[key] ?? null,
    set(value) {
      (container as Record<string | number, JsonValue>)[key] = value;
    },
  };
}

function descend(
  slot: Slot,
  segments: readonly string[],
  index: number,
  visit: (slot: Slot) => void,
  problems: string[],
): void {
  if (index === segments.length) {
    visit(slot);
    return;
  }
  const value = slot.value;
  if (value === null) return;
  if (Array.isArray(value)) {
    // A sequence on the way: every item continues with the same remaining path.
    for (let i = 0; i < value.length; i++) descend(slotIn(value, i), segments, index, visit, problems);
    return;
  }
  if (typeof value === 'object') {
    const key = segments[index] as string;
    if (!Object.hasOwn(value, key)) return;
    descend(slotIn(value, key), segments, index + 1, visit, problems);
    return;
  }
  problems.push('expected sequence or mapping node');
}

/**
 * Calls `visit` for every value a kustomize field path reaches in a resource (sequences on the way
 * fan out), as kustomize's fieldspec filter does without creating fields. A scalar where the path
 * needs a mapping is an error in kustomize; its message is returned.
 */
export function visitFieldPath(resource: JsonObject, path: string, visit: (slot: Slot) => void): string[] {
  const problems: string[] = [];
  const root: Slot = { value: resource, set: () => undefined };
  descend(root, splitFieldPath(path), 0, visit, problems);
  return problems;
}

/**
 * The fallback notes: every changed field the topic summaries did not explain, as
 * `spec.foo.bar: a -> b`, capped at `max` notes and `and N more fields`.
 */
import { type JsonValue, isJsonObject, jsonEqual } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { formatStep, joinSteps } from './object-path.ts';
import { note, valueNote } from './summary-format.ts';

/** One changed field: its printed path and values (undefined on the side where it is missing). */
export interface FieldChange {
  path: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
}

function namedElements(items: readonly JsonValue[]): Map<string, JsonValue> | undefined {
  const map = new Map<string, JsonValue>();
  for (const item of items) {
    if (!isJsonObject(item) || typeof item.name !== 'string' || map.has(item.name)) return undefined;
    map.set(item.name, item);
  }
  return map;
}

function arrayChanges(steps: string[], a: JsonValue[], b: JsonValue[], out: FieldChange[]): void {
  const scalars = [...a, ...b].every((item) => item === null || typeof item !== 'object');
  if (scalars) return void out.push({ path: joinSteps(steps), before: a, after: b });
  const left = namedElements(a);
  const right = namedElements(b);
  if (left !== undefined && right !== undefined) {
    for (const [name, item] of left) {
      if (!right.has(name))
        out.push({ path: joinSteps([...steps, formatStep(0, item)]), before: item, after: undefined });
    }
    for (const [name, item] of right) collect([...steps, formatStep(0, item)], left.get(name), item, out);
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) collect([...steps, `[${i}]`], a[i], b[i], out);
}

function collect(
  steps: string[],
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  out: FieldChange[],
): void {
  if (jsonEqual(a, b)) return;
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      collect([...steps, formatStep(key)], a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) return arrayChanges(steps, a, b, out);
  out.push({ path: joinSteps(steps), before: a, after: b });
}

/** Every changed field of two values, deepest first reached. */
export function fieldChanges(before: JsonValue, after: JsonValue): FieldChange[] {
  const out: FieldChange[] = [];
  collect([], before, after, out);
  return out;
}

function isCovered(path: string, covered: readonly string[]): boolean {
  return covered.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`),
  );
}

/** Notes for the changed fields not under a covered path. */
export function genericNotes(
  before: JsonValue,
  after: JsonValue,
  covered: readonly string[],
  max: number,
): ChangeNote[] {
  const changes = fieldChanges(before, after).filter((change) => !isCovered(change.path, covered));
  const notes = changes
    .slice(0, max)
    .map((change) => valueNote('field', '', change.before, change.after, { subject: change.path }));
  if (changes.length > max) notes.push(note('field', `and ${changes.length - max} more fields`));
  return notes;
}

import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';
import {
  type Container,
  addChild,
  cloneJson,
  findParent,
  getChild,
  isContainer,
  removeChild,
  setChild,
} from './json6902-container.ts';
import { PANIC, testEquals } from './json6902-equal.ts';
import type { JsonPatchOperation } from './json6902-parse.ts';

/** Why a patch failed: which operation, and kustomize's own message. */
export interface JsonPatchFailure {
  /** `patch operation <index> (<op> <path>): <message>`. */
  error: string;
  /** Index of the operation that failed. */
  operation: number;
  /** The message kustomize v5.5.0 prints (after `err=`), or its panic line when it crashes. */
  message: string;
}

interface Doc {
  root: Container;
}

type Step = (doc: Doc, op: JsonPatchOperation) => string | undefined;

const add: Step = (doc, op) => {
  const parent = findParent(doc.root, op.path);
  if (parent === undefined)
    return `add operation does not apply: doc is missing path: "${op.path}": missing value`;
  const failed = addChild(parent.container, parent.key, cloneJson(op.value ?? null));
  return failed && `error in add for path: '${op.path}': ${failed.error}`;
};

const remove: Step = (doc, op) => {
  const parent = findParent(doc.root, op.path);
  if (parent === undefined)
    return `remove operation does not apply: doc is missing path: "${op.path}": missing value`;
  const failed = removeChild(parent.container, parent.key);
  return failed && `error in remove for path: '${op.path}': ${failed.error}`;
};

const replace: Step = (doc, op) => {
  if (op.path === '') {
    // The whole document: a mapping or a list replaces it, anything else is silently ignored.
    if (op.value === undefined) return PANIC;
    if (isContainer(op.value)) doc.root = cloneJson(op.value);
    return undefined;
  }
  const parent = findParent(doc.root, op.path);
  if (parent === undefined)
    return `replace operation does not apply: doc is missing path: ${op.path}: missing value`;
  // A missing mapping key is not an error: replace then adds it.
  if ('error' in getChild(parent.container, parent.key))
    return `replace operation does not apply: doc is missing key: ${op.path}: missing value`;
  setChild(parent.container, parent.key, cloneJson(op.value ?? null));
  return undefined;
};

const move: Step = (doc, op) => {
  const from = op.from ?? '';
  const source = findParent(doc.root, from);
  if (source === undefined)
    return `move operation does not apply: doc is missing from path: ${from}: missing value`;
  const found = getChild(source.container, source.key);
  if ('error' in found) return `error in move for path: '${source.key}': ${found.error}`;
  const removed = removeChild(source.container, source.key);
  if (removed) return `error in move for path: '${source.key}': ${removed.error}`;
  const target = findParent(doc.root, op.path);
  if (target === undefined)
    return `move operation does not apply: doc is missing destination path: ${op.path}: missing value`;
  const failed = addChild(target.container, target.key, found.value ?? null);
  return failed && `error in move for path: '${op.path}': ${failed.error}`;
};

const copy: Step = (doc, op) => {
  const from = op.from ?? '';
  const source = findParent(doc.root, from);
  if (source === undefined)
    return `copy operation does not apply: doc is missing from path: ${from}: missing value`;
  const found = getChild(source.container, source.key);
  if ('error' in found) return `error in copy for from: '${from}': ${found.error}`;
  const target = findParent(doc.root, op.path);
  if (target === undefined)
    return `copy operation does not apply: doc is missing destination path: ${op.path}: missing value`;
  // Copying a missing key copies null.
  const failed = addChild(target.container, target.key, cloneJson(found.value ?? null));
  return failed && `error while adding value during copy: ${failed.error}`;
};

function compare(
  actual: JsonValue | undefined,
  expected: JsonValue | undefined,
  path: string,
): string | undefined {
  const failed = `testing value ${path} failed: test failed`;
  if (actual === undefined) {
    if (expected === undefined) return PANIC;
    return expected === null ? undefined : failed;
  }
  if (expected === undefined) return path === '' ? PANIC : failed;
  if (expected === null) return failed;
  const same = testEquals(actual, expected);
  return same === 'panic' ? PANIC : same ? undefined : failed;
}

const test: Step = (doc, op) => {
  if (op.path === '') return compare(doc.root, op.value, '');
  const parent = findParent(doc.root, op.path);
  if (parent === undefined)
    return `test operation does not apply: is missing path: ${op.path}: missing value`;
  const found = getChild(parent.container, parent.key);
  if ('error' in found) return `error in test for path: '${op.path}': ${found.error}`;
  return compare(found.value, op.value, op.path);
};

const STEPS: Record<JsonPatchOperation['op'], Step> = { add, remove, replace, move, copy, test };

/**
 * Applies operations to a resource without mutating it, as kustomize v5.5.0 does (through
 * gopkg.in/evanphx/json-patch.v4 v4.12.0), quirks included:
 * - `-` appends; negative indices count from the end (`-1` is the last item; for add, the end);
 *   indices are Go integers, so `01` and `+1` mean 1;
 * - adding or testing below a missing, null or scalar parent fails; replacing a missing mapping
 *   key adds it, a missing list index fails; removing a missing key fails;
 * - `copy` from a missing key copies null; `add`/`replace` without a value write null;
 * - the empty path: `replace` swaps the whole document for a mapping (other values are ignored),
 *   `add`/`remove` fail, `test` compares the whole document;
 * - the text before the first `/` is ignored (`spec/replicas` is `/replicas`).
 * Every operation applies in order and the first failure ends the patch.
 */
export function applyJsonPatch(
  target: JsonObject,
  operations: readonly JsonPatchOperation[],
): { value: JsonObject } | JsonPatchFailure {
  const doc: Doc = { root: cloneJson(target) };
  for (const [index, op] of operations.entries()) {
    const message = STEPS[op.op](doc, op);
    if (message !== undefined)
      return {
        error: `patch operation ${index} (${op.op} ${op.path}): ${message}`,
        operation: index,
        message,
      };
  }
  if (Array.isArray(doc.root)) {
    // kustomize reads the patched document back into a map.
    const message = 'json: cannot unmarshal array into Go value of type map[string]interface {}';
    const index = operations.length - 1;
    return { error: `patched document is a list: ${message}`, operation: index, message };
  }
  return { value: doc.root };
}

import { type JsonValue, isJsonObject } from '../../../manifests/json-value.ts';

/**
 * One RFC 6902 operation. `value` is absent when the patch leaves it out (kustomize then adds or
 * replaces with null, and a `test` without a value crashes kustomize); `from` is only read by
 * `move` and `copy`. `path` is kept as written: kustomize does not require a leading `/`.
 */
export type JsonPatchOperation = {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: JsonValue;
  from?: string;
};

/** A patch that kustomize would only reject when it applies it to a resource. */
export interface DeferredPatchProblem {
  error: string;
  /**
   * kustomize (gopkg.in/evanphx/json-patch.v4 v4.12.0) decodes each operation's fields while it
   * applies them, so a bad operation is only an error when the patch's target selects at least
   * one resource; the operations before it still apply first and may fail on their own.
   */
  deferred: true;
  /** Index of the bad operation. */
  operation: number;
  /** The valid operations before the bad one. */
  operations: JsonPatchOperation[];
  /** kustomize's own message for the bad operation. */
  message: string;
}

const KINDS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Go's encoding/json name for a JSON value's type, as in "cannot unmarshal number into ...". */
function goJsonType(value: JsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Why a string field cannot be decoded, worded as json-patch v4 wraps it for each operation. */
function fieldProblem(op: string, field: 'path' | 'from', value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return undefined;
  const missing = value === undefined || value === null;
  const cause = missing
    ? field === 'path'
      ? 'operation missing path field: missing value'
      : 'operation, missing from field: missing value'
    : `json: cannot unmarshal ${goJsonType(value)} into Go value of type string`;
  // add, remove and copy replace the cause of a bad path with a bare "missing value".
  const plain = field === 'path' && (op === 'add' || op === 'remove' || op === 'copy');
  return `${op} operation failed to decode ${field}: ${plain ? 'missing value' : cause}`;
}

function problemOf(item: JsonValue): string | undefined {
  if (!isJsonObject(item)) return 'Unexpected kind: unknown';
  const op = item['op'];
  if (typeof op !== 'string') return 'Unexpected kind: unknown';
  if (!KINDS.has(op)) return `Unexpected kind: ${op}`;
  if (op === 'move' || op === 'copy') {
    const from = fieldProblem(op, 'from', item['from']);
    if (from !== undefined) return from;
  }
  return fieldProblem(op, 'path', item['path']);
}

/**
 * Parses a JSON6902 patch document (the YAML or JSON list of operations, already read into a
 * JSON value); problems name the operation index. A patch that is not a list, or holds an item
 * that is neither a mapping nor null, is an error at once (kustomize: "unable to parse SM or JSON
 * patch"). A bad operation inside a good list is a `deferred` problem: see DeferredPatchProblem.
 *
 * kustomize reads a patch that does not start with `[` as YAML through sigs.k8s.io/yaml (go-yaml
 * v2, YAML 1.1: `yes` is true, `0777` is 511), so read the text with the default (go-yaml v2)
 * scalar resolution of parseYamlDocument, not kustomize's resource resolution.
 */
export function parseJsonPatch(
  value: JsonValue,
): { operations: JsonPatchOperation[] } | { error: string } | DeferredPatchProblem {
  if (!Array.isArray(value)) return { error: 'a JSON6902 patch must be a list of operations' };
  for (const [index, item] of value.entries()) {
    if (item !== null && !isJsonObject(item))
      return { error: `patch operation ${index} must be a mapping, found ${goJsonType(item)}` };
  }
  const operations: JsonPatchOperation[] = [];
  for (const [index, item] of value.entries()) {
    const message = problemOf(item);
    if (message !== undefined || !isJsonObject(item))
      return {
        error: `patch operation ${index}: ${message}`,
        deferred: true,
        operation: index,
        operations,
        message: message ?? 'Unexpected kind: unknown',
      };
    const operation: JsonPatchOperation = {
      op: item['op'] as JsonPatchOperation['op'],
      path: item['path'] as string,
    };
    if (item['value'] !== undefined) operation.value = item['value'];
    if (item['op'] === 'move' || item['op'] === 'copy') operation.from = item['from'] as string;
    operations.push(operation);
  }
  return { operations };
}

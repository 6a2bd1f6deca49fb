import {
  type JsonValue,
  type JsonObject,
  isJsonObject,
  yamlNodeText,
} from '../../../manifests/json-value.ts';

/**
 * Node helpers for the strategic merge engine. kyaml merges YAML nodes in place; the engine works
 * the same way on private deep copies of JSON values, so a node's identity is its object identity.
 */

/** A value that may be absent (Go's nil *RNode). */
export type Maybe = JsonValue | undefined;

/** A failure kustomize reports; caught and returned as `{ error }` by `applyStrategicMerge`. */
export class StrategicMergeFailure extends Error {
  override name = 'StrategicMergeFailure';
}

/** kyaml's IsMissingOrNull. */
export function isMissingOrNull(value: Maybe): value is null | undefined {
  return value === undefined || value === null;
}

/** kyaml's IsEmptyMap: missing, null or a mapping without fields. */
export function isEmptyMap(value: Maybe): boolean {
  return isMissingOrNull(value) || (isJsonObject(value) && Object.keys(value).length === 0);
}

/** The yaml.v3 node kind of a value, as kyaml names it in errors. */
export function nodeKind(value: JsonValue): 'MappingNode' | 'SequenceNode' | 'ScalarNode' {
  if (Array.isArray(value)) return 'SequenceNode';
  return isJsonObject(value) ? 'MappingNode' : 'ScalarNode';
}

/**
 * kyaml's ErrorIfInvalid, for a value that must be of `kind` (null passes). kustomize appends the
 * node's contents to the message; they may be a secret's value, so they are left out.
 */
export function requireKind(value: Maybe, kind: ReturnType<typeof nodeKind>): void {
  if (isMissingOrNull(value) || nodeKind(value) === kind) return;
  throw new StrategicMergeFailure(`wrong node kind: expected ${kind} but got ${nodeKind(value)}`);
}

/**
 * kyaml's FieldMatcher by name (and value, unless `value` is ''): whether `node` has the field.
 * An empty name matches a scalar node by its text.
 */
export function fieldMatches(node: Maybe, name: string, value: string): boolean {
  if (isMissingOrNull(node)) return false;
  if (name === '') {
    requireKind(node, 'ScalarNode');
    return yamlNodeText(node) === value;
  }
  requireKind(node, 'MappingNode');
  const map = node as JsonObject;
  if (!Object.hasOwn(map, name)) return false;
  return value === '' || yamlNodeText(map[name]) === value;
}

/** kyaml's ElementSetter: replaces (or, with no element, deletes) the matching elements, in place. */
export function setElement(list: JsonValue[], element: Maybe, keys: string[], values: string[]): void {
  const setterKeys = keys.length === 0 ? [''] : keys;
  const mappingSetter = setterKeys[0] !== '' && values.length > 0 && values[0] !== '';
  const next: JsonValue[] = [];
  let found = false;
  for (const item of list) {
    if (isEmptyMap(item)) continue;
    if (!isJsonObject(item) && mappingSetter) {
      next.push(item);
      continue;
    }
    let matched = false;
    let all = true;
    for (const [index, key] of setterKeys.entries()) {
      if (index < values.length) matched = fieldMatches(item, key, values[index] as string);
      if (!matched) {
        all = false;
        break;
      }
    }
    if (!all) {
      if (values.length > 0) next.push(item);
      continue;
    }
    found = true;
    if (element !== undefined) next.push(element);
  }
  list.splice(0, list.length, ...next);
  if (isMissingOrNull(element)) return;
  if (!found) list.push(element);
}

/** kyaml's ElementList: the first mapping element whose fields `keys` have the texts `values`. */
export function findElement(list: Maybe, keys: string[], values: string[]): Maybe {
  if (!Array.isArray(list)) return undefined;
  if (keys.length === 0 || keys[0] === '') {
    return list.find((item) => yamlNodeText(item) === (values[0] ?? ''));
  }
  return list.find(
    (item) =>
      isJsonObject(item) &&
      keys.every((key, index) => Object.hasOwn(item, key) && yamlNodeText(item[key]) === values[index]),
  );
}

import { resolveKustomizeScalar } from '../../../manifests/resolve-scalar.ts';
import { type JsonValue, isJsonObject, yamlNodeText } from '../../../manifests/json-value.ts';
import { compileGoPattern } from '../targets/select-targets-regex.ts';

/**
 * Field paths of replacements, as kyaml walks them: `spec.template.spec.containers` (fields),
 * `[name=app]` (list elements whose field matches), `[=value]` (scalar list elements), `0`
 * (an index) and, in targets only, `*` (every list element).
 */

/** A place in a resource that a replacement reads or writes. */
export interface FieldSlot {
  value: JsonValue;
  set(value: JsonValue): void;
  /** Just created as an untyped scalar (kyaml gives it no tag, so its text is read as plain YAML). */
  fresh?: boolean;
}

/** What a missing target field is created as: kustomize creates the value's kind of node. */
export type CreateKind = 'scalar' | 'map' | 'list';

/** A path that does not fit the resource (kustomize stops the build). */
export class FieldPathError extends Error {
  override name = 'FieldPathError';
}

/** kyaml's SmarterPathSplitter: splits on `.` except inside `[...]`. */
export function splitReplacementPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of path) {
    if (char === '[') depth += 1;
    else if (char === ']' && depth > 0) depth -= 1;
    if (char === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  // `[example.com/host]` (no `=`) is a field name holding dots, not a list element selector.
  return parts.map((part) => (isListIndex(part) && !part.includes('=') ? part.slice(1, -1) : part));
}

function nodeKind(value: JsonValue): string {
  if (Array.isArray(value)) return 'SequenceNode';
  return isJsonObject(value) ? 'MappingNode' : 'ScalarNode';
}

function wrongKind(expected: string, value: JsonValue): FieldPathError {
  // kyaml appends the node's contents; they may be a secret's value, so they are left out.
  return new FieldPathError(`wrong node kind: expected ${expected} but got ${nodeKind(value)}`);
}

function isIndex(part: string): boolean {
  return /^[+-]?[0-9]+$/.test(part) && Number(part) >= 0;
}

function isListIndex(part: string): boolean {
  return part.startsWith('[') && part.endsWith(']');
}

/**
 * Roughly the YAML kyaml prints for a node, which `[field=pattern]` and `[=pattern]` match
 * against (unanchored): scalars as their text, maps and lists one entry per line.
 */
function matchText(value: JsonValue): string {
  if (Array.isArray(value)) return value.map((item) => `- ${matchText(item)}`).join('\n');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${matchText(item)}`)
      .join('\n');
  return yamlNodeText(value);
}

function newNode(next: string | undefined, create: CreateKind): JsonValue {
  if (next === undefined) return create === 'map' ? {} : create === 'list' ? [] : null;
  return isListIndex(next) || isIndex(next) ? [] : {};
}

function elementSlot(list: JsonValue[], index: number): FieldSlot {
  return {
    value: list[index] as JsonValue,
    set(value) {
      list[index] = value;
    },
  };
}

/** A slot that writes nowhere: kyaml walking through a null node with create on. */
function detached(): FieldSlot {
  return { value: null, fresh: true, set() {} };
}

function splitIndexNameValue(part: string): { field: string; pattern: string } {
  const inner = part.slice(1, -1);
  const equals = inner.indexOf('=');
  if (equals === -1)
    throw new FieldPathError('list path element must contain fieldName=fieldValue for element to match');
  return { field: inner.slice(0, equals), pattern: inner.slice(equals + 1) };
}

function matchList(slot: FieldSlot, path: readonly string[], create: CreateKind | undefined): FieldSlot[] {
  const list = slot.value as JsonValue[];
  const { field, pattern } = splitIndexNameValue(path[0] as string);
  const regex = compileGoPattern(pattern);
  const results: FieldSlot[] = [];
  for (let index = 0; index < list.length; index += 1) {
    if ('error' in regex) throw new FieldPathError(regex.error);
    const element = list[index] as JsonValue;
    if (field === '') {
      // A scalar element is the match itself; kyaml does not walk the rest of the path.
      if (regex.test(matchText(element).trim())) results.push(elementSlot(list, index));
      continue;
    }
    if (!isJsonObject(element) || !Object.hasOwn(element, field)) continue;
    if (!regex.test(matchText(element[field] as JsonValue).trim())) continue;
    results.push(...matchPath(elementSlot(list, index), path.slice(1), create));
  }
  if (results.length > 0 || create === undefined) return results;
  // kyaml creates the element with an untagged scalar, read back as plain YAML.
  const created = resolveKustomizeScalar(pattern);
  list.push(field === '' ? created : { [field]: created });
  return matchList(slot, path, create);
}

/**
 * The slots a target field path leads to (kyaml's PathMatcher), creating missing fields when
 * `create` is given. Throws FieldPathError where the path does not fit the resource.
 */
export function matchPath(
  slot: FieldSlot,
  path: readonly string[],
  create: CreateKind | undefined,
): FieldSlot[] {
  if (path.length === 0) return [slot];
  const part = path[0] as string;
  const node = slot.value;
  if (node === null) return create === undefined ? [] : [detached()];
  if (isIndex(part)) {
    if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
    const index = Number(part);
    const append = index === node.length && create !== undefined;
    if (append) node.push(newNode(path[1], create));
    if (node.length < index + 1)
      throw new FieldPathError(`index ${index} specified but only ${node.length} elements found`);
    const element = elementSlot(node, index);
    if (append && path.length === 1 && create === 'scalar') element.fresh = true;
    return matchPath(element, path.slice(1), create);
  }
  if (isListIndex(part)) {
    if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
    return matchList(slot, path, create);
  }
  if (part === '*') {
    if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
    return node.flatMap((_, index) => matchPath(elementSlot(node, index), path.slice(1), create));
  }
  if (!isJsonObject(node)) throw wrongKind('MappingNode', node);
  let fresh = false;
  if (!Object.hasOwn(node, part)) {
    if (create === undefined) return [];
    node[part] = newNode(path[1], create);
    fresh = path.length === 1 && create === 'scalar';
  }
  const field: FieldSlot = {
    value: node[part] as JsonValue,
    set(value) {
      node[part] = value;
    },
    ...(fresh ? { fresh } : {}),
  };
  return matchPath(field, path.slice(1), create);
}

/**
 * The value a source field path leads to (kyaml's PathGetter: `[field=value]` matches exactly, no
 * wildcards), or undefined when it is missing. Throws FieldPathError for a `*` or a path that
 * does not fit the resource.
 */
export function lookupPath(value: JsonValue, path: readonly string[]): JsonValue | undefined {
  let node: JsonValue = value;
  for (const part of path) {
    if (node === null) return undefined;
    if (part === '*') throw new FieldPathError('wildcard is not supported in PathGetter');
    if (isListIndex(part)) {
      if (!Array.isArray(node)) throw wrongKind('SequenceNode', node);
      const { field, pattern } = splitIndexNameValue(part);
      const found: JsonValue | undefined = node.find((element) =>
        field === ''
          ? yamlNodeText(element) === pattern
          : isJsonObject(element) &&
            Object.hasOwn(element, field) &&
            yamlNodeText(element[field] as JsonValue) === pattern,
      );
      if (found === undefined) return undefined;
      node = found;
    } else if (isIndex(part) && Array.isArray(node)) {
      const found: JsonValue | undefined = node[Number(part)];
      if (found === undefined) return undefined;
      node = found;
    } else {
      if (!isJsonObject(node)) throw wrongKind('MappingNode', node);
      if (!Object.hasOwn(node, part)) return undefined;
      node = node[part] as JsonValue;
    }
  }
  return node;
}

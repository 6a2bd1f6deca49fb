import type { JsonValue } from '../../../manifests/json-value.ts';

/**
 * The document model of gopkg.in/evanphx/json-patch.v4 v4.12.0, the library kustomize v5.5.0
 * applies JSON6902 patches with: a mapping or a list, where a JSON null counts as "no value".
 * Every function works on (and mutates) a private copy made by applyJsonPatch.
 */
export type Container = { [key: string]: JsonValue } | JsonValue[];

/** A failure, worded as the library words it (without the wrapping added by each operation). */
export interface ContainerError {
  error: string;
}

export function isContainer(value: JsonValue | undefined): value is Container {
  return value !== null && typeof value === 'object';
}

/** Sets an own property, even `__proto__`. */
export function setOwn(object: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy that keeps every key as an own property. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, key, cloneJson(item));
  return copy as T;
}

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

/** Go's strconv.Atoi: optional sign, ASCII digits, within int64. */
export function goAtoi(text: string): { value: number } | ContainerError {
  if (!/^[+-]?[0-9]+$/.test(text))
    return { error: `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax` };
  const big = BigInt(text);
  if (big > MAX_INT64 || big < MIN_INT64)
    return { error: `strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range` };
  return { value: Number(big) };
}

function invalidIndex(index: number): ContainerError {
  return { error: `Unable to access invalid index: ${index}: invalid index referenced` };
}

/** A list index as the library resolves it: negative indices count from the end. */
function resolveIndex(key: string, length: number): { value: number } | ContainerError {
  const parsed = goAtoi(key);
  if ('error' in parsed) return parsed;
  let index = parsed.value;
  if (index < 0) {
    if (index < -length) return invalidIndex(index);
    index += length;
  }
  return index >= length ? invalidIndex(index) : { value: index };
}

/** The value under `key`; undefined for a missing key or a null value. */
export function getChild(
  container: Container,
  key: string,
): { value: JsonValue | undefined } | ContainerError {
  if (!Array.isArray(container))
    return { value: Object.hasOwn(container, key) ? (container[key] ?? undefined) : undefined };
  const index = resolveIndex(key, container.length);
  if ('error' in index) return index;
  return { value: container[index.value] ?? undefined };
}

/** Adds under `key`: a mapping sets it, a list inserts (`-` appends, negative counts from the end). */
export function addChild(container: Container, key: string, value: JsonValue): ContainerError | undefined {
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  const parsed = goAtoi(key);
  if ('error' in parsed) return { error: `value was not a proper array index: '${key}': ${parsed.error}` };
  const size = container.length + 1;
  let index = parsed.value;
  if (index >= size) return invalidIndex(index);
  if (index < 0) {
    if (index < -size) return invalidIndex(index);
    index += size;
  }
  container.splice(index, 0, value);
  return undefined;
}

/** Removes `key`; a missing mapping key is an error even when its value would be null. */
export function removeChild(container: Container, key: string): ContainerError | undefined {
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, key))
      return { error: `Unable to remove nonexistent key: ${key}: missing value` };
    delete container[key];
    return undefined;
  }
  const index = resolveIndex(key, container.length);
  if ('error' in index) return index;
  container.splice(index.value, 1);
  return undefined;
}

/** Replaces `key`, which getChild has already found (a mapping key may be new). */
export function setChild(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  const index = resolveIndex(key, container.length);
  if ('value' in index) container[index.value] = value;
}

function decodeKey(token: string): string {
  return token.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/**
 * The library's findObject: the container that holds the last token of `path`, and that token
 * unescaped (`~1` is `/`, `~0` is `~`). The part before the first `/` is ignored, so `spec/x`
 * means `/x`; a path without `/` (including the empty path) finds nothing. Walking through a
 * missing key, a null, a scalar or a bad list index finds nothing.
 */
export function findParent(root: Container, path: string): { container: Container; key: string } | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let container = root;
  for (const token of tokens.slice(1, -1)) {
    const next = getChild(container, decodeKey(token));
    if ('error' in next || !isContainer(next.value)) return undefined;
    container = next.value;
  }
  return { container, key: decodeKey(tokens[tokens.length - 1] as string) };
}

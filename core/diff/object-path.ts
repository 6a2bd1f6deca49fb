/**
 * The path syntax of `ignorePaths` and `redactPaths`, also used to print field paths in notes:
 *
 * - `Kind:` prefix (optional) limits a path to resources of that kind: `Deployment:spec.replicas`;
 * - dotted keys: `spec.template.spec`; `*` alone is any key of an object; `**` is any number of
 *   steps, none included (`**.annotations["checksum/config"]` finds it in pod templates too);
 * - brackets: `["checksum/config"]` or `['a.b']` for keys with dots or slashes (backslash escapes
 *   the quote), `[0]` an array index, `[*]` every element of an array (or every value of an
 *   object), `[name=API_TOKEN]` the elements of an array whose `name` is `API_TOKEN` (any field
 *   works, the value may be quoted: `[port="8080"]` compares the text of the field).
 *
 * Example: `spec.template.spec.containers[*].env[name=API_TOKEN].value`.
 */
import { KubeproofError } from '../errors.ts';
import { type JsonValue, isJsonObject } from '../manifests/json-value.ts';

export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'any' }
  | { type: 'deep' }
  | { type: 'match'; field: string; value: string };

export interface ObjectPath {
  /** The kind the path applies to, or undefined for every kind. */
  kind?: string;
  segments: PathSegment[];
  /** The text the path was parsed from. */
  source: string;
}

/** A path in `ignorePaths` or `redactPaths` that cannot be read. */
export class InvalidPathError extends KubeproofError {
  override name = 'InvalidPathError';
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`invalid field path ${JSON.stringify(path)}: ${reason}`);
    this.path = path;
  }
}

function readQuoted(text: string, start: number, source: string): [string, number] {
  const quote = text[start] as string;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      value += text[++i];
      continue;
    }
    if (ch === quote) return [value, i + 1];
    value += ch;
  }
  throw new InvalidPathError(source, 'unterminated quote');
}

function readBracket(text: string, start: number, source: string): [PathSegment, number] {
  const first = text[start];
  if (first === '"' || first === "'") {
    const [key, end] = readQuoted(text, start, source);
    if (text[end] !== ']') throw new InvalidPathError(source, 'expected ] after a quoted key');
    return [{ type: 'key', key }, end + 1];
  }
  const equals = text.indexOf('=', start);
  const close = text.indexOf(']', start);
  if (close === -1) throw new InvalidPathError(source, 'unterminated [');
  if (equals === -1 || equals > close) {
    const inner = text.slice(start, close).trim();
    if (inner === '*') return [{ type: 'any' }, close + 1];
    if (/^\d+$/.test(inner)) return [{ type: 'index', index: Number(inner) }, close + 1];
    throw new InvalidPathError(source, `cannot read [${inner}]`);
  }
  const field = text.slice(start, equals).trim();
  if (field === '') throw new InvalidPathError(source, 'empty field name before =');
  let valueStart = equals + 1;
  while (text[valueStart] === ' ') valueStart++;
  const quote = text[valueStart];
  if (quote === '"' || quote === "'") {
    const [value, end] = readQuoted(text, valueStart, source);
    let after = end;
    while (text[after] === ' ') after++;
    if (text[after] !== ']') throw new InvalidPathError(source, 'expected ] after a quoted value');
    return [{ type: 'match', field, value }, after + 1];
  }
  return [{ type: 'match', field, value: text.slice(valueStart, close).trim() }, close + 1];
}

/** Reads a path of the syntax above; throws InvalidPathError when it cannot. */
export function parsePath(source: string): ObjectPath {
  let text = source.trim();
  let kind: string | undefined;
  const prefix = /^([A-Za-z][A-Za-z0-9]*):(?!:)/.exec(text);
  if (prefix !== null) {
    kind = prefix[1] as string;
    text = text.slice(prefix[0].length);
  }
  if (text === '') throw new InvalidPathError(source, 'empty path');
  const segments: PathSegment[] = [];
  let i = 0;
  let expectKey = true;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const [segment, end] = readBracket(text, i + 1, source);
      segments.push(segment);
      i = end;
      expectKey = false;
      continue;
    }
    if (ch === '.') {
      if (expectKey) throw new InvalidPathError(source, 'empty key');
      i++;
      expectKey = true;
      if (i === text.length) throw new InvalidPathError(source, 'ends with a dot');
      continue;
    }
    if (!expectKey) throw new InvalidPathError(source, `expected . or [ at ${JSON.stringify(text.slice(i))}`);
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const key = text.slice(i, end);
    if (key.includes(']')) throw new InvalidPathError(source, 'unexpected ]');
    segments.push(key === '*' ? { type: 'any' } : key === '**' ? { type: 'deep' } : { type: 'key', key });
    i = end;
    expectKey = false;
  }
  return kind === undefined ? { segments, source } : { kind, segments, source };
}

/** Where a selected value lives: its container and its key there (a property name or an index). */
export interface PathMatch {
  parent: JsonValue[] | { [key: string]: JsonValue };
  key: string | number;
  /** The printed steps to the value (formatStep), for example `.spec`, `[name=web]`. */
  steps: string[];
}

function fieldText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function child(parent: PathMatch['parent'], key: string | number, steps: string[]): PathMatch {
  const value = (parent as Record<string | number, JsonValue>)[key];
  return { parent, key, steps: [...steps, formatStep(key, value)] };
}

/** A match and every value below it (for `**`). */
function descendants(match: PathMatch): PathMatch[] {
  const value = valueAt(match);
  const children =
    Array.isArray(value) || isJsonObject(value)
      ? step(value, { type: 'any' }, match.steps).flatMap(descendants)
      : [];
  return [match, ...children];
}

function step(value: JsonValue, segment: PathSegment, steps: string[]): PathMatch[] {
  if (segment.type === 'key')
    return isJsonObject(value) && segment.key in value ? [child(value, segment.key, steps)] : [];
  if (segment.type === 'index')
    return Array.isArray(value) && segment.index < value.length ? [child(value, segment.index, steps)] : [];
  if (segment.type === 'any') {
    if (Array.isArray(value)) return value.map((_, index) => child(value, index, steps));
    if (isJsonObject(value)) return Object.keys(value).map((key) => child(value, key, steps));
    return [];
  }
  if (segment.type === 'deep' || !Array.isArray(value)) return [];
  const matches: PathMatch[] = [];
  value.forEach((item, index) => {
    if (isJsonObject(item) && fieldText(item[segment.field]) === segment.value)
      matches.push(child(value, index, steps));
  });
  return matches;
}

/** The value a match points at. */
export function valueAt(match: PathMatch): JsonValue {
  return (match.parent as Record<string | number, JsonValue>)[match.key] as JsonValue;
}

/** Every place in a value the path selects, deepest array elements last. */
export function selectPath(root: JsonValue, segments: readonly PathSegment[]): PathMatch[] {
  let current: PathMatch[] = [{ parent: [root], key: 0, steps: [] }];
  for (const segment of segments)
    current = current.flatMap((match) =>
      segment.type === 'deep' ? descendants(match) : step(valueAt(match), segment, match.steps),
    );
  return current;
}

/** Removes what a path selects (array elements from the end, so indexes stay right). */
export function deletePath(root: JsonValue, segments: readonly PathSegment[]): number {
  const matches = selectPath(root, segments);
  for (const match of [...matches].reverse()) {
    if (Array.isArray(match.parent)) match.parent.splice(match.key as number, 1);
    else delete match.parent[match.key as string];
  }
  return matches.length;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** One step of a printed path: `.key`, `["odd/key"]`, `[name=web]` or `[0]`. */
export function formatStep(key: string | number, element?: JsonValue): string {
  if (typeof key === 'number') {
    const name = isJsonObject(element) ? element.name : undefined;
    return typeof name === 'string' && /^[^\]"'=]+$/.test(name) ? `[name=${name}]` : `[${key}]`;
  }
  return PLAIN_KEY.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Joins printed steps into a path (`spec.template`, `metadata.labels["app/x"]`). */
export function joinSteps(steps: readonly string[]): string {
  const text = steps.join('');
  return text.startsWith('.') ? text.slice(1) : text;
}

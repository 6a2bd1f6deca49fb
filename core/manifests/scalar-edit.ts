/**
 * Minimal text edits of YAML scalars (docs/architecture.md, convention 5): the bytes of one value
 * are replaced, in its quote style, and every other byte stays. The result is parsed again and
 * must differ from the original in exactly the intended values, read both as kubectl reads
 * manifests (go-yaml v2, YAML 1.1 flavour: `on`, `yes`, `010` are not strings) and as kustomize
 * does (go-yaml v3: `2024-01-01` is a timestamp); otherwise the edit is refused.
 */
import { cloneJson, isJsonObject, jsonEqual, type JsonValue } from './json-value.ts';
import { resolveKustomizeScalar, resolvePlainScalar } from './resolve-scalar.ts';
import { FALLBACK, fastParseYaml } from './fast-yaml.ts';
import { splitDocuments } from './split-documents.ts';
import { documentJson, parseYamlSource, type ScalarSpot, type YamlSource } from './yaml-source.ts';

/**
 * Every document of `text` as JSON through the fast subset parser (fast-yaml.ts, which gives up
 * rather than guess and agrees with the full parser whenever it answers), or undefined when a
 * document needs the full parser or the documents do not line up with `count`.
 */
function fastDocuments(
  text: string,
  count: number,
  resolve: (text: string) => JsonValue,
): JsonValue[] | undefined {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (/^%/m.test(lf)) return undefined;
  const spans = splitDocuments(lf);
  if (spans.length !== count || spans.some((span) => span.markerHasContent)) return undefined;
  const out: JsonValue[] = [];
  for (const span of spans) {
    const value = fastParseYaml(lf, span.bodyStart, span.end, { uniqueKeys: false, resolve });
    if (value === FALLBACK) return undefined;
    out.push(value);
  }
  return out;
}

/** One replacement in a file's text: `text.slice(start, end)` (`oldText`) becomes `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  oldText: string;
  newText: string;
}

/**
 * A value the edit is meant to change: document `document` (0-based), at `path`, becomes `value`;
 * or, for YAML held in a block scalar (an inline kustomize patch), the scalar's text changes by
 * `inner.edits`, which must in turn change exactly `inner.changes` of that YAML.
 */
export type ValueChange =
  | { document: number; path: (string | number)[]; value: string }
  | { document: number; path: (string | number)[]; inner: { edits: TextEdit[]; changes: ValueChange[] } };

export type Formatted = { ok: true; text: string } | { ok: false; reason: string };

// A plain scalar cannot start with an indicator, hold `: ` or ` #`, or end in white space.
const PLAIN_UNSAFE_START = /^[\s\-?:,[\]{}#&*!|>'"%@`]/;
const PLAIN_UNSAFE = /: |:$| #|[\n\r\t]|\s$/;
const FLOW_UNSAFE = /[,[\]{}]/;

/** Whether `value` written plain would read back as that same string, for kubectl and kustomize. */
export function isPlainSafe(value: string, flow: boolean): boolean {
  if (value === '' || PLAIN_UNSAFE_START.test(value) || PLAIN_UNSAFE.test(value)) return false;
  if (flow && FLOW_UNSAFE.test(value)) return false;
  // YAML 1.1 (kubectl): 1.10, 1e3, 010, on, yes, null, ~; go-yaml v3 (kustomize): timestamps.
  return resolvePlainScalar(value) === value && resolveKustomizeScalar(value) === value;
}

/**
 * `value` written for the place of `spot`: in its quote style, a plain scalar gaining double
 * quotes when it would otherwise change type (`1.10`, `on`, `1e3`, `010`) or syntax.
 */
export function formatScalar(value: string, spot: ScalarSpot): Formatted {
  if (spot.style === 'literal' || spot.style === 'folded')
    return {
      ok: false,
      reason: `line ${spot.line} holds a block scalar (| or >), which kubeproof does not edit`,
    };
  if (/[\n\r]/.test(value)) return { ok: false, reason: 'the new value spans lines' };
  if (spot.style === 'single') return { ok: true, text: `'${value.replaceAll("'", "''")}'` };
  if (spot.style === 'double' || !isPlainSafe(value, spot.flow))
    return { ok: true, text: JSON.stringify(value) };
  return { ok: true, text: value };
}

/** `text` with non-overlapping `edits` applied. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

function getAt(root: JsonValue, path: readonly (string | number)[]): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const key of path) {
    if (typeof key === 'number') node = Array.isArray(node) ? node[key] : undefined;
    else node = isJsonObject(node) ? node[key] : undefined;
  }
  return node;
}

function setAt(root: JsonValue, path: readonly (string | number)[], value: string): boolean {
  let node: JsonValue = root;
  for (const [index, key] of path.entries()) {
    const last = index === path.length - 1;
    if (typeof key === 'number') {
      if (!Array.isArray(node) || key >= node.length) return false;
      if (last) node[key] = value;
      else node = node[key] as JsonValue;
    } else {
      if (!isJsonObject(node) || !(key in node)) return false;
      if (last) node[key] = value;
      else node = node[key] as JsonValue;
    }
  }
  return path.length > 0;
}

const RESOLVERS = [
  { name: 'kubectl (YAML 1.1)', resolve: resolvePlainScalar },
  { name: 'kustomize', resolve: resolveKustomizeScalar },
] as const;

/**
 * Parses `after` and checks it differs from `before` in exactly `changes`. Returns undefined when
 * it does, else why not (the edit must then be refused).
 */
export function verifyEdit(
  before: YamlSource,
  after: string,
  changes: readonly ValueChange[],
): string | undefined {
  // Changes inside one block scalar are applied together.
  const blocks = new Map<
    string,
    { document: number; path: (string | number)[]; edits: TextEdit[]; changes: ValueChange[] }
  >();
  const plain: { document: number; path: (string | number)[]; value: string }[] = [];
  for (const change of changes) {
    if ('value' in change) {
      plain.push(change);
      continue;
    }
    const key = `${change.document}/${JSON.stringify(change.path)}`;
    const block = blocks.get(key) ?? { document: change.document, path: change.path, edits: [], changes: [] };
    block.edits.push(...change.inner.edits);
    block.changes.push(...change.inner.changes);
    blocks.set(key, block);
  }
  const blockValues: { document: number; path: (string | number)[]; value: string }[] = [];
  for (const block of blocks.values()) {
    const document = before.documents[block.document];
    const text = document ? getAt(documentJson(document, resolvePlainScalar), block.path) : undefined;
    if (typeof text !== 'string') return `internal: ${block.path.join('.')} is not a block of text`;
    const edited = applyTextEdits(text, block.edits);
    const inner = verifyEdit(parseYamlSource(text), edited, block.changes);
    if (inner !== undefined) return `in the YAML at ${block.path.join('.')}: ${inner}`;
    blockValues.push({ document: block.document, path: block.path, value: edited });
  }
  const count = before.documents.length;
  let reparsed: YamlSource | undefined;
  for (const { name, resolve } of RESOLVERS) {
    const beforeFast = fastDocuments(before.text, count, resolve);
    const afterFast = beforeFast && fastDocuments(after, count, resolve);
    if (!afterFast) reparsed ??= parseYamlSource(after);
    if (reparsed && reparsed.problems.length > 0)
      return `the edited file would not parse (line ${reparsed.problems[0]?.line}: ${reparsed.problems[0]?.message})`;
    if (reparsed && reparsed.documents.length !== count)
      return `the edited file would hold ${reparsed.documents.length} documents instead of ${count}`;
    for (const [index, document] of before.documents.entries()) {
      const expected = cloneJson(
        beforeFast && afterFast ? (beforeFast[index] as JsonValue) : documentJson(document, resolve),
      );
      for (const change of [...plain, ...blockValues]) {
        if (change.document !== index) continue;
        if (!setAt(expected, change.path, change.value))
          return `internal: ${change.path.join('.')} is not in document ${index + 1}`;
      }
      const actual =
        beforeFast && afterFast
          ? (afterFast[index] as JsonValue)
          : documentJson(
              (reparsed as YamlSource).documents[index] as YamlSource['documents'][number],
              resolve,
            );
      if (!jsonEqual(expected, actual))
        return `read as ${name} reads it, the edited document ${index + 1} would change more than the intended value (an anchor shared by an alias?)`;
    }
  }
  return undefined;
}

/**
 * A format-preserving view of a YAML file for text edits (promotion): every document of the
 * `yaml` package's Document model over the file's own text (CRLF, comments, `%YAML` and `---`
 * lines untouched), with the source range and quote style of each scalar. Nothing here prints
 * YAML: an edit replaces the bytes of one scalar (scalar-edit.ts).
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { jsonKey } from './resolve-scalar.ts';
import type { JsonValue } from './json-value.ts';

/** How a scalar is written. */
export type ScalarStyle = 'plain' | 'double' | 'single' | 'literal' | 'folded';

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_DOUBLE: 'double',
  QUOTE_SINGLE: 'single',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** A scalar value as written in the file. */
export interface ScalarSpot {
  /** Offsets in the file's text (UTF-16 code units) of the value, quotes included. */
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  style: ScalarStyle;
  /** The value as a string (for a plain scalar, its text: `1.10` stays `1.10`). */
  value: string;
  /** Inside a flow collection (`[a, b]`, `{a: b}`), where `,[]{}` end a plain scalar. */
  flow: boolean;
  /** The rest of the line after the value (`  # {"$imagepolicy": ...}`), without the line break. */
  after: string;
  /** The scalar carries an anchor (`&a 1.0`) that aliases elsewhere may repeat. */
  anchored: boolean;
}

export interface YamlSource {
  text: string;
  documents: Document.Parsed[];
  /** Parse errors, with 1-based lines; an edit is refused when there is any. */
  problems: { message: string; line: number }[];
  /** Offset of the start of each line (index 0 is line 1). */
  lineStarts: number[];
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line and column of an offset. */
export function positionOf(source: YamlSource, offset: number): { line: number; column: number } {
  const starts = source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] as number) + 1 };
}

/** Parses every document of `text` (which keeps its CRLF line breaks). */
export function parseYamlSource(text: string): YamlSource {
  const documents = parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: false, strict: false });
  const list = Array.isArray(documents) ? documents : [];
  const source: YamlSource = { text, documents: list, problems: [], lineStarts: lineStartsOf(text) };
  if (!Array.isArray(documents)) {
    source.problems.push({ message: 'not a YAML stream', line: 1 });
    return source;
  }
  for (const document of list) {
    for (const error of document.errors) {
      const line = error.linePos?.[0]?.line ?? positionOf(source, error.pos[0]).line;
      source.problems.push({ message: error.message.split('\n')[0] ?? error.message, line });
    }
  }
  return source;
}

/** The value node of `key` in a mapping node (scalar keys only), or undefined. */
export function mapValue(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key)
      return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** The keys of a mapping node, in order (scalar keys only). */
export function mapKeys(node: unknown): string[] {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
}

/** The items of a sequence node, or none. */
export function seqItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** The string value of a scalar node (undefined for a collection, an alias or a null). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(node.value);
}

/** Where a scalar node is written, or undefined for anything else (an alias, a collection). */
export function scalarSpot(source: YamlSource, node: unknown, flow = false): ScalarSpot | undefined {
  if (!isScalar(node) || !node.range || node.type === undefined) return undefined;
  const style = STYLES[node.type];
  if (style === undefined) return undefined;
  const [start, end] = node.range;
  const { line, column } = positionOf(source, start);
  const nextBreak = source.text.indexOf('\n', end);
  const after = source.text.slice(end, nextBreak === -1 ? undefined : nextBreak).replace(/\r$/, '');
  const value =
    style === 'plain' ? source.text.slice(start, end).replace(/\s+$/, '') : String(node.value ?? '');
  return { start, end, line, column, style, value, flow, after, anchored: node.anchor !== undefined };
}

/** Whether a node lies in a flow collection (its own range starts with `[` or `{`). */
export function isFlow(source: YamlSource, node: unknown): boolean {
  if (!(isMap(node) || isSeq(node)) || !node.range) return false;
  const first = source.text[node.range[0]];
  return first === '[' || first === '{';
}

const MAX_DEPTH = 200;

/**
 * A document as JSON, plain scalars resolved by `resolve` (go-yaml v2 or kustomize's go-yaml v3
 * flavour, resolve-scalar.ts), for comparing a file before and after an edit.
 */
export function documentJson(document: Document.Parsed, resolve: (text: string) => JsonValue): JsonValue {
  const convert = (node: unknown, depth: number): JsonValue => {
    if (depth > MAX_DEPTH) return null;
    if (isAlias(node)) return convert((node as Alias).resolve(document), depth + 1);
    if (isScalar(node)) {
      if (node.type === 'PLAIN' && typeof node.source === 'string' && node.tag === undefined)
        return resolve(node.source);
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') return value;
      return String(value);
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, depth + 1));
    if (isMap(node)) {
      const out: Record<string, JsonValue> = {};
      for (const pair of node.items) {
        const key = jsonKey(convert(pair.key, depth + 1)) ?? 'null';
        out[key] = convert(pair.value, depth + 1);
      }
      return out;
    }
    return null;
  };
  return convert(document.contents, 0);
}

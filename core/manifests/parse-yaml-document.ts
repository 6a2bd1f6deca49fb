import { Alias, LineCounter, Scalar, YAMLMap, YAMLSeq, isScalar, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { jsonKey, resolvePlainScalar, type JsonValue } from './resolve-scalar.ts';
import type { PositionMap } from './fast-yaml.ts';

/** A syntax or structure problem in a YAML document, at a 1-based line and column of the file. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

export interface FullParseResult {
  /** The document as JSON, or undefined when `problems` is not empty. */
  value: JsonValue | undefined;
  problems: YamlProblem[];
  /** Position of every mapping key and sequence item, by JSON pointer. */
  positions: PositionMap;
}

export interface FullParseOptions {
  /** Report a key that appears twice in one mapping (kubeconform `-strict`; go-yaml's UnmarshalStrict). */
  uniqueKeys: boolean;
  /** Line of `text`'s first character in its file. */
  firstLine: number;
  /**
   * How many nodes aliases may add to the document. A "billion laughs" document defines a few
   * anchors that expand exponentially; past this budget parsing stops with a problem.
   */
  maxAliasNodes?: number;
  /** How plain scalars resolve (default: go-yaml v2, as kubectl and kubeconform read manifests). */
  resolve?: (text: string) => JsonValue;
  /** Pointers whose plain scalar values are kept as their text (kustomize keeps annotation values verbatim). */
  keepText?: (pointer: string) => boolean;
}

const DEFAULT_MAX_ALIAS_NODES = 100_000;

class TooLarge extends Error {}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function countNodes(value: JsonValue): number {
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + countNodes(item), 1);
  if (value !== null && typeof value === 'object') {
    let n = 1;
    for (const item of Object.values(value)) n += countNodes(item);
    return n;
  }
  return 1;
}

/** Scalars with an explicit tag resolve as go-yaml v2 does; unknown tags leave the text as a string. */
function taggedScalar(tag: string, text: string, resolve: (text: string) => JsonValue): JsonValue {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
    case 'tag:yaml.org,2002:binary':
    case 'tag:yaml.org,2002:timestamp':
      return text;
    case 'tag:yaml.org,2002:null':
      return null;
    case 'tag:yaml.org,2002:bool':
    case 'tag:yaml.org,2002:int':
    case 'tag:yaml.org,2002:float':
      return resolve(text);
    default:
      return text;
  }
}

class Walker {
  private aliasNodes = 0;
  private readonly anchors = new Map<YamlNode, JsonValue>();
  private readonly anchorSizes = new Map<YamlNode, number>();
  readonly positions: PositionMap = new Map();
  readonly problems: YamlProblem[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly firstLine: number,
    private readonly uniqueKeys: boolean,
    private readonly maxAliasNodes: number,
    private readonly resolve: (text: string) => JsonValue = resolvePlainScalar,
    private readonly keepText?: (pointer: string) => boolean,
  ) {}

  position(offset: number): [number, number] {
    const { line, col } = this.lines.linePos(offset);
    return [line + this.firstLine - 1, col];
  }

  problem(message: string, offset: number): void {
    const [line, column] = this.position(offset);
    this.problems.push({ message, line, column });
  }

  value(node: unknown, pointer: string): JsonValue {
    if (node === null || node === undefined) return null;
    if (node instanceof Alias) return this.alias(node);
    const value = this.plainValue(node, pointer);
    if ((node as { anchor?: string }).anchor) this.anchors.set(node as YamlNode, value);
    return value;
  }

  private alias(node: Alias): JsonValue {
    const target = node.resolve(this.doc);
    if (target === undefined) {
      this.problem(`unknown anchor '${node.source}' referenced`, node.range?.[0] ?? 0);
      return null;
    }
    const value = this.anchors.has(target) ? (this.anchors.get(target) as JsonValue) : null;
    let size = this.anchorSizes.get(target);
    if (size === undefined) {
      size = countNodes(value);
      this.anchorSizes.set(target, size);
    }
    this.aliasNodes += size;
    if (this.aliasNodes > this.maxAliasNodes) {
      this.problem(
        `aliases expand this document by more than ${this.maxAliasNodes} nodes (a YAML "alias bomb"); ` +
          'write the repeated values out or remove the anchors',
        node.range?.[0] ?? 0,
      );
      throw new TooLarge();
    }
    return value;
  }

  private plainValue(node: unknown, pointer: string): JsonValue {
    if (isScalar(node)) return this.scalar(node, pointer);
    if (node instanceof YAMLMap) return this.map(node, pointer);
    if (node instanceof YAMLSeq) {
      const items: JsonValue[] = [];
      for (const item of node.items) {
        const itemPointer = `${pointer}/${items.length}`;
        const range = (item as { range?: [number, number, number] } | null)?.range;
        if (range) this.positions.set(itemPointer, this.position(range[0]));
        items.push(this.value(item, itemPointer));
      }
      return items;
    }
    return null;
  }

  private scalar(node: Scalar, pointer: string): JsonValue {
    const text = String(node.value ?? '');
    if (node.tag) return taggedScalar(node.tag, text, this.resolve);
    if (node.type !== Scalar.PLAIN || this.keepText?.(pointer)) return text;
    return this.resolve(text);
  }

  private map(node: YAMLMap, pointer: string): JsonValue {
    const result: Record<string, JsonValue> = {};
    const merges: JsonValue[] = [];
    for (const pair of node.items as Pair[]) {
      const keyNode = pair.key as YamlNode | null;
      const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
      if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && !keyNode.tag && keyNode.value === '<<') {
        merges.push(this.value(pair.value, pointer));
        continue;
      }
      if (keyNode !== null && !isScalar(keyNode) && !(keyNode instanceof Alias)) {
        this.problem('complex mapping keys (a mapping or a list used as a key) cannot become JSON', offset);
        continue;
      }
      const key = jsonKey(this.value(keyNode, pointer));
      if (key === undefined) {
        this.problem('a mapping key is null, which has no JSON form', offset);
        continue;
      }
      if (Object.hasOwn(result, key) && this.uniqueKeys) {
        this.problem(`key ${JSON.stringify(key)} already set in map`, offset);
      }
      const childPointer = `${pointer}/${escapePointer(key)}`;
      this.positions.set(childPointer, this.position(offset));
      Object.defineProperty(result, key, {
        value: this.value(pair.value, childPointer),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    // `<<: *base` (YAML 1.1 merge keys, supported by go-yaml): explicit keys win, then earlier merges.
    const merged = merges.flatMap((m) => (Array.isArray(m) ? m : [m]));
    for (const source of merged) {
      if (source === null || typeof source !== 'object' || Array.isArray(source)) {
        this.problem('a merge key (<<) must refer to a mapping or a list of mappings', node.range?.[0] ?? 0);
        continue;
      }
      for (const [key, value] of Object.entries(source)) {
        if (!Object.hasOwn(result, key)) result[key] = value;
      }
    }
    return result;
  }
}

/**
 * Parses one YAML document with the full `yaml` library: every YAML feature, positions for every
 * node, and syntax errors with their line and column. Scalars resolve as go-yaml v2 resolves them
 * (see `resolve-scalar.ts`), so the result is the JSON that kubectl would send to the API server.
 */
export function parseYamlDocument(text: string, options: FullParseOptions): FullParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'failsafe',
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter: lines,
    strict: true,
  });
  const walker = new Walker(
    doc,
    lines,
    options.firstLine,
    options.uniqueKeys,
    options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES,
    options.resolve,
    options.keepText,
  );
  for (const error of doc.errors) {
    const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
    walker.problem(message.charAt(0).toLowerCase() + message.slice(1), error.pos[0]);
  }
  if (walker.problems.length > 0)
    return { value: undefined, problems: walker.problems, positions: walker.positions };
  let value: JsonValue | undefined;
  try {
    value = walker.value(doc.contents, '');
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
  }
  if (walker.problems.length > 0) value = undefined;
  return { value, problems: walker.problems, positions: walker.positions };
}

import {
  Alias,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  Scalar,
  YAMLMap,
  YAMLParseError,
  YAMLSeq,
  isScalar,
  type CST,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { jsonKey, resolvePlainScalar } from './resolve-scalar.ts';
import { type JsonValue } from './json-value.ts';
import type { PositionMap } from './fast-yaml.ts';
import { MAX_NESTING_DEPTH, tooDeepMessage } from './nesting-depth.ts';

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

/** Thrown while reading tokens when collections nest deeper than the limit; `offset` is where. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** How many nodes a value has, and how deeply its collections nest (a scalar is 0 deep). */
function measure(value: JsonValue): { nodes: number; depth: number } {
  if (value === null || typeof value !== 'object') return { nodes: 1, depth: 0 };
  let nodes = 1;
  let depth = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const inner = measure(item);
    nodes += inner.nodes;
    depth = Math.max(depth, inner.depth);
  }
  return { nodes, depth: depth + 1 };
}

/**
 * The syntax tree's tokens, stopping at the nesting limit. The parser keeps one stack entry per
 * open collection (plus the document and a pending scalar), so its stack is the nesting depth;
 * checked per lexical token, a document of a million `[` stops after a thousand, before the
 * recursive composer and walker ever see it.
 */
function* limitedTokens(parser: Parser, text: string): Generator<CST.Token> {
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_NESTING_DEPTH + 2) throw new TooDeep(parser.offset);
  }
  yield* parser.end();
}

/** What the `yaml` library's `parseDocument` does, over tokens read within the nesting limit. */
function composeDocument(text: string, lines: LineCounter): Document.Parsed {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0); // as Parser.parse does: the first line starts at 0
  const composer = new Composer({
    schema: 'failsafe',
    version: '1.1',
    uniqueKeys: false,
    strict: true,
  });
  let doc: Document.Parsed | undefined;
  for (const composed of composer.compose(limitedTokens(parser, text), true, text.length)) {
    if (doc === undefined) doc = composed;
    else {
      const range: [number, number] = [composed.range[0], composed.range[1]];
      doc.errors.push(
        new YAMLParseError(
          range,
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return doc as Document.Parsed;
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
  private readonly anchorSizes = new Map<YamlNode, { nodes: number; depth: number }>();
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

  /** `depth`: how many collections hold the node. */
  value(node: unknown, pointer: string, depth: number): JsonValue {
    if (node === null || node === undefined) return null;
    if (node instanceof Alias) return this.alias(node, depth);
    const value = this.plainValue(node, pointer, depth);
    if ((node as { anchor?: string }).anchor) this.anchors.set(node as YamlNode, value);
    return value;
  }

  private alias(node: Alias, depth: number): JsonValue {
    const target = node.resolve(this.doc);
    if (target === undefined) {
      this.problem(`unknown anchor '${node.source}' referenced`, node.range?.[0] ?? 0);
      return null;
    }
    const value = this.anchors.has(target) ? (this.anchors.get(target) as JsonValue) : null;
    let size = this.anchorSizes.get(target);
    if (size === undefined) {
      size = measure(value);
      this.anchorSizes.set(target, size);
    }
    // An alias puts its anchor's whole value here: nested aliases could otherwise stack depth.
    if (depth + size.depth > MAX_NESTING_DEPTH) {
      this.problem(tooDeepMessage(), node.range?.[0] ?? 0);
      throw new TooLarge();
    }
    this.aliasNodes += size.nodes;
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

  private plainValue(node: unknown, pointer: string, depth: number): JsonValue {
    if (isScalar(node)) return this.scalar(node, pointer);
    if (node instanceof YAMLMap) return this.map(node, pointer, depth + 1);
    if (node instanceof YAMLSeq) {
      const items: JsonValue[] = [];
      for (const item of node.items) {
        const itemPointer = `${pointer}/${items.length}`;
        const range = (item as { range?: [number, number, number] } | null)?.range;
        if (range) this.positions.set(itemPointer, this.position(range[0]));
        items.push(this.value(item, itemPointer, depth + 1));
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

  /** `depth` counts this mapping. */
  private map(node: YAMLMap, pointer: string, depth: number): JsonValue {
    const result: Record<string, JsonValue> = {};
    const merges: JsonValue[] = [];
    for (const pair of node.items as Pair[]) {
      const keyNode = pair.key as YamlNode | null;
      const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
      if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && !keyNode.tag && keyNode.value === '<<') {
        merges.push(this.value(pair.value, pointer, depth - 1));
        continue;
      }
      if (keyNode !== null && !isScalar(keyNode) && !(keyNode instanceof Alias)) {
        this.problem('complex mapping keys (a mapping or a list used as a key) cannot become JSON', offset);
        continue;
      }
      const key = jsonKey(this.value(keyNode, pointer, depth));
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
        value: this.value(pair.value, childPointer, depth),
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
  let doc: Document.Parsed;
  try {
    doc = composeDocument(text, lines);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    const { line, col } = lines.linePos(error.offset);
    const problem = { message: tooDeepMessage(), line: line + options.firstLine - 1, column: col };
    return { value: undefined, problems: [problem], positions: new Map() };
  }
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
    value = walker.value(doc.contents, '', 0);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
  }
  if (walker.problems.length > 0) value = undefined;
  return { value, problems: walker.problems, positions: walker.positions };
}

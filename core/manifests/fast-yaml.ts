import { jsonKey, resolvePlainScalar } from './resolve-scalar.ts';
import { type JsonValue } from './json-value.ts';
import { FlowReader } from './fast-yaml-flow.ts';
import { doubleQuoted, singleQuoted } from './fast-yaml-quoted.ts';
import {
  COLON,
  DASH,
  DQUOTE,
  GIVE_UP,
  HASH,
  SPACE,
  SQUOTE,
  TAB,
  TooDeep,
  escapePointer,
} from './fast-yaml-shared.ts';
import { MAX_NESTING_DEPTH } from './nesting-depth.ts';

/**
 * A fast parser for the YAML that Kubernetes manifests are written in: block mappings and
 * sequences, single-line plain and quoted scalars, literal and folded block scalars, flow
 * collections, comments. Anything else (anchors, aliases, tags, multi-line plain or quoted
 * scalars, complex keys, tabs in indentation, syntax errors) makes it give up and return
 * `FALLBACK`, and the caller parses the document with the full `yaml` library instead
 * (`parse-yaml-document.ts`), which handles all of YAML and reports errors with positions.
 *
 * It exists because the YAML layer decides the validator's speed: the full parser builds a
 * position-keeping syntax tree (about 3,500 Deployments/s), this one builds plain values directly
 * (more than ten times faster). A differential test checks that whenever it returns a value,
 * the value is exactly what the full parser produces.
 */
export const FALLBACK: unique symbol = Symbol('fast-yaml-fallback');

/** Where each node of a document starts: JSON pointer -> [line, column], both 1-based. */
export type PositionMap = Map<string, [number, number]>;

export interface FastParseOptions {
  /** Give up on duplicate keys (so the full parser can report them) instead of letting the last win. */
  uniqueKeys: boolean;
  /** When given, filled with the position of every mapping key and sequence item. */
  positions?: PositionMap;
  /** Line number of `start` in the file, 1-based (for `positions`). */
  firstLine?: number;
  /**
   * Shared by the documents of one text parsed in order: remembers where the next `#` is, so
   * comments are found with one native scan of the text instead of a character loop per line.
   */
  scan?: ScanCursor;
  /** How plain scalars (values and keys) resolve (default: go-yaml v2). */
  resolve?: (text: string) => JsonValue;
  /** Pointers whose plain scalar values are kept as their text (see parseYamlDocument). */
  keepText?: (pointer: string) => boolean;
  /**
   * Told the offset where collections nest deeper than the limit (`nesting-depth.ts`); the
   * result is then `FALLBACK`, and the full parser reports the same problem.
   */
  onTooDeep?: (offset: number) => void;
}

/** Where the next `#` of a text is, from a position that only moves forward. */
export interface ScanCursor {
  from: number;
  hash: number;
}

/** A cursor for `FastParseOptions.scan`. */
export function createScanCursor(): ScanCursor {
  return { from: -1, hash: -1 };
}

class FastParser {
  private lineStart = 0;
  private lineEnd = 0;
  /** Column (0-based) where the current node's content starts on the current line. */
  private indent = 0;
  private lineNo: number;
  /** How many block collections hold the node being read (past the limit, the full parser reports it). */
  private depth = 0;
  private readonly track: PositionMap | undefined;
  /** Whether pointers are built (for positions or keepText). */
  private readonly pointers: boolean;
  private readonly resolve: (text: string) => JsonValue;
  private readonly keepText: ((pointer: string) => boolean) | undefined;

  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
    private readonly uniqueKeys: boolean,
    positions: PositionMap | undefined,
    firstLine: number,
    private readonly scan: ScanCursor | undefined,
    resolve: ((text: string) => JsonValue) | undefined,
    keepText: ((pointer: string) => boolean) | undefined,
  ) {
    this.track = positions;
    this.resolve = resolve ?? resolvePlainScalar;
    this.keepText = keepText;
    this.pointers = positions !== undefined || keepText !== undefined;
    this.lineNo = firstLine;
    this.setLine(start);
  }

  parseDocument(): JsonValue {
    this.skipBlank();
    if (this.atEnd()) return null;
    const value = this.parseBlockNode(-1, '');
    this.skipBlank();
    if (!this.atEnd()) throw GIVE_UP;
    return value;
  }

  private setLine(start: number): void {
    this.lineStart = start;
    let end = this.src.indexOf('\n', start);
    if (end === -1 || end > this.end) end = this.end;
    this.lineEnd = end;
    let i = start;
    while (i < end && this.src.charCodeAt(i) === SPACE) i++;
    this.indent = i - start;
    // A document marker inside the text: the caller splits documents, so this is not ours to read.
    const c = this.src.charCodeAt(start);
    if ((c === DASH || c === 46) && i === start && start < this.end && this.isDocumentMarker(start))
      throw GIVE_UP;
  }

  private isDocumentMarker(start: number): boolean {
    const marker = this.src.slice(start, start + 3);
    if (marker !== '---' && marker !== '...') return false;
    const next = this.src.charCodeAt(start + 3);
    return start + 3 >= this.lineEnd || next === SPACE || next === TAB;
  }

  private atEnd(): boolean {
    return this.lineStart >= this.end;
  }

  private advance(): void {
    this.lineNo++;
    this.setLine(this.lineEnd + 1);
  }

  private get contentStart(): number {
    return this.lineStart + this.indent;
  }

  /** Skips empty and comment-only lines. */
  private skipBlank(): void {
    while (!this.atEnd()) {
      const i = this.contentStart;
      const c = this.src.charCodeAt(i);
      if (i < this.lineEnd && c !== HASH && c !== TAB) return;
      // Tabs before any content: YAML forbids them as indentation; let the full parser judge.
      if (c === TAB) throw GIVE_UP;
      this.advance();
    }
  }

  private record(pointer: string, offset: number): void {
    this.track?.set(pointer, [this.lineNo, offset - this.lineStart + 1]);
  }

  private isSeqEntry(i: number): boolean {
    if (this.src.charCodeAt(i) !== DASH) return false;
    const next = i + 1;
    return next >= this.lineEnd || this.src.charCodeAt(next) === SPACE;
  }

  /** Offset of the first `#` at or after `i` (or a number past the line when there is none). */
  private nextHash(i: number, scan: ScanCursor): number {
    if (scan.from > i || scan.hash < i) {
      scan.from = i;
      const found = this.src.indexOf('#', i);
      scan.hash = found === -1 ? Number.MAX_SAFE_INTEGER : found;
    }
    return scan.hash;
  }

  /** Returns the offset of the `:` that ends a plain key starting at `i`, or -1. */
  private plainKeyEnd(i: number): number {
    const src = this.src;
    const end = this.lineEnd;
    const scan = this.scan;
    if (scan && this.nextHash(i, scan) >= end) {
      // No `#` on this line: native scans for the colon.
      let j = src.indexOf(':', i);
      while (j !== -1 && j < end) {
        const next = j + 1;
        if (next >= end) return j;
        const n = src.charCodeAt(next);
        if (n === SPACE) return j;
        if (n === TAB) throw GIVE_UP;
        j = src.indexOf(':', next);
      }
      return -1;
    }
    for (let j = i; j < end; j++) {
      const c = src.charCodeAt(j);
      if (c === COLON) {
        const next = j + 1;
        if (next >= end) return j;
        const n = src.charCodeAt(next);
        if (n === SPACE) return j;
        if (n === TAB) throw GIVE_UP;
      } else if (c === HASH && (src.charCodeAt(j - 1) === SPACE || src.charCodeAt(j - 1) === TAB)) {
        return -1;
      }
    }
    return -1;
  }

  private isMappingEntry(i: number): boolean {
    const c = this.src.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      const [, after] =
        c === DQUOTE ? doubleQuoted(this.src, i, this.lineEnd) : singleQuoted(this.src, i, this.lineEnd);
      const colon = this.skipSpaces(after);
      return colon < this.lineEnd && this.src.charCodeAt(colon) === COLON;
    }
    return this.plainKeyEnd(i) !== -1;
  }

  private skipSpaces(i: number): number {
    while (i < this.lineEnd && this.src.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** Parses the node whose first line is the current line (indented more than `parentIndent`). */
  private parseBlockNode(parentIndent: number, pointer: string): JsonValue {
    const start = this.contentStart;
    if (this.src.charCodeAt(start) === TAB) throw GIVE_UP;
    const c = this.src[start];
    if (c === '[' || c === '{') return this.parseValue(parentIndent, start, pointer, false);
    if (this.isSeqEntry(start)) return this.parseSequence(this.indent, pointer);
    if (this.isMappingEntry(start)) return this.parseMapping(this.indent, pointer);
    return this.parseValue(parentIndent, start, pointer, false);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw new TooDeep(this.contentStart);
  }

  private parseMapping(indent: number, pointer: string): JsonValue {
    this.enter();
    const result: Record<string, JsonValue> = {};
    for (;;) {
      const start = this.contentStart;
      let keyText: JsonValue;
      let afterKey: number;
      const c = this.src.charCodeAt(start);
      if (c === DQUOTE || c === SQUOTE) {
        const [text, after] =
          c === DQUOTE
            ? doubleQuoted(this.src, start, this.lineEnd)
            : singleQuoted(this.src, start, this.lineEnd);
        keyText = text;
        afterKey = this.skipSpaces(after);
        if (afterKey >= this.lineEnd || this.src.charCodeAt(afterKey) !== COLON) throw GIVE_UP;
        const next = afterKey + 1;
        if (next < this.lineEnd && this.src.charCodeAt(next) !== SPACE) throw GIVE_UP;
      } else {
        if (!this.isPlainStart(start)) throw GIVE_UP;
        afterKey = this.plainKeyEnd(start);
        if (afterKey === -1) throw GIVE_UP;
        let keyEnd = afterKey;
        while (
          keyEnd > start &&
          (this.src.charCodeAt(keyEnd - 1) === SPACE || this.src.charCodeAt(keyEnd - 1) === TAB)
        )
          keyEnd--;
        const raw = this.src.slice(start, keyEnd);
        if (raw === '<<') throw GIVE_UP; // merge keys: the full parser handles them
        keyText = this.resolve(raw);
      }
      const key = jsonKey(keyText);
      if (key === undefined || key === '__proto__') throw GIVE_UP;
      if (this.uniqueKeys && result[key] !== undefined) throw GIVE_UP;
      const childPointer = this.pointers ? `${pointer}/${escapePointer(key)}` : '';
      if (this.track) this.record(childPointer, start);
      result[key] = this.parseValue(indent, this.skipSpaces(afterKey + 1), childPointer, true);
      this.skipBlank();
      if (this.atEnd() || this.indent < indent) return this.leave(result);
      if (this.indent > indent) throw GIVE_UP;
      if (this.isSeqEntry(this.contentStart)) throw GIVE_UP;
    }
  }

  private leave(value: JsonValue): JsonValue {
    this.depth--;
    return value;
  }

  private parseSequence(indent: number, pointer: string): JsonValue {
    this.enter();
    const result: JsonValue[] = [];
    for (;;) {
      const itemPointer = this.pointers ? `${pointer}/${result.length}` : '';
      const at = this.skipSpaces(this.contentStart + 1);
      if (this.track) this.record(itemPointer, at < this.lineEnd ? at : this.contentStart);
      if (at >= this.lineEnd || this.src.charCodeAt(at) === HASH) {
        if (this.src.charCodeAt(at - 1) === TAB) throw GIVE_UP;
        this.advance();
        this.skipBlank();
        result.push(!this.atEnd() && this.indent > indent ? this.parseBlockNode(indent, itemPointer) : null);
      } else if (this.isSeqEntry(at) || this.isMappingEntry(at)) {
        // A compact nested node ("- - a" or "- key: value"): its indentation is its column.
        this.indent = at - this.lineStart;
        result.push(this.parseBlockNode(indent, itemPointer));
      } else {
        result.push(this.parseValue(indent, at, itemPointer, false));
      }
      this.skipBlank();
      if (this.atEnd() || this.indent < indent) return this.leave(result);
      if (this.indent > indent) throw GIVE_UP;
      if (!this.isSeqEntry(this.contentStart)) return this.leave(result);
    }
  }

  private isPlainStart(i: number): boolean {
    const c = this.src[i];
    switch (c) {
      case undefined:
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case '%':
      case '@':
      case '`':
      case '[':
      case ']':
      case '{':
      case '}':
      case ',':
      case '#':
      case '\t':
        return false;
      case '-':
      case '?':
      case ':': {
        const next = i + 1;
        return (
          next < this.lineEnd && this.src.charCodeAt(next) !== SPACE && this.src.charCodeAt(next) !== TAB
        );
      }
      default:
        return true;
    }
  }

  /**
   * Parses a value that starts at offset `at` of the current line (after `key: `, `- `, or at the
   * start of a line). `ownerIndent` is the indentation of the mapping or sequence that owns it.
   * Leaves the parser on the first line after the value.
   */
  private parseValue(ownerIndent: number, at: number, pointer: string, inMapping: boolean): JsonValue {
    const src = this.src;
    if (at >= this.lineEnd || src.charCodeAt(at) === HASH) {
      if (at > this.lineStart && src.charCodeAt(at - 1) === TAB) throw GIVE_UP;
      // An empty value kept as text is '' for the full parser: leave that rare case to it.
      if (this.keepText?.(pointer)) throw GIVE_UP;
      this.advance();
      this.skipBlank();
      if (this.atEnd()) return null;
      if (this.indent > ownerIndent) return this.parseBlockNode(ownerIndent, pointer);
      if (inMapping && this.indent === ownerIndent && this.isSeqEntry(this.contentStart)) {
        return this.parseSequence(ownerIndent, pointer);
      }
      return null;
    }
    const c = src[at];
    if (c === '|' || c === '>') return this.blockScalar(ownerIndent, at);
    if (c === '"' || c === "'") {
      const [text, after] =
        c === '"' ? doubleQuoted(this.src, at, this.lineEnd) : singleQuoted(this.src, at, this.lineEnd);
      this.expectLineEnd(after);
      return text;
    }
    if (c === '[' || c === '{') {
      // The flow reader knows no pointers: near the top, where kept-text fields live, give up.
      if (this.keepText !== undefined && pointer.split('/').length <= 3) throw GIVE_UP;
      const [value, after] = this.flowNode(at, ownerIndent < 0);
      this.expectLineEnd(after);
      return value;
    }
    if (!this.isPlainStart(at)) throw GIVE_UP;
    let end = this.lineEnd;
    const scan = this.scan;
    if (scan && this.nextHash(at, scan) >= end) {
      // No comment on this line: only a `: ` inside the value matters (it would be a nested mapping).
      for (let j = src.indexOf(':', at); j !== -1 && j < end; j = src.indexOf(':', j + 1)) {
        const next = src.charCodeAt(j + 1);
        if (j + 1 >= end || next === SPACE || next === TAB) throw GIVE_UP;
      }
    } else
      for (let j = at; j < end; j++) {
        const ch = src.charCodeAt(j);
        if (ch === HASH && (src.charCodeAt(j - 1) === SPACE || src.charCodeAt(j - 1) === TAB)) {
          end = j;
          break;
        }
        if (ch === COLON) {
          const next = src.charCodeAt(j + 1);
          if (j + 1 >= this.lineEnd || next === SPACE || next === TAB) throw GIVE_UP;
        }
      }
    while (end > at && (src.charCodeAt(end - 1) === SPACE || src.charCodeAt(end - 1) === TAB)) end--;
    const text = src.slice(at, end);
    this.advance();
    this.skipBlank();
    // A more indented line after a plain scalar would continue it (multi-line plain scalar).
    if (!this.atEnd() && this.indent > ownerIndent) throw GIVE_UP;
    return this.keepText?.(pointer) ? text : this.resolve(text);
  }

  private expectLineEnd(i: number): void {
    const j = this.skipSpaces(i);
    if (j < this.lineEnd && this.src.charCodeAt(j) !== HASH) throw GIVE_UP;
    if (j < this.lineEnd && j === i) throw GIVE_UP; // "#" must follow white space to be a comment
    this.advance();
  }

  private blockScalar(ownerIndent: number, at: number): string {
    const src = this.src;
    const folded = src[at] === '>';
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    let i = at + 1;
    const indicator = src[i];
    if (indicator === '-') chomp = 'strip';
    else if (indicator === '+') chomp = 'keep';
    if (chomp !== 'clip') i++;
    if (i < this.lineEnd && src.charCodeAt(i) !== SPACE) throw GIVE_UP; // indentation indicators, junk
    this.expectLineEnd(i);
    const lines: string[] = [];
    let contentIndent = -1;
    let trailingEmpty = 0;
    while (!this.atEnd()) {
      const blank = this.indent === this.lineEnd - this.lineStart;
      if (blank) {
        if (contentIndent !== -1 && this.indent > contentIndent) throw GIVE_UP;
        if (contentIndent === -1 && this.indent > ownerIndent + 1) throw GIVE_UP;
        trailingEmpty++;
        this.advance();
        continue;
      }
      if (contentIndent === -1) {
        if (this.indent <= ownerIndent) break;
        contentIndent = this.indent;
      } else if (this.indent < contentIndent) {
        break;
      }
      const first = src.charCodeAt(this.contentStart);
      if (first === TAB) throw GIVE_UP;
      if (folded && this.indent > contentIndent) throw GIVE_UP; // more-indented lines keep their breaks
      for (let k = 0; k < trailingEmpty; k++) lines.push('');
      trailingEmpty = 0;
      lines.push(src.slice(this.lineStart + contentIndent, this.lineEnd));
      this.advance();
    }
    if (lines.length === 0) {
      if (chomp === 'keep' && trailingEmpty > 0) throw GIVE_UP;
      return '';
    }
    let body: string;
    if (folded) {
      // Text lines separated by a single break are joined with a space; n empty lines give n breaks.
      body = '';
      let seenText = false;
      let empties = 0;
      for (const line of lines) {
        if (line === '') {
          empties++;
          continue;
        }
        body += seenText && empties === 0 ? ' ' : '\n'.repeat(empties);
        body += line;
        empties = 0;
        seenText = true;
      }
    } else {
      body = lines.join('\n');
    }
    if (chomp === 'strip') return body;
    if (chomp === 'clip') return `${body}\n`;
    return `${body}\n${'\n'.repeat(trailingEmpty)}`;
  }

  /** Parses a flow collection or scalar. Multi-line flow is accepted only at the document root. */
  private flowNode(at: number, multiLine: boolean): [JsonValue, number] {
    const flow = new FlowReader(
      this.src,
      at,
      multiLine ? this.end : this.lineEnd,
      this.uniqueKeys,
      this.resolve,
      this.depth,
    );
    const value = flow.node();
    if (multiLine) {
      // Move the line cursor to the line holding the end of the flow collection.
      while (this.lineEnd < flow.pos && !this.atEnd()) this.advance();
    }
    return [value, flow.pos];
  }
}

/**
 * Parses one YAML document (`src.slice(start, end)`, without its `---` line) with the fast
 * subset parser, or returns `FALLBACK` when the document needs the full parser. The text must use
 * `\n` line breaks (callers turn CRLF into LF first, which keeps every line and column).
 */
export function fastParseYaml(
  src: string,
  start: number,
  end: number,
  options: FastParseOptions,
): JsonValue | typeof FALLBACK {
  try {
    const parser = new FastParser(
      src,
      start,
      end,
      options.uniqueKeys,
      options.positions,
      options.firstLine ?? 1,
      options.scan,
      options.resolve,
      options.keepText,
    );
    return parser.parseDocument();
  } catch (error) {
    if (error === GIVE_UP) return FALLBACK;
    if (error instanceof TooDeep) {
      options.onTooDeep?.(error.offset);
      return FALLBACK;
    }
    throw error;
  }
}

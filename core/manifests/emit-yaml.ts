import type { JsonValue } from './json-value.ts';
import { daysInMonth, resolvePlainScalar } from './resolve-scalar.ts';

/**
 * Writes a JSON value as YAML exactly as `kustomize build` prints a resource: kustomize marshals
 * each resource to JSON and converts it with sigs.k8s.io/yaml, that is go-yaml v2's encoder over
 * libyaml's emitter. So: keys in go-yaml v2's "natural" order, two-space indentation, sequences
 * not indented under their key, strings quoted only when a plain scalar would read back as
 * something else or is not allowed, long plain and quoted scalars folded after column 80, and
 * multi-line strings as literal blocks.
 */

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// --- key order (go-yaml v2 sorter.go) ---------------------------------------------------------

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Nd}/u.test(ch);
}

/** go-yaml v2's key order: runs of digits compare as numbers, non-letters before letters. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) as number) - (bc.codePointAt(0) as number);
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an - bn;
    if (ai !== bi) return ai - bi;
    return (ac.codePointAt(0) as number) - (bc.codePointAt(0) as number);
  }
  return ar.length - br.length;
}

// --- scalar analysis (libyaml yaml_emitter_analyze_scalar) -----------------------------------

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  // libyaml's is_printable, as go-yaml implements it: four-byte (non-BMP) characters are not.
  // Unlike libyaml's C code, go-yaml's version does not count NEL (U+0085) as printable.
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

const isBreak = (ch: string | undefined): boolean =>
  ch === '\n' || ch === '\r' || ch === '\x85' || ch === '\u2028' || ch === '\u2029';
const isSpace = (ch: string | undefined): boolean => ch === ' ';
const isBlankOrEnd = (ch: string | undefined): boolean =>
  ch === undefined || ch === ' ' || ch === '\t' || isBreak(ch);

function analyze(value: string): Analysis {
  if (value === '')
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0) as number)) specialCharacters = true;
    if (isBreak(ch)) lineBreaks = true;
    const last = i === chars.length - 1;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(ch);
  }
  const analysis: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) analysis.blockPlainAllowed = false;
  if (trailingSpace) analysis.blockAllowed = false;
  if (breakSpace) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
    analysis.blockAllowed = false;
  }
  if (lineBreaks) analysis.blockPlainAllowed = false;
  if (blockIndicators) analysis.blockPlainAllowed = false;
  return analysis;
}

// go-yaml v2 quotes strings that would read back as something else: YAML 1.1 booleans, nulls,
// numbers, timestamps, and base-60 floats.
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** Whether the date part of a timestamp-shaped text is a real date (Go's time.Parse checks it). */
function isRealDate(value: string): boolean {
  const [year, month, day] = value.split(/[-Tt \t]/, 3).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function readsAsString(value: string): boolean {
  if (resolvePlainScalar(value) !== value) return false;
  return !BASE60_FLOAT.test(value) && !(TIMESTAMP.test(value) && isRealDate(value));
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(value: string, simpleKey: boolean): Style {
  const analysis = analyze(value);
  let style: Style =
    value.includes('\n') && !simpleKey ? 'literal' : readsAsString(value) ? 'plain' : 'double';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed || (value === '' && simpleKey)) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// --- writer -----------------------------------------------------------------------------------

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xa0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

class Writer {
  out = '';
  column = 0;
  /** Indentation of the current block, in spaces. */
  indent = 0;
  /** Only indentation (spaces, or a `- ` indicator) has been written on this line so far. */
  indention = true;

  write(text: string, indicator = false): void {
    this.out += text;
    this.column += text.length;
    if (!indicator) this.indention = false;
  }

  newline(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  /** libyaml's write_indent: a new line unless only indentation is on this one, then spaces. */
  writeIndent(indent = this.indent): void {
    if (!this.indention || this.column > indent) this.newline();
    if (this.column < indent) this.write(' '.repeat(indent - this.column), true);
  }

  plain(value: string, allowBreaks: boolean): void {
    let spaces = false;
    const chars = [...value];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1]))
          this.writeIndent(this.indent);
        else this.write(ch);
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
  }

  single(value: string, allowBreaks: boolean): void {
    this.write("'");
    let spaces = false;
    const chars = [...value];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (isSpace(ch)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i !== 0 &&
          i !== chars.length - 1 &&
          !isSpace(chars[i + 1])
        ) {
          this.writeIndent(this.indent);
        } else this.write(ch);
        spaces = true;
      } else {
        this.write(ch === "'" ? "''" : ch);
        spaces = false;
      }
    }
    this.write("'");
  }

  double(value: string, allowBreaks: boolean): void {
    this.write('"');
    let spaces = false;
    const chars = [...value];
    // go-yaml's is_bom looks at the first bytes of the value, not the current ones: after a
    // leading byte order mark, every character is escaped.
    const escapeAll = value.startsWith('\ufeff');
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      const cp = ch.codePointAt(0) as number;
      if (escapeAll || !isPrintable(cp) || isBreak(ch) || ch === '"' || ch === '\\') {
        const simple = DOUBLE_ESCAPES[ch];
        if (simple !== undefined) this.write(`\\${simple}`);
        else if (cp <= 0xff) this.write(`\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`);
        else if (cp <= 0xffff) this.write(`\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`);
        else this.write(`\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`);
        spaces = false;
      } else if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent(this.indent);
          if (isSpace(chars[i + 1])) this.write('\\');
        } else this.write(ch);
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
    this.write('"');
  }

  literal(value: string): void {
    const chars = [...value];
    let hints = '';
    if (isSpace(chars[0]) || isBreak(chars[0])) hints += String(BEST_INDENT);
    const last = chars[chars.length - 1];
    if (!isBreak(last)) hints += '-';
    else if (chars.length === 1 || isBreak(chars[chars.length - 2])) hints += '+';
    this.write(`|${hints}`);
    this.newline();
    const indent = this.indent;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.newline();
        breaks = true;
      } else {
        if (breaks) this.write(' '.repeat(indent));
        this.write(ch);
        breaks = false;
      }
    }
    // The last line break belongs to the scalar; the writer is at the start of a line.
    if (!isBreak(last)) this.newline();
  }
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64), which go-yaml v2 prints floats with. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 21) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** How null, a boolean or a number prints (as Go's yaml does); undefined for a string, whose style is chosen apart. */
function nonStringScalarText(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatGoFloat(value);
  return undefined;
}

function writeString(w: Writer, value: string, simpleKey: boolean): void {
  const style = chooseStyle(value, simpleKey);
  if (style === 'plain') w.plain(value, !simpleKey);
  else if (style === 'single') w.single(value, !simpleKey);
  else if (style === 'double') w.double(value, !simpleKey);
  else w.literal(value);
}

function isEmptyCollection(value: JsonValue): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : undefined;
  return undefined;
}

function writeKey(w: Writer, key: string): void {
  // libyaml writes keys longer than 128 characters (or multi-line ones) as complex keys: `? key`.
  if ([...key].length > 128 || key.includes('\n')) {
    w.write('? ', true);
    const saved = w.indent;
    w.indent += BEST_INDENT;
    writeString(w, key, false);
    w.indent = saved;
    w.writeIndent();
    w.write(':');
    return;
  }
  writeString(w, key, true);
  w.write(':');
}

function writeValue(w: Writer, value: JsonValue): void {
  const text = nonStringScalarText(value);
  if (text !== undefined) return w.write(text);
  if (typeof value === 'string') {
    const saved = w.indent;
    w.indent += BEST_INDENT;
    writeString(w, value, false);
    w.indent = saved;
    return;
  }
  const empty = isEmptyCollection(value);
  if (empty !== undefined) return w.write(empty);
  if (Array.isArray(value)) writeSequence(w, value);
  else writeMapping(w, value as Record<string, JsonValue>);
}

function writeMapping(w: Writer, value: Record<string, JsonValue>): void {
  const keys = Object.keys(value).sort(compareKeys);
  for (const key of keys) {
    w.writeIndent();
    writeKey(w, key);
    const child = value[key] as JsonValue;
    if (
      nonStringScalarText(child) !== undefined ||
      typeof child === 'string' ||
      isEmptyCollection(child) !== undefined
    ) {
      w.write(' ');
      writeValue(w, child);
      continue;
    }
    if (Array.isArray(child)) {
      // Sequences are not indented under their key (go-yaml v2).
      writeSequence(w, child);
    } else {
      const saved = w.indent;
      w.indent += BEST_INDENT;
      writeMapping(w, child as Record<string, JsonValue>);
      w.indent = saved;
    }
  }
}

function writeSequence(w: Writer, items: JsonValue[]): void {
  for (const item of items) {
    w.writeIndent();
    w.write('- ', true);
    const saved = w.indent;
    w.indent += BEST_INDENT;
    if (Array.isArray(item) && item.length > 0) writeSequence(w, item);
    else if (
      item !== null &&
      typeof item === 'object' &&
      !Array.isArray(item) &&
      Object.keys(item).length > 0
    ) {
      writeMapping(w, item);
    } else {
      w.indent = saved;
      writeValue(w, item);
    }
    w.indent = saved;
  }
}

/** One resource as `kustomize build` prints it (without the `---` separator). */
export function emitYaml(value: JsonValue): string {
  const w = new Writer();
  const empty = isEmptyCollection(value);
  if (empty !== undefined) return `${empty}\n`;
  if (Array.isArray(value)) writeSequence(w, value);
  else if (value !== null && typeof value === 'object') writeMapping(w, value);
  else writeValue(w, value);
  if (!w.out.endsWith('\n')) w.newline();
  return w.out;
}

/** Resources as `kustomize build` prints them together: one after another, separated by `---`. */
export function emitYamlDocuments(values: readonly JsonValue[]): string {
  return values.map(emitYaml).join('---\n');
}

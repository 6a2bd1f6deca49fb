import { jsonKey, resolvePlainScalar } from './resolve-scalar.ts';
import { type JsonValue } from './json-value.ts';
import { ESCAPES, GIVE_UP, HASH, NEWLINE, SPACE, SQUOTE, DQUOTE, TAB, TooDeep } from './fast-yaml-shared.ts';
import { MAX_NESTING_DEPTH } from './nesting-depth.ts';

/**
 * Reads JSON-like flow collections (`[a, b]`, `{a: 1, "b": 2}`). Stops past the nesting limit,
 * so a document of 10,000 `[` costs the limit, not the stack.
 */
export class FlowReader {
  pos: number;
  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
    private readonly uniqueKeys: boolean,
    private readonly resolve: (text: string) => JsonValue = resolvePlainScalar,
    /** How deeply the collection that holds this one is nested. */
    private depth = 0,
  ) {
    this.pos = start;
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw new TooDeep(this.pos);
  }

  private space(): void {
    const src = this.src;
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      if (c === SPACE || c === NEWLINE || c === TAB) this.pos++;
      else if (c === HASH) {
        const prev = src.charCodeAt(this.pos - 1);
        if (prev !== SPACE && prev !== NEWLINE && prev !== TAB) throw GIVE_UP;
        const nl = src.indexOf('\n', this.pos);
        if (nl === -1 || nl >= this.end) throw GIVE_UP;
        this.pos = nl;
      } else return;
    }
  }

  node(): JsonValue {
    this.space();
    const c = this.src[this.pos];
    if (c === '[') return this.sequence();
    if (c === '{') return this.mapping();
    return this.scalar();
  }

  private sequence(): JsonValue[] {
    this.enter();
    this.pos++;
    const items: JsonValue[] = [];
    for (;;) {
      this.space();
      if (this.src[this.pos] === ']') {
        this.pos++;
        this.depth--;
        return items;
      }
      items.push(this.node());
      this.space();
      const c = this.src[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') throw GIVE_UP;
    }
  }

  private mapping(): Record<string, JsonValue> {
    this.enter();
    this.pos++;
    const result: Record<string, JsonValue> = {};
    for (;;) {
      this.space();
      if (this.src[this.pos] === '}') {
        this.pos++;
        this.depth--;
        return result;
      }
      const quotedKey = this.src[this.pos] === '"' || this.src[this.pos] === "'";
      const key = jsonKey(this.scalar());
      if (key === undefined || key === '__proto__') throw GIVE_UP;
      if (!quotedKey && key === '<<') throw GIVE_UP; // a merge key: the full parser handles it
      this.space();
      if (this.src[this.pos] !== ':') throw GIVE_UP;
      this.pos++;
      const after = this.src.charCodeAt(this.pos);
      if (!quotedKey && after !== SPACE && after !== NEWLINE) throw GIVE_UP;
      if (this.uniqueKeys && result[key] !== undefined) throw GIVE_UP;
      this.space();
      const c = this.src[this.pos];
      result[key] = c === ',' || c === '}' ? null : this.node();
      this.space();
      const next = this.src[this.pos];
      if (next === ',') this.pos++;
      else if (next !== '}') throw GIVE_UP;
    }
  }

  private scalar(): JsonValue {
    const src = this.src;
    const start = this.pos;
    const c = src[start];
    if (c === '"' || c === "'") {
      const quote = src.charCodeAt(start);
      let out = '';
      let chunk = start + 1;
      for (let i = start + 1; i < this.end; i++) {
        const ch = src.charCodeAt(i);
        if (ch === NEWLINE) throw GIVE_UP;
        if (quote === SQUOTE && ch === SQUOTE) {
          if (src.charCodeAt(i + 1) === SQUOTE) {
            out += src.slice(chunk, i + 1);
            i++;
            chunk = i + 1;
            continue;
          }
          this.pos = i + 1;
          return out + src.slice(chunk, i);
        }
        if (quote === DQUOTE && ch === DQUOTE) {
          this.pos = i + 1;
          return out + src.slice(chunk, i);
        }
        if (quote === DQUOTE && ch === 92) {
          out += src.slice(chunk, i);
          const simple = ESCAPES[src[i + 1] ?? ''];
          if (simple !== undefined) {
            out += simple;
            i++;
          } else if (src[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
            const code = parseInt(src.slice(i + 2, i + 6), 16);
            if (code >= 0xd800 && code <= 0xdfff) throw GIVE_UP;
            out += String.fromCharCode(code);
            i += 5;
          } else throw GIVE_UP;
          chunk = i + 1;
        }
      }
      throw GIVE_UP;
    }
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
      case '#':
      case ',':
      case ']':
      case '}':
      case '?':
      case ':':
        throw GIVE_UP;
      case '-': {
        // "-x" is a plain scalar; "-", "- x" and "-]" are not.
        const next = src[start + 1];
        if (next === undefined || ' \t\n,[]{}'.includes(next)) throw GIVE_UP;
      }
    }
    let i = start;
    for (; i < this.end; i++) {
      const ch = src[i];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{' || ch === '\n') break;
      if (ch === ':') {
        // "key: value" ends the key; "a:b" is a plain scalar in YAML 1.2 but not in 1.1: give up.
        const next = src[i + 1];
        if (next === ' ' || next === '\n' || next === ',' || next === ']' || next === '}') break;
        throw GIVE_UP;
      }
      if (ch === '#' && (src[i - 1] === ' ' || src[i - 1] === '\t')) break;
    }
    if (src[i] === '[' || src[i] === '{') throw GIVE_UP;
    let end = i;
    while (end > start && (src.charCodeAt(end - 1) === SPACE || src.charCodeAt(end - 1) === TAB)) end--;
    this.pos = end;
    // A plain scalar continued on the next line would be folded: leave it to the full parser.
    if (src[i] === '\n') {
      let j = i;
      while (j < this.end && /\s/.test(src[j] as string)) j++;
      const next = src[j];
      if (next !== ',' && next !== ']' && next !== '}' && next !== '#' && next !== ':') throw GIVE_UP;
    }
    return this.resolve(src.slice(start, end));
  }
}

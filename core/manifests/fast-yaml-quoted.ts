import { DQUOTE, ESCAPES, GIVE_UP, SQUOTE } from './fast-yaml-shared.ts';

/** Reads a double-quoted scalar that ends on its line; returns its value and the offset after it. */
export function doubleQuoted(src: string, start: number, lineEnd: number): [string, number] {
  let out = '';
  let chunk = start + 1;
  for (let i = start + 1; i < lineEnd; i++) {
    const c = src.charCodeAt(i);
    if (c === DQUOTE) return [out + src.slice(chunk, i), i + 1];
    if (c !== 92 /* \ */) continue;
    out += src.slice(chunk, i);
    const e = src[i + 1];
    if (e === undefined || i + 1 >= lineEnd) throw GIVE_UP;
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = src.slice(i + 2, i + 2 + width);
      if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw GIVE_UP;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw GIVE_UP;
      out += String.fromCodePoint(code);
      i += 1 + width;
    }
    chunk = i + 1;
  }
  throw GIVE_UP;
}

/** Reads a single-quoted scalar that ends on its line; returns its value and the offset after it. */
export function singleQuoted(src: string, start: number, lineEnd: number): [string, number] {
  let out = '';
  let chunk = start + 1;
  for (let i = start + 1; i < lineEnd; i++) {
    if (src.charCodeAt(i) !== SQUOTE) continue;
    if (src.charCodeAt(i + 1) === SQUOTE && i + 1 < lineEnd) {
      out += src.slice(chunk, i + 1);
      i += 1;
      chunk = i + 1;
      continue;
    }
    return [out + src.slice(chunk, i), i + 1];
  }
  throw GIVE_UP;
}

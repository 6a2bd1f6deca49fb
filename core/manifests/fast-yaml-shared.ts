/** Pieces shared by the fast YAML parser's block and flow readers. */

/** Thrown (never escapes the parser) when the fast path cannot read a document. */
export class GiveUp {}
export const GIVE_UP = new GiveUp();

/** Thrown (caught by `fastParseYaml`) when collections nest deeper than the limit, at `offset`. */
export class TooDeep {
  constructor(readonly offset: number) {}
}

export const SPACE = 32;
export const TAB = 9;
export const NEWLINE = 10;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const DQUOTE = 34;
export const SQUOTE = 39;

export function escapePointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key;
}

export const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

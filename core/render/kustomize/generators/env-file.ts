import { decodeUtf8 } from './generator-encoding.ts';

/** A key and value read from an env file. */
export interface EnvPair {
  key: string;
  value: string;
}

// Go's bufio.Scanner gives up on a line that, with its line break, does not fit in 64 KiB
// (bufio.MaxScanTokenSize). kustomize does not check the scanner's error, so the rest of the file
// is silently ignored.
const MAX_LINE_BYTES = 64 * 1024 - 1;

// Go's unicode.IsSpace: ASCII and Latin-1 spaces (NEL and NBSP included) and Unicode White_Space.
const LEADING_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** The lines of a file as bufio.Scanner's ScanLines cuts them; undefined marks a line too long. */
function scanLines(bytes: Uint8Array): (Uint8Array | undefined)[] {
  const lines: (Uint8Array | undefined)[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    if (end - start > MAX_LINE_BYTES) {
      lines.push(undefined);
      return lines;
    }
    // ScanLines drops one carriage return before the line break (or the end of the file).
    const last = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    lines.push(bytes.subarray(start, last));
    start = next;
  }
  return lines;
}

/** kustomize prints the line's bytes; an env file holds secrets, so only its number is given here. */
function describeLine(lineNumber: number): string {
  return `line ${lineNumber} has invalid UTF-8 bytes (its content is not shown: it may hold a secret)`;
}

/**
 * The key/value pairs of an env file as kustomize reads it (api/kv): a byte order mark is dropped
 * from the first line only; leading white space is dropped; empty lines and lines starting with
 * `#` are skipped; the key is everything before the first `=` (kept as is: trailing spaces,
 * `export ` and any character stay in it; an empty key skips the line), the value everything
 * after it, quotes and trailing spaces included; a line without `=` gives an empty value. A line
 * that is not valid UTF-8 is an error, even a comment. A line of 64 KiB or more ends the file.
 */
export function parseEnvFile(bytes: Uint8Array): { pairs: EnvPair[] } | { error: string } {
  const pairs: EnvPair[] = [];
  let index = 0;
  for (const raw of scanLines(bytes)) {
    if (raw === undefined) break;
    let line = raw;
    if (index === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    index++;
    const text = decodeUtf8(line);
    if (text === undefined) return { error: describeLine(index) };
    const trimmed = text.replace(LEADING_SPACE, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    const key = equals === -1 ? trimmed : trimmed.slice(0, equals);
    if (key === '') continue;
    pairs.push({ key, value: equals === -1 ? '' : trimmed.slice(equals + 1) });
  }
  return { pairs };
}

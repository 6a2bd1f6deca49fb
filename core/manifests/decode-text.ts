/** The outcome of turning a file's bytes into text. */
export type DecodedText = { ok: true; text: string } | { ok: false; message: string; line: number };

// git's heuristic: a NUL byte in the first 8,000 bytes means binary.
const BINARY_PROBE = 8000;

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a manifest file: UTF-8 (with or without a byte order mark) or UTF-16 with a byte order
 * mark, as YAML allows. Binary files and invalid UTF-8 become a message with the line of the first
 * bad byte, so the finding can point at it. CRLF line breaks become LF, which keeps every line and
 * column the same and lets the fast YAML path read the file.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const probe = bytes.subarray(0, BINARY_PROBE);
    const nul = probe.indexOf(0);
    if (nul !== -1) {
      return {
        ok: false,
        message: 'binary file (it contains NUL bytes): not a YAML or JSON manifest',
        line: lineOf(bytes, nul),
      };
    }
    try {
      text = utf8.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return {
        ok: false,
        message: `not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); save the file as UTF-8`,
        line: lineOf(bytes, at),
      };
    }
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text };
}

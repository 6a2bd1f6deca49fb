const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * The bytes as text when they are valid UTF-8 (as Go's utf8.Valid decides: no surrogates, no
 * overlong forms), a byte order mark included; undefined otherwise.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The UTF-8 bytes of a text, or the bytes themselves. */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

// kyaml's encodeBase64 writes lines of 70 characters.
const LINE_LENGTH = 70;

/**
 * Standard base64 as kustomize writes generated `binaryData` and Secret `data` values (kyaml's
 * encodeBase64): on one line when it is shorter than 70 characters; otherwise cut into lines of
 * 70, each one ended by a line break, the last one included.
 */
export function kustomizeBase64(value: string | Uint8Array): string {
  const encoded = base64(toBytes(value));
  if (encoded.length < LINE_LENGTH) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += LINE_LENGTH) out += `${encoded.slice(i, i + LINE_LENGTH)}\n`;
  return out;
}

const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits: a small, stable, dependency-free
 * hash for fingerprints (not for security). http://www.isthe.com/chongo/tech/comp/fnv/
 */
export function fnv1a64(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

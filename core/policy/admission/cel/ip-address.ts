/**
 * IP addresses as Go's net/netip parses and prints them, for the Kubernetes IP and CIDR libraries:
 * no zones, no IPv4-mapped IPv6, no leading zeros in IPv4 octets.
 */

/** An address: 4 or 16 bytes. */
export class IpAddress {
  constructor(readonly bytes: Uint8Array) {}

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part) && Number(part) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

function parseIpv6(text: string): Uint8Array | undefined {
  if (text.includes('%')) return undefined;
  let head = text;
  let tail = '';
  const gap = text.indexOf('::');
  if (gap >= 0) {
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
    if (tail.includes('::')) return undefined;
  }
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const left = groups(head);
  const right = groups(tail);
  if (left === undefined || right === undefined) return undefined;
  const missing = 8 - left.length - right.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<number>(gap < 0 ? 0 : missing).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

function isV4Mapped(bytes: Uint8Array): boolean {
  return (
    bytes.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  );
}

/** The address a string spells, or why not. */
export function parseIp(text: string): IpAddress | string {
  const bytes = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  if (bytes === undefined) {
    if (text.includes('%')) return `IP address ${JSON.stringify(text)} with zone value is not allowed`;
    return `IP Address ${JSON.stringify(text)} parse error during conversion from string`;
  }
  if (isV4Mapped(bytes)) return `IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`;
  return new IpAddress(bytes);
}

/** The canonical text: dotted IPv4, RFC 5952 IPv6 (what netip's String prints). */
export function ipText(ip: IpAddress): string {
  if (ip.family === 4) return [...ip.bytes].join('.');
  const groups = Array.from(
    { length: 8 },
    (_, i) => ((ip.bytes[2 * i] as number) << 8) | (ip.bytes[2 * i + 1] as number),
  );
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Whether the first `bits` bits of two addresses of one family agree. */
export function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i % 8);
    if (((a[i >> 3] as number) & mask) !== ((b[i >> 3] as number) & mask)) return false;
  }
  return true;
}

/** The address with every bit past `bits` cleared. */
export function maskBytes(bytes: Uint8Array, bits: number): Uint8Array {
  return bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
}

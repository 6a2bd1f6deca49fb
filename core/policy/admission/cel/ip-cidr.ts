/**
 * The Kubernetes IP and CIDR libraries for CEL: `ip()`, `isIP()`, `ip.isCanonical()`, the address
 * predicates, `cidr()`, `isCIDR()`, `containsIP`, `containsCIDR`, `prefixLength`, `masked`
 * (k8s.io/apiserver/pkg/cel/library ip.go and cidr.go, Kubernetes 1.30+).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';
import { IpAddress, ipText, maskBytes, parseIp, samePrefix } from './ip-address.ts';

/** A network: an address and a prefix length. */
export class Cidr {
  constructor(
    readonly ip: IpAddress,
    readonly bits: number,
  ) {}
}

class IpNamespace {}

function ipOf(text: string): IpAddress {
  const parsed = parseIp(text);
  if (typeof parsed === 'string') throw celError(parsed);
  return parsed;
}

function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const bits = text.slice(slash + 1);
  const ip = slash < 0 ? 'no prefix length' : parseIp(text.slice(0, slash));
  if (typeof ip === 'string')
    return `network address parse error during conversion from string: ${JSON.stringify(text)}`;
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > ip.bytes.length * 8)
    return `network address parse error during conversion from string: bad prefix length in ${JSON.stringify(text)}`;
  return new Cidr(ip, Number(bits));
}

function cidrOf(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw celError(parsed);
  return parsed;
}

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const containsIp = (cidr: Cidr, ip: IpAddress): boolean => samePrefix(cidr.ip.bytes, ip.bytes, cidr.bits);
const containsCidr = (cidr: Cidr, other: Cidr): boolean =>
  cidr.bits <= other.bits && samePrefix(cidr.ip.bytes, other.ip.bytes, cidr.bits);

const PREDICATES: Record<string, (b: Uint8Array) => boolean> = {
  isUnspecified: (b) => b.every((x) => x === 0),
  isLoopback: (b) => (b.length === 4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1),
  isLinkLocalMulticast: (b) =>
    b.length === 4
      ? b[0] === 224 && b[1] === 0 && b[2] === 0
      : b[0] === 0xff && ((b[1] as number) & 0x0f) === 0x02,
  isLinkLocalUnicast: (b) =>
    b.length === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && ((b[1] as number) & 0xc0) === 0x80,
  isGlobalUnicast: (b) => {
    if (b.length === 4 && b.every((x) => x === 255)) return false;
    const multicast = b.length === 4 ? ((b[0] as number) & 0xf0) === 0xe0 : b[0] === 0xff;
    return (
      !multicast &&
      !(['isUnspecified', 'isLoopback', 'isLinkLocalUnicast'] as const).some((name) => PREDICATES[name]?.(b))
    );
  },
};

/** Registers the IP and CIDR types and functions. */
export function registerIpCidr(env: Environment): void {
  env
    .registerType('net.IP', IpAddress)
    .registerType('net.CIDR', Cidr)
    .registerType('IpNamespace', IpNamespace)
    .registerConstant('ip', 'IpNamespace', new IpNamespace())
    .registerFunction('ip(string): net.IP', ipOf)
    .registerFunction('isIP(string): bool', (text: string) => typeof parseIp(text) !== 'string')
    .registerFunction(
      'IpNamespace.isCanonical(string): bool',
      (_ns: IpNamespace, text: string) => ipText(ipOf(text)) === text,
    )
    .registerFunction('net.IP.family(): int', (ip: IpAddress) => BigInt(ip.family))
    .registerFunction('string(net.IP): string', ipText)
    .registerOperator('net.IP == net.IP', (a: IpAddress, b: IpAddress) => bytesEqual(a.bytes, b.bytes))
    .registerFunction('cidr(string): net.CIDR', cidrOf)
    .registerFunction('isCIDR(string): bool', (text: string) => typeof parseCidr(text) !== 'string')
    .registerFunction('net.CIDR.containsIP(net.IP): bool', containsIp)
    .registerFunction('net.CIDR.containsIP(string): bool', (cidr: Cidr, text: string) =>
      containsIp(cidr, ipOf(text)),
    )
    .registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', containsCidr)
    .registerFunction('net.CIDR.containsCIDR(string): bool', (cidr: Cidr, text: string) =>
      containsCidr(cidr, cidrOf(text)),
    )
    .registerFunction('net.CIDR.ip(): net.IP', (cidr: Cidr) => cidr.ip)
    .registerFunction('net.CIDR.prefixLength(): int', (cidr: Cidr) => BigInt(cidr.bits))
    .registerFunction(
      'net.CIDR.masked(): net.CIDR',
      (cidr: Cidr) => new Cidr(new IpAddress(maskBytes(cidr.ip.bytes, cidr.bits)), cidr.bits),
    )
    .registerFunction('string(net.CIDR): string', (cidr: Cidr) => `${ipText(cidr.ip)}/${cidr.bits}`)
    .registerOperator(
      'net.CIDR == net.CIDR',
      (a: Cidr, b: Cidr) => a.bits === b.bits && bytesEqual(a.ip.bytes, b.ip.bytes),
    );
  for (const [name, predicate] of Object.entries(PREDICATES))
    env.registerFunction(`net.IP.${name}(): bool`, (ip: IpAddress) => predicate(ip.bytes));
}

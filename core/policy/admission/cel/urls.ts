/**
 * The Kubernetes URL library for CEL: `url()`, `isURL()` and the URL accessors
 * (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library). Parsing follows Go's
 * `url.ParseRequestURI` as Kubernetes uses it: an absolute URI or an absolute path.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

/** A parsed URL, its parts as Go's net/url holds them. */
export class CelUrl {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly rawPath: string,
    readonly rawQuery: string,
  ) {}
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Characters a path keeps unescaped (Go's shouldEscape in encodePath mode, and `%`). */
const PATH_KEEPS = /^[A-Za-z0-9\-._~$&+,/:;=@!'()*%]*$/;

function decode(text: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return undefined;
  }
}

function validHost(host: string): boolean {
  const at = host.lastIndexOf('@');
  const hostPort = at < 0 ? host : host.slice(at + 1);
  if (hostPort.startsWith('[')) return /^\[[0-9a-fA-F:.]+(%[^\]]+)?\](:\d*)?$/.test(hostPort);
  const colon = hostPort.indexOf(':');
  return colon < 0 || /^\d*$/.test(hostPort.slice(colon + 1));
}

/** The URL a string spells, or undefined when Go's ParseRequestURI would reject it. */
export function parseUrl(text: string): CelUrl | undefined {
  if (/[\x00-\x1f\x7f]/.test(text)) return undefined;
  const beforeFragment = text.split('#')[0] ?? '';
  const queryAt = beforeFragment.indexOf('?');
  let rest = queryAt < 0 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : beforeFragment.slice(queryAt + 1);
  const scheme = SCHEME.exec(rest)?.[1] ?? '';
  if (scheme === '' && !rest.startsWith('/')) return undefined;
  rest = rest.slice(scheme === '' ? 0 : scheme.length + 1);
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    host = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    if (!validHost(host)) return undefined;
    host = host.slice(host.lastIndexOf('@') + 1);
  } else if (scheme !== '' && !rest.startsWith('/')) {
    // An opaque URI such as `mailto:x`: Go keeps it, with no host and no path.
    return new CelUrl(scheme.toLowerCase(), '', '', rawQuery);
  }
  if (decode(rest, false) === undefined) return undefined;
  return new CelUrl(scheme.toLowerCase(), host, rest, rawQuery);
}

function escapedPath(url: CelUrl): string {
  if (PATH_KEEPS.test(url.rawPath)) return url.rawPath;
  return encodeURI(decode(url.rawPath, false) ?? '')
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']');
}

function hostname(url: CelUrl): string {
  if (url.host.startsWith('[')) return url.host.slice(1, url.host.indexOf(']'));
  const colon = url.host.indexOf(':');
  return colon < 0 ? url.host : url.host.slice(0, colon);
}

function port(url: CelUrl): string {
  const close = url.host.lastIndexOf(']');
  const colon = url.host.indexOf(':', close + 1);
  return colon < 0 ? '' : url.host.slice(colon + 1);
}

function query(url: CelUrl): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const pair of url.rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const equals = pair.indexOf('=');
    const key = decode(equals < 0 ? pair : pair.slice(0, equals), true);
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1), true);
    if (key === undefined || value === undefined) continue;
    result.set(key, [...(result.get(key) ?? []), value]);
  }
  return result;
}

/** Registers the URL type and functions. */
export function registerUrls(env: Environment): void {
  env
    .registerType('URL', CelUrl)
    .registerFunction('url(string): URL', (text: string) => {
      const parsed = parseUrl(text);
      if (parsed === undefined)
        throw celError(`URL parse error during conversion from string: ${JSON.stringify(text)}`);
      return parsed;
    })
    .registerFunction('isURL(string): bool', (text: string) => parseUrl(text) !== undefined)
    .registerFunction('URL.getScheme(): string', (url: CelUrl) => url.scheme)
    .registerFunction('URL.getHost(): string', (url: CelUrl) => url.host)
    .registerFunction('URL.getHostname(): string', hostname)
    .registerFunction('URL.getPort(): string', port)
    .registerFunction('URL.getEscapedPath(): string', escapedPath)
    .registerFunction('URL.getQuery(): map<string, list<string>>', query);
}

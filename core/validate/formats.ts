import type { Format } from 'ajv';

// RFC 3339 date-time, as santhosh-tekuri/jsonschema checks it (time zone required, leap second allowed).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, , , zh, zm] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return false;
  if (zh !== undefined && (Number(zh) > 23 || Number(zm) > 59)) return false;
  return true;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIPv6(value: string): boolean {
  if (!value.includes(':') || value.includes('%')) return false;
  let rest = value;
  let groupsNeeded = 8;
  const lastColon = rest.lastIndexOf(':');
  const tail = rest.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!IPV4.test(tail)) return false;
    rest = rest.slice(0, lastColon + 1) + '0:0';
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((half) => (half === '' ? [] : half.split(':')));
  const count = parts.reduce((n, p) => n + p.length, 0);
  if (halves.length === 1 ? count !== groupsNeeded : count > groupsNeeded - 1) return false;
  groupsNeeded = 0;
  return parts.every((p) => p.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)));
}

// Go's time.ParseDuration syntax ("1h30m", "300ms", "-1.5h") or an ISO 8601 duration ("PT5M"):
// kubeconform registers this `duration` format for Flux and Argo CD CRDs (kubeconform PR #309/#328).
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

function isDuration(value: string): boolean {
  return value === '0' || GO_DURATION.test(value) || ISO_DURATION.test(value);
}

/**
 * Formats that are assertions. Formats the Go validator does not know (`int32`, `int64`, `byte`,
 * `double`, `float`, `int-or-string`) are annotations there, so they accept anything here too.
 */
export const formats: Record<string, Format> = {
  'date-time': { type: 'string', validate: isDateTime },
  ipv4: { type: 'string', validate: (value: string) => IPV4.test(value) },
  ipv6: { type: 'string', validate: isIPv6 },
  duration: { type: 'string', validate: isDuration },
  int32: true,
  int64: true,
  byte: true,
  double: true,
  float: true,
  'int-or-string': true,
  password: true,
  binary: true,
  date: true,
  uri: true,
  email: true,
  hostname: true,
  uuid: true,
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether a string is valid `format: byte` the way Go's `encoding/base64` standard decoder reads
 * it (kubeconform and the API server use it): padded standard alphabet, `\r` and `\n` skipped.
 */
export function isBase64Bytes(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}

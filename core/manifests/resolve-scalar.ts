/**
 * How a plain (unquoted, untagged) YAML scalar becomes a JSON value, following go-yaml v2's
 * `resolve` as used by sigs.k8s.io/yaml, which is what kubectl, kubeconform and the Kubernetes
 * API clients parse manifests with. That is YAML 1.1 flavoured: `yes`, `on`, `y` are booleans,
 * `0644` is octal, `1_000` is an integer, and timestamps stay strings when decoded into JSON.
 */
import type { JsonValue } from './json-value.ts';

const BOOLEANS: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  BOOLEANS[word] = true;
for (const word of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  BOOLEANS[word] = false;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

const SPECIAL_FLOATS: Record<string, number | undefined> = {
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
};

// go-yaml v2's yamlStyleFloat.
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// What Go's strconv.ParseInt(s, 0, 64) accepts once underscores are gone.
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
// Go's ParseFloat for strings that start with a dot (the "." hint in go-yaml).
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

function parseGoInt(text: string): number {
  let sign = 1;
  let digits = text;
  if (digits[0] === '-' || digits[0] === '+') {
    if (digits[0] === '-') sign = -1;
    digits = digits.slice(1);
  }
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x') return sign * parseInt(digits.slice(2), 16);
  if (prefix === '0b') return sign * parseInt(digits.slice(2), 2);
  if (prefix === '0o') return sign * parseInt(digits.slice(2), 8);
  if (digits.length > 1 && digits[0] === '0') return sign * parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}

function finiteOr(value: number, text: string): JsonValue {
  return Number.isFinite(value) ? value : text;
}

/** Resolves a plain scalar to null, a boolean, a number or (by default) the string itself. */
export function resolvePlainScalar(text: string): JsonValue {
  if (text === '') return null;
  // Only a few first characters can start anything but a string (go-yaml's resolve table):
  // test them before any lookup, since almost every scalar in a manifest is a plain string.
  const first = text.charCodeAt(0);
  if (first === 46 /* . */) {
    const special = SPECIAL_FLOATS[text];
    if (special !== undefined) return special;
    return DOT_FLOAT.test(text) ? Number(text) : text;
  }
  if ((first >= 48 && first <= 57) || first === 43 /* + */ || first === 45 /* - */) {
    const special = SPECIAL_FLOATS[text];
    if (special !== undefined) return special;
    const plain = text.includes('_') ? text.replaceAll('_', '') : text;
    // Go's ParseFloat fails on overflow (1e400), and go-yaml then keeps the text as a string.
    if (GO_INT.test(plain)) return finiteOr(parseGoInt(plain), text);
    if (YAML_FLOAT.test(plain)) return finiteOr(Number(plain), text);
    return text;
  }
  switch (first) {
    case 121 /* y */:
    case 89 /* Y */:
    case 110 /* n */:
    case 78 /* N */:
    case 116 /* t */:
    case 84 /* T */:
    case 102 /* f */:
    case 70 /* F */:
    case 111 /* o */:
    case 79 /* O */:
    case 126 /* ~ */:
      if (text.length > 5) return text;
      break;
    default:
      return text;
  }
  const boolean = BOOLEANS[text];
  if (boolean !== undefined) return boolean;
  if (NULLS.has(text)) return null;
  return text;
}

/**
 * The JSON object key a resolved YAML key becomes (sigs.k8s.io/yaml `convertToJSONableObject`):
 * booleans and numbers are printed, `null` has no JSON form.
 */
export function jsonKey(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (value === Infinity) return '.inf';
    if (value === -Infinity) return '-.inf';
    return String(value);
  }
  return undefined;
}

const KUSTOMIZE_BOOLEANS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

// go-yaml v3 parseTimestamp's layouts: 2006-1-2T15:4:5.999999999Z07:00 (t or T), 2006-1-2 15:4:5.999999999, 2006-1-2.
const GO_TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?))?$/;

const pad = (n: string | number, width = 2): string => String(n).padStart(width, '0');

/** Days of a month, as Go's time.Parse checks them (`2024-2-30` is not a date). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A timestamp as Go's time.Time marshals to JSON (RFC 3339, fraction without trailing zeros), or undefined. */
function goTimestamp(text: string): string | undefined {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h1, mi1, s1, f1, zone, h2, mi2, s2, f2] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h1 ?? h2 ?? 0);
  const minute = Number(mi1 ?? mi2 ?? 0);
  const second = Number(s1 ?? s2 ?? 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(Number(y), month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  const fraction = (f1 ?? f2 ?? '').replace(/0+$/, '');
  const offset = zone === undefined || zone === 'Z' || zone === '+00:00' ? 'Z' : zone;
  return `${y}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction === '.' ? '' : fraction}${offset}`;
}

/**
 * Resolves a plain scalar as kustomize reads resources (go-yaml v3 through kyaml): only
 * `true`/`false` are booleans (`yes`, `on`, `y` stay strings), integers and floats as go-yaml v2,
 * and timestamps become the RFC 3339 text Go's time.Time prints (`2024-01-01` ->
 * `2024-01-01T00:00:00Z`). See docs/kustomize-behaviour.md.
 */
export function resolveKustomizeScalar(text: string): JsonValue {
  if (text === '' || NULLS.has(text)) return null;
  const boolean = KUSTOMIZE_BOOLEANS[text];
  if (boolean !== undefined) return boolean;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const timestamp = goTimestamp(text);
    if (timestamp !== undefined) return timestamp;
  }
  const resolved = resolvePlainScalar(text);
  return typeof resolved === 'boolean' ? text : resolved;
}

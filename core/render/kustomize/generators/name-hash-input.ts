import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * A string as Go's encoding/json writes it (Go 1.22 and later): like JSON.stringify (`\b`, `\f`,
 * `\n`, `\r`, `\t`, other control characters as lowercase `\u00xx`, DEL unescaped), plus the
 * HTML-safe escapes of `<`, `>`, `&` and of U+2028 and U+2029; lone surrogates become U+FFFD.
 */
function goString(value: string): string {
  const text = JSON.stringify(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
  return text.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** Orders keys as Go's encoding/json does for a map: by their UTF-8 bytes, that is by code point. */
function compareCodePoints(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done === true || y.done === true) return (x.done === true ? 0 : 1) - (y.done === true ? 0 : 1);
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

/** Go's `json.Marshal` of a value decoded into `interface{}`: compact, map keys sorted. */
export function goJsonCompact(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJsonCompact).join(',')}]`;
  const keys = Object.keys(value).sort(compareCodePoints);
  return `{${keys.map((k) => `${goString(k)}:${goJsonCompact(value[k] as JsonValue)}`).join(',')}}`;
}

/**
 * One field as kustomize's hasher reads it (getNodeValues): missing is `""`; a scalar is its
 * text; a mapping is itself; a sequence fails to decode into a map and counts as `null`.
 */
function field(resource: JsonObject, name: string): JsonValue {
  const value = resource[name];
  if (value === undefined) return '';
  if (Array.isArray(value)) return null;
  if (value !== null && typeof value === 'object') return value;
  // A YAML null keeps its text in kustomize's node tree; `null` is the usual spelling.
  return value === null ? 'null' : String(value);
}

/** What `field` gives for a mapping or a null node (it maps sequences to null too): kustomize adds the field then. */
function isMappingOrNull(value: JsonValue): boolean {
  return value === null || typeof value === 'object';
}

/**
 * The JSON text kustomize's hasher (api/hasher) digests for a ConfigMap or Secret: an object of
 * `kind`, `name`, `data`, plus `binaryData` (ConfigMap) or `type` and `stringData` (Secret),
 * keys sorted. kustomize looks the name up with a single path element `metadata/name`, which no
 * resource has, so `name` is always `""`: the hash depends on the content only, not on the name,
 * namespace, labels, annotations or `immutable`.
 */
export function nameHashInput(resource: JsonObject): string {
  const kind = resource.kind === 'Secret' ? 'Secret' : 'ConfigMap';
  const encoded: JsonObject = { kind, name: field(resource, 'metadata/name'), data: field(resource, 'data') };
  const extra = kind === 'Secret' ? 'stringData' : 'binaryData';
  if (kind === 'Secret') encoded.type = field(resource, 'type');
  const extraValue = field(resource, extra);
  if (isMappingOrNull(extraValue)) encoded[extra] = extraValue;
  return goJsonCompact(encoded);
}

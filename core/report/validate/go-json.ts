const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * `json.MarshalIndent(value, "", "  ")` as Go prints it: the same layout as
 * `JSON.stringify(value, null, 2)`, plus Go's HTML-safe escaping of `<`, `>`, `&` and of U+2028 and
 * U+2029 (https://pkg.go.dev/encoding/json#Marshal). Those characters only occur inside strings in
 * the JSON text, so replacing them afterwards is safe. Lone surrogates become U+FFFD, as Go writes
 * invalid UTF-8.
 */
export function goJson(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'string' ? v.replace(/[\uD800-\uDFFF]/gu, '\uFFFD') : v),
    2,
  );
  return text.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

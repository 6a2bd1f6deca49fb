const XML_ESCAPES: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/**
 * Attribute text escaped as Go's encoding/xml `EscapeString` does: the five XML specials as
 * `&#34;` `&#39;` `&amp;` `&lt;` `&gt;`, tab, newline and carriage return as character references,
 * and characters outside XML's Char range (other control characters, lone surrogates) replaced by
 * U+FFFD (https://pkg.go.dev/encoding/xml#EscapeText).
 */
export function escapeXmlAttribute(text: string): string {
  return text.replace(
    /["'&<>\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu,
    (c) => XML_ESCAPES[c] ?? '\uFFFD',
  );
}

/**
 * A float64 as Go's `strconv.FormatFloat(f, 'g', -1, 64)` prints it (what encoding/xml does with
 * a float attribute): the shortest digits, in exponent form when the decimal exponent is below -4
 * or at least 6 (the precision 'g' uses for shortest output), with a sign and at least two exponent
 * digits (`1.5e-05`, `1.234567e+06`). https://pkg.go.dev/strconv#FormatFloat
 */
export function formatGoFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  // Between 1e-4 and 1e6, JavaScript's shortest form is already Go's fixed notation.
  return String(value);
}

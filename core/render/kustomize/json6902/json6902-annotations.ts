import type { JsonValue } from '../../../manifests/json-value.ts';

/**
 * Go's strconv.FormatFloat(value, 'g', -1, 64): the shortest digits, in exponent form when the
 * exponent is below -4 or at least 6 (`1e+06`, `1.5e-05`, `123456`).
 */
export function formatGoG(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/**
 * The text an annotation value becomes after a JSON6902 patch. kustomize reads the patched JSON
 * back into Go values (every number a float64), re-encodes it with go-yaml v3, and then re-sets
 * metadata.annotations from the scalars' text: numbers as Go's `%g` (`1000000` becomes
 * `"1e+06"`), booleans `true`/`false`, null `"null"`, and mappings or lists `""`.
 */
export function annotationText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const text = formatGoG(value);
    return text === 'NaN' ? '.nan' : text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value === null ? 'null' : '';
}

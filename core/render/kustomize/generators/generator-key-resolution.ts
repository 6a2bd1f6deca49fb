// kustomize (kyaml) writes map keys as untagged plain scalars and reads them back with go-yaml v3,
// whose resolver (resolve.go) turns some of them into non-strings. A ConfigMap key `1` or `true`
// then makes kustomize fail with `json: unsupported type: map[interface {}]interface {}`.

const WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', '', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
SPECIAL_FLOATS.add('-.inf').add('-.Inf').add('-.INF');

// Go's strconv.ParseInt / ParseUint with base 0, underscores already removed.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_UINT = /^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Go's strconv.ParseFloat of a text starting with `.`: underscores only between digits.
const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;

function intFits(text: string, unsigned: boolean): boolean {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  let value: bigint;
  if (/^0[oO]/.test(body)) value = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) value = BigInt(`0o${body.slice(1)}`);
  else value = BigInt(body);
  if (unsigned) return value <= 0xffffffffffffffffn;
  return negative ? value <= 0x8000000000000000n : value <= 0x7fffffffffffffffn;
}

function isGoInteger(plain: string): boolean {
  if (GO_INT.test(plain) && intFits(plain, false)) return true;
  return GO_UINT.test(plain) && intFits(plain, true);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// go-yaml v3's timestamp layouts, as Go's time.Parse reads them.
const DATE = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`;
const TIME = String.raw`(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?`;
const TIMESTAMPS = [
  new RegExp(String.raw`^${DATE}[Tt]${TIME}(?:Z|[-+](\d{2}):(\d{2}))$`),
  new RegExp(String.raw`^${DATE} ${TIME}$`),
  new RegExp(String.raw`^${DATE}$`),
];

function isTimestamp(text: string): boolean {
  for (const layout of TIMESTAMPS) {
    const m = layout.exec(text);
    if (m === null) continue;
    const [year, month, day, hour = 0, minute = 0, second = 0, zoneHour = 0, zoneMinute = 0] = m
      .slice(1)
      .map((part) => (part === undefined ? undefined : Number(part)));
    if (year === undefined || month === undefined || day === undefined) continue;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
    if (month < 1 || day < 1 || day > days) continue;
    if (hour > 23 || minute > 59 || second > 59 || zoneHour > 24 || zoneMinute > 59) continue;
    return true;
  }
  return false;
}

/** Whether go-yaml v3 reads this text, written as a plain scalar, as something other than a string. */
export function resolvesToNonString(text: string): boolean {
  if (WORDS.has(text) || SPECIAL_FLOATS.has(text)) return true;
  const first = text[0];
  if (first === '.') return DOT_FLOAT.test(text) && Number.isFinite(Number(text.replaceAll('_', '')));
  if (first === undefined || !/[-+0-9]/.test(first)) return false;
  if (isTimestamp(text)) return true;
  const plain = text.replaceAll('_', '');
  if (isGoInteger(plain)) return true;
  return YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain));
}

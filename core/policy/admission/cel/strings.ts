/**
 * The parts of cel-go's extended strings library that Kubernetes enables and cel-js lacks:
 * `charAt`, `replace`, `reverse`, `strings.quote` and `format`
 * (https://kubernetes.io/docs/reference/using-api/cel/#cel-options-language-features-and-libraries).
 * cel-js has `lowerAscii`, `upperAscii`, `indexOf`, `lastIndexOf`, `split`, `join`, `substring`, `trim`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

class StringsNamespace {}

/** A CEL value as `%s` and messages print it: strings bare, lists and maps in CEL's brackets. */
export function celText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  if (Array.isArray(value)) return `[${value.map(celText).join(', ')}]`;
  if (value instanceof Map)
    return `{${[...value].map(([k, v]) => `${celText(k)}: ${celText(v)}`).join(', ')}}`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${celText(v)}`)
      .join(', ')}}`;
  return String(value);
}

function integerOf(value: unknown, verb: string): bigint {
  if (typeof value === 'bigint') return value;
  throw celError(`format: %${verb} needs an integer, got ${celText(value)}`);
}

function numberOf(value: unknown, verb: string): number {
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  throw celError(`format: %${verb} needs a number, got ${celText(value)}`);
}

function hex(value: unknown, verb: string): string {
  if (typeof value !== 'string') return integerOf(value, verb).toString(16);
  return [...new TextEncoder().encode(value)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const VERBS: Record<string, (value: unknown, precision: number | undefined) => string> = {
  s: (value) => celText(value),
  d: (value) => String(integerOf(value, 'd')),
  f: (value, precision) => numberOf(value, 'f').toFixed(precision ?? 6),
  e: (value, precision) =>
    numberOf(value, 'e')
      .toExponential(precision ?? 6)
      .replace(/e([+-])(\d)$/, 'e$10$2'),
  b: (value) => (typeof value === 'boolean' ? String(value) : integerOf(value, 'b').toString(2)),
  o: (value) => integerOf(value, 'o').toString(8),
  x: (value) => hex(value, 'x'),
  X: (value) => hex(value, 'X').toUpperCase(),
};

/** `"%s has %d replicas".format([name, n])`: cel-go's format verbs %s %d %f %e %b %o %x %X and %%. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%(?:\.(\d+))?([a-zA-Z%])/g,
    (whole, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      const render = VERBS[verb];
      if (render === undefined) throw celError(`format: unrecognized formatting clause %${verb}`);
      if (next >= args.length) throw celError(`format: index ${next} out of range`);
      return render(args[next++], precision === undefined ? undefined : Number(precision));
    },
  );
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** Registers the string functions. */
export function registerStrings(env: Environment): void {
  env
    .registerType('StringsNamespace', StringsNamespace)
    .registerConstant('strings', 'StringsNamespace', new StringsNamespace())
    .registerFunction('StringsNamespace.quote(string): string', (_ns: StringsNamespace, text: string) =>
      quote(text),
    )
    .registerFunction('string.charAt(int): string', (text: string, index: bigint) => {
      const chars = [...text];
      if (index < 0n || index > BigInt(chars.length)) throw celError(`index out of range: ${index}`);
      return chars[Number(index)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (text: string, from: string, to: string) =>
      text.split(from).join(to),
    )
    .registerFunction(
      'string.replace(string, string, int): string',
      (text: string, from: string, to: string, n: bigint) => {
        if (n < 0n) return text.split(from).join(to);
        const parts = text.split(from);
        const count = Number(n < BigInt(parts.length - 1) ? n : BigInt(parts.length - 1));
        return (
          parts.slice(0, count + 1).join(to) +
          (count + 1 < parts.length ? from + parts.slice(count + 1).join(from) : '')
        );
      },
    )
    .registerFunction('string.reverse(): string', (text: string) => [...text].reverse().join(''))
    .registerFunction('string.format(list): string', formatString);
}

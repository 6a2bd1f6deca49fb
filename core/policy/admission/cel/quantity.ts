/**
 * The Kubernetes quantity library for CEL: `quantity()`, `isQuantity()` and the Quantity methods
 * (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library). A quantity is
 * held as an exact fraction, so `quantity("200M").compareTo(quantity("0.2G"))` is 0.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

/** A parsed `resource.Quantity`: numerator over a positive denominator, reduced. */
export class Quantity {
  constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Exponents past this would only build huge numbers; no resource quantity needs them. */
const MAX_EXPONENT = 1000;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function fraction(num: bigint, den: bigint): Quantity {
  const divisor = gcd(num, den);
  return new Quantity(num / divisor, den / divisor);
}

/** The quantity a string spells, or undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', decimals = ''] = number.split('.');
  let num = BigInt(`${whole || '0'}${decimals}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(decimals.length);
  const binary = BINARY[suffix];
  let exponent = binary === undefined ? DECIMAL[suffix] : 0;
  if (binary !== undefined) num *= binary;
  if (exponent === undefined) exponent = Number(suffix.slice(1));
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return fraction(num, den);
}

function compare(a: Quantity, b: Quantity): bigint {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0n : left > right ? 1n : -1n;
}

function isInteger(q: Quantity): boolean {
  return q.den === 1n && q.num <= INT64_MAX && q.num >= INT64_MIN;
}

function approximate(q: Quantity): number {
  const whole = q.num / q.den;
  const rest = q.num - whole * q.den;
  return Number(whole) + Number((rest * 10n ** 18n) / q.den) / 1e18;
}

const plus = (a: Quantity, b: Quantity): Quantity => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
const ofInt = (n: bigint): Quantity => new Quantity(n, 1n);

/** Registers the quantity type and functions on an environment. */
export function registerQuantity(env: Environment): void {
  env
    .registerType('Quantity', Quantity)
    .registerFunction('quantity(string): Quantity', (text: string) => {
      const parsed = parseQuantity(text);
      if (parsed === undefined)
        throw celError(
          `quantities must match the regular expression '${QUANTITY.source}': ${JSON.stringify(text)}`,
        );
      return parsed;
    })
    .registerFunction('isQuantity(string): bool', (text: string) => parseQuantity(text) !== undefined)
    .registerFunction('Quantity.isInteger(): bool', isInteger)
    .registerFunction('Quantity.asInteger(): int', (q: Quantity) => {
      if (!isInteger(q))
        throw celError('cannot convert value to integer: the quantity is not an integer or overflows int64');
      return q.num;
    })
    .registerFunction('Quantity.asApproximateFloat(): double', approximate)
    .registerFunction('Quantity.sign(): int', (q: Quantity) => (q.num === 0n ? 0n : q.num > 0n ? 1n : -1n))
    .registerFunction('Quantity.add(Quantity): Quantity', plus)
    .registerFunction('Quantity.add(int): Quantity', (a: Quantity, n: bigint) => plus(a, ofInt(n)))
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: Quantity, b: Quantity) =>
      plus(a, new Quantity(-b.num, b.den)),
    )
    .registerFunction('Quantity.sub(int): Quantity', (a: Quantity, n: bigint) => plus(a, ofInt(-n)))
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: Quantity, b: Quantity) => compare(a, b) < 0n)
    .registerFunction(
      'Quantity.isGreaterThan(Quantity): bool',
      (a: Quantity, b: Quantity) => compare(a, b) > 0n,
    )
    .registerFunction('Quantity.compareTo(Quantity): int', compare)
    .registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => compare(a, b) === 0n);
}

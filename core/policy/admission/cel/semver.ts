/**
 * The Kubernetes semver library for CEL: `semver()`, `isSemver()`, `major`/`minor`/`patch`,
 * `isLessThan`, `isGreaterThan`, `compareTo` (k8s.io/apiserver/pkg/cel/library semverlib.go):
 * Semantic Versioning 2.0.0, with the optional normalizing second argument.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

/** A parsed version. */
export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly prerelease: readonly string[],
  ) {}
}

const NUMBER = '(0|[1-9]\\d*)';
const IDENT = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const SEMVER = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$`,
);

function normalize(text: string): string | undefined {
  const parts = text.replace(/^v/, '').split('.', 3);
  const trimmed = parts.map((part) => {
    if (part.length <= 1) return part;
    const stripped = part.replace(/^0+/, '');
    return stripped === '' || !/^\d/.test(stripped) ? `0${stripped}` : stripped;
  });
  if (trimmed.length < 3 && /[+-]/.test(trimmed[trimmed.length - 1] ?? '')) return undefined;
  while (trimmed.length < 3) trimmed.push('0');
  return trimmed.join('.');
}

/** The version a string spells, or undefined. */
export function parseSemver(text: string, normalizing = false): Semver | undefined {
  const source = normalizing ? normalize(text) : text;
  const match = source === undefined ? null : SEMVER.exec(source);
  if (match === null) return undefined;
  const [, major = '0', minor = '0', patch = '0', pre] = match;
  return new Semver(BigInt(major), BigInt(minor), BigInt(patch), pre === undefined ? [] : pre.split('.'));
}

function compareIdentifiers(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 by Semantic Versioning precedence. */
export function compareSemver(a: Semver, b: Semver): bigint {
  for (const key of ['major', 'minor', 'patch'] as const)
    if (a[key] !== b[key]) return a[key] < b[key] ? -1n : 1n;
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return BigInt(Math.sign(b.prerelease.length - a.prerelease.length));
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i] as string, b.prerelease[i] as string);
    if (order !== 0) return BigInt(order);
  }
  return BigInt(Math.sign(a.prerelease.length - b.prerelease.length));
}

function semverOf(text: string, normalizing = false): Semver {
  const parsed = parseSemver(text, normalizing);
  if (parsed === undefined) throw celError(`invalid semantic version ${JSON.stringify(text)}`);
  return parsed;
}

/** Registers the semver type and functions. */
export function registerSemver(env: Environment): void {
  env
    .registerType('Semver', Semver)
    .registerFunction('semver(string): Semver', (text: string) => semverOf(text))
    .registerFunction('semver(string, bool): Semver', semverOf)
    .registerFunction('isSemver(string): bool', (text: string) => parseSemver(text) !== undefined)
    .registerFunction(
      'isSemver(string, bool): bool',
      (text: string, n: boolean) => parseSemver(text, n) !== undefined,
    )
    .registerFunction('Semver.major(): int', (v: Semver) => v.major)
    .registerFunction('Semver.minor(): int', (v: Semver) => v.minor)
    .registerFunction('Semver.patch(): int', (v: Semver) => v.patch)
    .registerFunction('Semver.isLessThan(Semver): bool', (a: Semver, b: Semver) => compareSemver(a, b) < 0n)
    .registerFunction(
      'Semver.isGreaterThan(Semver): bool',
      (a: Semver, b: Semver) => compareSemver(a, b) > 0n,
    )
    .registerFunction('Semver.compareTo(Semver): int', compareSemver)
    .registerOperator('Semver == Semver', (a: Semver, b: Semver) => compareSemver(a, b) === 0n);
}

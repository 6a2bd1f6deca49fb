/**
 * The Kubernetes regex library for CEL: `find` and `findAll`
 * (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-regex-library). Patterns are RE2
 * in Kubernetes; JavaScript's `u` regular expressions read the common subset the same way.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

const cache = new Map<string, RegExp>();

/** The compiled pattern (global), or an evaluation error naming it. */
export function compileRegex(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex !== undefined) return regex;
  try {
    regex = new RegExp(pattern, 'gu');
  } catch {
    throw celError(`invalid regular expression ${JSON.stringify(pattern)}`);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, regex);
  return regex;
}

function findAll(text: string, pattern: string, limit: bigint): string[] {
  const regex = compileRegex(pattern);
  const found: string[] = [];
  if (limit === 0n) return found;
  for (const match of text.matchAll(regex)) {
    found.push(match[0]);
    if (limit > 0n && BigInt(found.length) >= limit) break;
  }
  return found;
}

/** Registers `find` and `findAll`. */
export function registerRegex(env: Environment): void {
  env
    .registerFunction('string.find(string): string', (text: string, pattern: string) => {
      const regex = compileRegex(pattern);
      regex.lastIndex = 0;
      return regex.exec(text)?.[0] ?? '';
    })
    .registerFunction('string.findAll(string): list<string>', (text: string, pattern: string) =>
      findAll(text, pattern, -1n),
    )
    .registerFunction('string.findAll(string, int): list<string>', findAll);
}

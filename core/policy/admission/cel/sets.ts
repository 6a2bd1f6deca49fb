/**
 * cel-go's sets extension, which Kubernetes enables: `sets.contains`, `sets.equivalent`,
 * `sets.intersects` on lists, with CEL equality (so `1` and `1.0` are the same element).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celEqual } from './cel-compare.ts';

class SetsNamespace {}

const has = (list: unknown[], item: unknown): boolean => list.some((value) => celEqual(value, item));
const contains = (list: unknown[], sub: unknown[]): boolean => sub.every((item) => has(list, item));

/** Registers the `sets` functions. */
export function registerSets(env: Environment): void {
  env
    .registerType('SetsNamespace', SetsNamespace)
    .registerConstant('sets', 'SetsNamespace', new SetsNamespace())
    .registerFunction(
      'SetsNamespace.contains(list, list): bool',
      (_ns: SetsNamespace, a: unknown[], b: unknown[]) => contains(a, b),
    )
    .registerFunction(
      'SetsNamespace.equivalent(list, list): bool',
      (_ns: SetsNamespace, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a),
    )
    .registerFunction(
      'SetsNamespace.intersects(list, list): bool',
      (_ns: SetsNamespace, a: unknown[], b: unknown[]) => a.some((item) => has(b, item)),
    );
}

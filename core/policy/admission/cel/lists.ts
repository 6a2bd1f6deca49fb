/**
 * The Kubernetes list library for CEL: `sum`, `min`, `max`, `indexOf`, `lastIndexOf`, `isSorted`
 * (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-list-library).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celCompare, celEqual } from './cel-compare.ts';
import { celError } from './cel-error.ts';

function sum(list: unknown[]): unknown {
  if (list.length === 0) return 0n;
  let total = list[0];
  for (const item of list.slice(1)) {
    if (typeof total === 'bigint' && typeof item === 'bigint') total += item;
    else if (typeof total === 'number' && typeof item === 'number') total += item;
    else throw celError('sum() needs a list of ints, uints or doubles of one type');
  }
  if (typeof total !== 'bigint' && typeof total !== 'number') throw celError('sum() needs a list of numbers');
  return total;
}

function extreme(name: string, prefer: number): (list: unknown[]) => unknown {
  return (list) => {
    if (list.length === 0) throw celError(`${name} called on empty list`);
    let best = list[0];
    for (const item of list.slice(1)) if (celCompare(best, item) === prefer) best = item;
    return best;
  };
}

/** Registers the list functions. */
export function registerLists(env: Environment): void {
  env
    .registerFunction('list.sum(): dyn', sum)
    .registerFunction('list.min(): dyn', extreme('min', 1))
    .registerFunction('list.max(): dyn', extreme('max', -1))
    .registerFunction('list.indexOf(dyn): int', (list: unknown[], item: unknown) =>
      BigInt(list.findIndex((value) => celEqual(value, item))),
    )
    .registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], item: unknown) =>
      BigInt(list.findLastIndex((value) => celEqual(value, item))),
    )
    .registerFunction('list.isSorted(): bool', (list: unknown[]) =>
      list.every((item, i) => i === 0 || celCompare(list[i - 1], item) <= 0),
    );
}

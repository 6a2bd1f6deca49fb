/**
 * Two-variable comprehensions (cel-go's ext.TwoVarComprehensions, enabled by Kubernetes):
 * `list.all(i, v, p)`, `map.exists(k, v, p)`, `existsOne(k, v, p)`. cel-js has only the one-variable
 * macros; these are macros over its AST, so the predicate is compiled once.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './cel-error.ts';

/* The macro hooks of cel-js (README "Custom macros"); its types leave them untyped. */
interface MacroNode {
  op: string;
  args: unknown;
}
interface OverlayContext {
  forkWithVariable(name: string, type: unknown): OverlayContext;
  reuse(parent: unknown): OverlayContext;
  setIterValue(value: unknown, evaluator: unknown): OverlayContext;
}
interface Checker {
  getType(name: string): unknown;
  check(node: MacroNode, ctx: OverlayContext): unknown;
}
interface Evaluator {
  run(node: MacroNode, ctx: unknown): unknown;
}
interface Macro {
  receiver: MacroNode;
  names: [string, string];
  predicate: MacroNode;
  first?: OverlayContext;
  second?: OverlayContext;
}

type Quantifier = (outcomes: Iterable<boolean>) => boolean;

const QUANTIFIERS: Record<string, Quantifier> = {
  all: (outcomes) => {
    for (const outcome of outcomes) if (!outcome) return false;
    return true;
  },
  exists: (outcomes) => {
    for (const outcome of outcomes) if (outcome) return true;
    return false;
  },
  existsOne: (outcomes) => {
    let count = 0;
    for (const outcome of outcomes) if (outcome) count++;
    return count === 1;
  },
};

function pairs(collection: unknown): [unknown, unknown][] {
  if (Array.isArray(collection)) return collection.map((value, index) => [BigInt(index), value]);
  if (collection instanceof Map) return [...(collection as Map<unknown, unknown>).entries()];
  if (collection !== null && typeof collection === 'object') return Object.entries(collection);
  throw celError('a two-variable comprehension needs a list or a map');
}

function identifier(node: MacroNode, name: string): string {
  if (node.op !== 'id' || typeof node.args !== 'string')
    throw celError(`${name}(var, var, predicate): the variables must be names`);
  return node.args;
}

function expander(name: string, quantifier: Quantifier) {
  return ({ args, receiver }: { args: MacroNode[]; receiver: MacroNode }) => {
    const [first, second, predicate] = args as [MacroNode, MacroNode, MacroNode];
    const macro: Macro = { receiver, names: [identifier(first, name), identifier(second, name)], predicate };
    return {
      args,
      receiver,
      async: false,
      typeCheck(checker: Checker, _m: unknown, ctx: OverlayContext) {
        checker.check(receiver, ctx);
        const dyn = checker.getType('dyn');
        macro.first = ctx.forkWithVariable(macro.names[0], dyn);
        macro.second = macro.first.forkWithVariable(macro.names[1], dyn);
        checker.check(predicate, macro.second);
        return checker.getType('bool');
      },
      evaluate(evaluator: Evaluator, _m: unknown, ctx: unknown) {
        const outer = macro.first as OverlayContext;
        const inner = macro.second as OverlayContext;
        function* outcomes(): Generator<boolean> {
          for (const [key, value] of pairs(evaluator.run(receiver, ctx))) {
            outer.reuse(ctx).setIterValue(key, evaluator);
            inner.reuse(outer).setIterValue(value, evaluator);
            const result = evaluator.run(predicate, inner);
            if (typeof result !== 'boolean')
              throw celError(`${name}(var, var, predicate): the predicate must give a bool`);
            yield result;
          }
        }
        return quantifier(outcomes());
      },
    };
  };
}

/** Registers `all`, `exists` and `existsOne` with two variables, on lists and maps alike. */
export function registerComprehensions(env: Environment): void {
  for (const [name, quantifier] of Object.entries(QUANTIFIERS))
    for (const receiver of ['list', 'map'])
      env.registerFunction(`${receiver}.${name}(ast, ast, ast): bool`, expander(name, quantifier) as never);
}

import { describe, expect, it } from 'vitest';
import { admissionEnvironment } from '../../../../../core/policy/admission/cel/admission-environment.ts';
import { estimatedCost, expressionShape } from '../../../../../core/policy/admission/cel/cel-cost.ts';
import { celValue, jsonSize } from '../../../../../core/policy/admission/cel/cel-values.ts';

const env = admissionEnvironment();

describe('the cost bound', () => {
  it.each([
    ['object.spec.replicas <= 5', 0],
    ['object.spec.containers.all(c, c.image != "")', 1],
    ['object.a.all(x, object.b.exists(y, x == y))', 2],
    ['object.a.map(x, x + 1).filter(y, y > 2).exists(z, z == 3)', 1],
    ['object.m.all(k, v, object.l.all(i, w, w == v))', 2],
    ['cel.bind(xs, object.a, xs.all(x, x > 0))', 1],
  ])('%s nests %d comprehensions', (expression, loopDepth) => {
    expect(expressionShape(env.parse(expression).ast).loopDepth).toBe(loopDepth);
  });

  it('multiplies the size of the expression by the input for each level', () => {
    const shape = expressionShape(env.parse('object.a.all(x, object.b.exists(y, x == y))').ast);
    expect(estimatedCost(shape, 100)).toBe(shape.nodes * 100 * 100);
    expect(estimatedCost({ nodes: 7, loopDepth: 0 }, 1e9)).toBe(7);
  });
});

describe('JSON values as CEL values', () => {
  it('makes integral numbers ints and leaves other numbers doubles', () => {
    expect(celValue({ replicas: 3, ratio: 0.5, big: 2 ** 60, list: [1, 'a', null, true] })).toEqual({
      replicas: 3n,
      ratio: 0.5,
      big: 2 ** 60,
      list: [1n, 'a', null, true],
    });
  });

  it('counts the values of a document', () => {
    expect(jsonSize({ a: [1, 2], b: { c: 'x' } })).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// cel-go's two-variable comprehensions (ext.TwoVarComprehensions): over a list the first variable
// is the index, over a map the key.
const object = { list: [1n, 2n, 3n], labels: { app: 'web', tier: 'front' } };

describe('two-variable comprehensions', () => {
  it.each([
    ['object.list.all(i, v, v == i + 1)', true],
    ['object.list.exists(i, v, i == 2 && v == 3)', true],
    ['object.list.exists(i, v, v > 3)', false],
    ['object.list.existsOne(i, v, v > 2)', true],
    ["object.labels.all(k, v, k.size() > 2 && v != '')", true],
    ["object.labels.exists(k, v, k == 'app' && v == 'web')", true],
    ["{'a': 1, 'b': 2}.existsOne(k, v, v == 2)", true],
    ['[1, 2].all(i, v, v > i)', true],
    ['object.list.all(x, x > 0)', true],
  ])('%s is %s', (expression, expected) => {
    expect(celEval(expression, object)).toEqual(expected);
  });

  it('a predicate that is not a bool is an error', () => {
    expect(celErrorOf('object.list.all(i, v, v)', object)).toContain('predicate must give a bool');
  });
});

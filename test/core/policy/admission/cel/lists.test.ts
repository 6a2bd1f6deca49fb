import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// The examples of https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-list-library and
// of the library's godoc (k8s.io/apiserver/pkg/cel/library, Lists).
const object = {
  names: ['alpha', 'beta', 'gamma'],
  items: [{ weight: 0.25 }, { weight: 0.75 }],
  lowPriorities: [{ priority: 1n }, { priority: 3n }],
  highPriorities: [{ priority: 5n }, { priority: 9n }],
  first: ['zz', 'should-be-first'],
};

describe('the Kubernetes list library', () => {
  it.each([
    ['object.names.isSorted()', true],
    ['object.items.map(x, x.weight).sum() == 1.0', true],
    ['object.lowPriorities.map(x, x.priority).max() < object.highPriorities.map(x, x.priority).min()', true],
    ["object.first.indexOf('should-be-first') == 1", true],
    ['[1, 2, 3].isSorted()', true],
    ["['a', 'b', 'b', 'c'].isSorted()", true],
    ['[2.0, 1.0].isSorted()', false],
    ['[1].isSorted()', true],
    ['[].isSorted()', true],
    ['[1, 3].sum()', 4n],
    ['[1.0, 3.0].sum()', 4],
    ['[].sum()', 0n],
    ['[1, 3].min()', 1n],
    ['[1, 3].max()', 3n],
    ['[1].min()', 1n],
    ['[1, 2, 2, 3].indexOf(2)', 1n],
    ["['a', 'b', 'b', 'c'].lastIndexOf('b')", 2n],
    ['[1.0].indexOf(1.1)', -1n],
    ["[].indexOf('string')", -1n],
  ])('%s is %s', (expression, expected) => {
    expect(celEval(expression, object)).toEqual(expected);
  });

  it('min of an empty list is an error', () => {
    expect(celErrorOf('[].min()')).toBe('min called on empty list');
  });
});

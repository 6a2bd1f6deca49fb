import { describe, expect, it } from 'vitest';
import { celEval } from './cel-test-env.ts';

// The examples of cel-go's sets extension (ext.Sets), which Kubernetes enables.
describe('the sets extension', () => {
  it.each([
    ['sets.contains([], [])', true],
    ['sets.contains([], [1])', false],
    ['sets.contains([1, 2, 3, 4], [2, 3])', true],
    ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', true],
    ['sets.equivalent([], [])', true],
    ['sets.equivalent([1], [1, 1])', true],
    ['sets.equivalent([1], [1u, 1.0])', true],
    ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', true],
    ['sets.intersects([1], [])', false],
    ['sets.intersects([1], [1, 2])', true],
    ["sets.intersects(['a', 'b'], ['c'])", false],
  ])('%s is %s', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });
});

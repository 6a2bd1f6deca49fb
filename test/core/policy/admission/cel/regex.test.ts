import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-regex-library
describe('the Kubernetes regex library', () => {
  it.each([
    ["'abc 123'.find('[0-9]+')", '123'],
    ["'1, 2, 3, 4'.findAll('[0-9]+').map(x, int(x)).sum() < 100", true],
    ["'abc'.find('[0-9]+')", ''],
    ["'a1b2c3'.findAll('[0-9]')", ['1', '2', '3']],
    ["'a1b2c3'.findAll('[0-9]', 2)", ['1', '2']],
    ["'a1b2c3'.findAll('[0-9]', 0)", []],
  ])('%s is %j', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });

  it('an invalid pattern is an evaluation error', () => {
    expect(celErrorOf("'abc'.find('[')")).toBe('invalid regular expression "["');
  });
});

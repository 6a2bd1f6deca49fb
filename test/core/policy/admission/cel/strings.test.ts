import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// cel-go's extended strings library as Kubernetes enables it (charAt, indexOf, lastIndexOf,
// lowerAscii, upperAscii, replace, split, join, substring, trim, format, quote, reverse).
describe('string functions', () => {
  it.each([
    ["'hello'.charAt(1)", 'e'],
    ["'hello'.charAt(5)", ''],
    ["'hello mellow'.indexOf('ello')", 1n],
    ["'hello mellow'.lastIndexOf('ello')", 7n],
    ["'TacoCat'.lowerAscii()", 'tacocat'],
    ["'TacoCat'.upperAscii()", 'TACOCAT'],
    ["'hello hello'.replace('he', 'we')", 'wello wello'],
    ["'hello hello'.replace('he', 'we', 1)", 'wello hello'],
    ["'hello hello'.replace('he', 'we', 0)", 'hello hello'],
    ["'hello hello'.split(' ')", ['hello', 'hello']],
    ["['hello', 'mellow'].join(' ')", 'hello mellow'],
    ["'tacocat'.substring(4)", 'cat'],
    ["'tacocat'.substring(0, 4)", 'taco'],
    ["'  \\ttrim\\n '.trim()", 'trim'],
    ["'gums'.reverse()", 'smug'],
    ['strings.quote(\'single-quote with "double quote"\')', '"single-quote with \\"double quote\\""'],
    [
      "'this is a string: %s\\nand an integer: %d'.format(['str', 42])",
      'this is a string: str\nand an integer: 42',
    ],
    ["'%.3f'.format([1.0])", '1.000'],
    ["'%f'.format([3.5])", '3.500000'],
    ["'%e'.format([2345.6])", '2.345600e+03'],
    ["'%b %o %x %X'.format([5, 8, 255, 255])", '101 10 ff FF'],
    ["'%x'.format(['Hi'])", '4869'],
    ["'%s %s'.format([[1, 2], true])", '[1, 2] true'],
    ["'100%%'.format([])", '100%'],
  ])('%s gives %s', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });

  it.each([
    ["'%d'.format(['x'])", 'needs an integer'],
    ["'%s %s'.format(['x'])", 'index 1 out of range'],
    ["'%q'.format(['x'])", 'unrecognized formatting clause %q'],
  ])('%s is an error', (expression, message) => {
    expect(celErrorOf(expression)).toContain(message);
  });
});

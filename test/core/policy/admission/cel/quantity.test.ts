import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// The examples of https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library
describe('the Kubernetes quantity library', () => {
  it.each([
    ['quantity("500000G").isInteger()', true],
    ['quantity("50k").asInteger()', 50000n],
    ['quantity("9999999999999999999999999999999999999G").asApproximateFloat()', 1e46],
    ['quantity("50k").add(quantity("20k")).asInteger()', 70000n],
    ['quantity("50k").sub(20000).asInteger()', 30000n],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', 20n],
    ['quantity("200M").compareTo(quantity("0.2G"))', 0n],
    ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
    ['quantity("50M").isLessThan(quantity("100M"))', true],
    ['quantity("1Gi").isGreaterThan(quantity("1G"))', true],
    ['quantity("500m").asApproximateFloat()', 0.5],
    ['quantity("500m").isInteger()', false],
    ['quantity("-1.5").sign()', -1n],
    ['quantity("0").sign()', 0n],
    ['quantity("1e3").asInteger()', 1000n],
    ['quantity("1.5Gi") == quantity("1536Mi")', true],
    ['isQuantity("1.5G")', true],
    ['isQuantity("200K")', false],
    ['isQuantity("Three")', false],
    ['isQuantity("Mi")', false],
  ])('%s is %s', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });

  it.each([
    ['quantity("200K")', 'quantities must match'],
    ['quantity("500m").asInteger()', 'cannot convert value to integer'],
    ['quantity("10E").add(quantity("10E")).asInteger()', 'overflows int64'],
  ])('%s is an evaluation error', (expression, message) => {
    expect(celErrorOf(expression)).toContain(message);
  });
});

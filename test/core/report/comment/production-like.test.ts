import { describe, expect, it } from 'vitest';
import { isProductionLike } from '../../../../core/report/comment/production-like.ts';

describe('isProductionLike', () => {
  it.each([
    ['prod', true],
    ['eu-prod-1', true],
    ['production.us', true],
    ['prd', true],
    ['live', true],
    ['us_prod', true],
    ['product', false],
    ['prodigy', false],
    ['staging', false],
    ['delivery', false],
  ])('%s: %s', (name, expected) => {
    expect(isProductionLike(name)).toBe(expected);
  });

  it('follows the configuration for names that do not say it', () => {
    expect(isProductionLike('customer-a', ['customer-a'])).toBe(true);
    expect(isProductionLike('customer-b', ['customer-a'])).toBe(false);
  });
});

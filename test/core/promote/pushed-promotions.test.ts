import { describe, expect, it } from 'vitest';
import { pushedPromotions } from '../../../core/promote/pushed-promotions.ts';
import type { PromotionConfig } from '../../../core/render/environments/types.ts';

const FLAT = ['dev', 'staging', 'prod'];
const APPS = ['api/dev', 'api/staging', 'api/prod', 'web/dev', 'web/staging'];
const ORDER: PromotionConfig = { order: ['dev', 'staging', 'prod'] };

const promote = (source: string, target: string, from: string, to: string, app?: string) => ({
  source,
  target,
  command: { command: 'promote', from, to, images: [], ...(app === undefined ? {} : { app }) },
});

describe('pushedPromotions', () => {
  it.each([
    ['the next in the order', ['dev'], FLAT, ORDER, true, [promote('dev', 'staging', 'dev', 'staging')], []],
    [
      'each changed environment to its next, the last one said',
      ['dev', 'staging', 'prod'],
      FLAT,
      ORDER,
      true,
      [promote('dev', 'staging', 'dev', 'staging'), promote('staging', 'prod', 'staging', 'prod')],
      ['prod: the last environment of promotion.order, not promoted'],
    ],
    [
      'an environment outside the order',
      ['qa'],
      [...FLAT, 'qa'],
      ORDER,
      true,
      [],
      ['qa: not in promotion.order, not promoted'],
    ],
    [
      'APP/STAGE environments, stage to stage within their app',
      ['api/dev', 'web/staging'],
      APPS,
      ORDER,
      true,
      [promote('api/dev', 'api/staging', 'dev', 'staging', 'api')],
      ['web/staging: there is no environment web/prod to promote it to'],
    ],
    [
      'only the promotion.auto pairs',
      ['dev', 'staging'],
      FLAT,
      { ...ORDER, auto: [{ from: 'staging', to: 'prod' }] },
      true,
      [promote('staging', 'prod', 'staging', 'prod')],
      ['dev: no promotion.auto pair from dev, not promoted'],
    ],
    [
      'promotion.auto pairs without an order',
      ['dev'],
      FLAT,
      { auto: [{ from: 'dev', to: 'prod' }] },
      false,
      [promote('dev', 'prod', 'dev', 'prod')],
      [],
    ],
    [
      'nothing when auto is not set and the front door does not promote by default (the App)',
      ['dev'],
      FLAT,
      ORDER,
      false,
      [],
      ['promotion.auto is not set: nothing is promoted after a push'],
    ],
    [
      'nothing when promotion.auto is false, even for the action',
      ['dev'],
      FLAT,
      { ...ORDER, auto: false },
      true,
      [],
      ['promotion.auto is false: nothing is promoted after a push'],
    ],
    [
      'nothing without an order to read the next environment from',
      ['dev'],
      FLAT,
      {},
      true,
      [],
      ['promotion.order is not set: kubeproof does not know which environment comes next'],
    ],
    ['nothing, and nothing said, when no environment changed', [], FLAT, {}, true, [], []],
  ] as const)('%s', (_, changed, names, settings, byDefault, promotions, notes) => {
    expect(pushedPromotions(changed, names, settings as PromotionConfig, byDefault)).toEqual({
      promotions,
      notes,
    });
  });
});

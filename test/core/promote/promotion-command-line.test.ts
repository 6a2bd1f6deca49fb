import { describe, expect, it } from 'vitest';
import type { PromotionCommand } from '../../../core/promote/prepare-promotion.ts';
import { promotionCommandLine } from '../../../core/promote/promotion-command-line.ts';

describe('promotionCommandLine', () => {
  it.each<[PromotionCommand, string]>([
    [
      { command: 'promote', from: 'dev', to: 'staging', images: [] },
      'kubeproof promote --from dev --to staging',
    ],
    [
      { command: 'promote', from: 'staging', images: ['ghcr.io/acme/api'], app: 'api', tag: '1.2.0' },
      'kubeproof promote --from staging --app api --image ghcr.io/acme/api --tag 1.2.0',
    ],
    [
      {
        command: 'bump',
        env: 'dev',
        image: 'ghcr.io/acme/api',
        tag: '1.3.0',
        digest: `sha256:${'a'.repeat(64)}`,
      },
      `kubeproof bump --env dev --image ghcr.io/acme/api --tag 1.3.0 --digest sha256:${'a'.repeat(64)}`,
    ],
    [{ command: 'promote', from: "it's dev", images: [] }, `kubeproof promote --from 'it'\\''s dev'`],
  ])('%j', (request, line) => {
    expect(promotionCommandLine(request)).toBe(line);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { preparePromotion } from '../../../core/promote/prepare-promotion.ts';

const overlay = (tag: string) =>
  `resources:\n- ../../base\nimages:\n- name: ghcr.io/acme/web\n  newTag: "${tag}" # pinned\n`;

const REPO = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
  'base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0.0\n',
  'envs/dev/kustomization.yaml': overlay('1.3.0'),
  'envs/staging/kustomization.yaml': overlay('1.2.0'),
  'envs/prod/kustomization.yaml': overlay('1.1.0'),
  '.kubeproof.yaml': 'version: 1\npromotion:\n  order: [dev, staging, prod]\n',
};

describe('preparePromotion', () => {
  it('promotes to the next environment of promotion.order when no target is given', async () => {
    const prepared = await preparePromotion(memoryFileSource(REPO), {
      command: 'promote',
      from: 'staging',
      images: [],
    });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.pairs).toEqual([{ source: 'staging', target: 'prod' }]);
    expect(prepared.plan.files.map((file) => [file.path, file.text])).toEqual([
      ['envs/prod/kustomization.yaml', overlay('1.2.0')],
    ]);
  });

  it('bumps one environment to the version given', async () => {
    const prepared = await preparePromotion(memoryFileSource(REPO), {
      command: 'bump',
      env: 'dev',
      image: 'ghcr.io/acme/web',
      tag: '1.4.0',
    });
    expect(prepared.ok && prepared.plan.files.map((file) => file.text)).toEqual([overlay('1.4.0')]);
  });

  it('names the environments there are when the request names one that is not', async () => {
    const prepared = await preparePromotion(memoryFileSource(REPO), {
      command: 'bump',
      env: 'qa',
      image: 'ghcr.io/acme/web',
      tag: '1.4.0',
    });
    expect(prepared).toMatchObject({
      ok: false,
      reason: 'request',
      message: '"qa" is not an environment (environments: dev, prod, staging); see kubeproof environments',
    });
  });

  it('plans nothing when the config has errors, and returns them', async () => {
    const prepared = await preparePromotion(
      memoryFileSource({ ...REPO, '.kubeproof.yaml': 'version: 1\npromotion:\n  order: dev\n' }),
      { command: 'promote', from: 'staging', images: [] },
    );
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.reason).toBe('config');
    expect(prepared.findings[0]).toMatchObject({ path: '.kubeproof.yaml', line: 3, severity: 'error' });
  });
});

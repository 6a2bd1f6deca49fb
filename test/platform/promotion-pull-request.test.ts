import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../core/files/file-source.ts';
import { planPromotion } from '../../core/promote/plan-promotion.ts';
import {
  promotionBody,
  promotionBranch,
  promotionTitle,
  redactPatch,
} from '../../core/promote/promotion-pull-request-text.ts';
import type { Environment } from '../../core/render/environments/types.ts';
import { openPromotionPullRequest } from '../../platform/promotion-pull-request.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';

const ENVIRONMENTS: Environment[] = [
  { name: 'staging', path: 'envs/staging', source: 'folder', renderer: 'builtin' },
  { name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' },
];
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n' +
  '  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0.0\n';
const kustomization = (tag: string) =>
  `resources:\n- ../../base\nimages:\n- name: ghcr.io/acme/api\n  newTag: "${tag}" # set by kubeproof\n`;
const FILES = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
  'base/deployment.yaml': DEPLOYMENT,
  'envs/staging/kustomization.yaml': kustomization('1.3.0'),
  'envs/prod/kustomization.yaml': kustomization('1.2.0'),
};
const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

async function plan(files: Record<string, string> = FILES) {
  return planPromotion(ENVIRONMENTS, memoryFileSource(files), Object.keys(files), {
    pairs: [{ source: 'staging', target: 'prod' }],
    images: [],
    settings: {},
  });
}

function request(promotion: Awaited<ReturnType<typeof plan>>, files: Record<string, string> = FILES) {
  return {
    repo: { owner: 'acme', repo: 'gitops' },
    base: 'main',
    files: memoryFileSource(files),
    source: 'staging',
    target: 'prod',
    plan: promotion,
    command: 'kubeproof promote --from staging --to prod',
  };
}

describe('openPromotionPullRequest', () => {
  it('opens one pull request on kubeproof/promote/staging-to-prod with only the tag bytes changed', async () => {
    const port = createFakeGitHubPort();
    const outcome = await openPromotionPullRequest(request(await plan()), { port, log });

    expect(outcome).toMatchObject({
      status: 'opened',
      branch: 'kubeproof/promote/staging-to-prod',
      title: 'Promote api 1.3.0 to prod',
      pullRequest: { created: true, changed: true },
    });
    const [pr] = port.pullRequests;
    expect(pr?.labels).toEqual(['promotion']);
    expect(pr?.changes).toEqual([{ path: 'envs/prod/kustomization.yaml', content: kustomization('1.3.0') }]);
    expect(pr?.body).toContain('<!-- kubeproof:promotion staging -> prod -->');
    expect(pr?.body).toContain(
      '| `ghcr.io/acme/api` | `1.2.0` | `1.3.0` | `envs/prod/kustomization.yaml:5` |',
    );
    // The rendered change of prod, from the diff pipeline, and the patch.
    expect(pr?.body).toMatch(/What changes in prod, rendered/);
    expect(pr?.body).toContain('ghcr.io/acme/api:1.3.0');
    expect(pr?.body).toContain(
      '-  newTag: "1.2.0" # set by kubeproof\n+  newTag: "1.3.0" # set by kubeproof',
    );
    expect(pr?.commitMessage).toBe(
      'Promote api 1.3.0 to prod\n\nSet by kubeproof from staging:\n- ghcr.io/acme/api 1.3.0\n',
    );
  });

  it('a second run updates the same pull request and writes nothing when it is identical', async () => {
    const port = createFakeGitHubPort();
    const promotion = await plan();
    await openPromotionPullRequest(request(promotion), { port, log });
    const again = await openPromotionPullRequest(request(promotion), { port, log });

    expect(again).toMatchObject({ status: 'opened', pullRequest: { created: false, changed: false } });
    expect(port.pullRequests).toHaveLength(1);
  });

  it('opens nothing when prod already runs what staging runs, and writes nothing for a refused plan', async () => {
    const port = createFakeGitHubPort();
    const same = { ...FILES, 'envs/prod/kustomization.yaml': kustomization('1.3.0') };
    expect(await openPromotionPullRequest(request(await plan(same), same), { port, log })).toEqual({
      status: 'nothing-to-promote',
    });
    const latest = { ...FILES, 'envs/staging/kustomization.yaml': kustomization('latest') };
    const refused = await plan(latest);
    expect(
      await openPromotionPullRequest(request({ ...refused, refused: true }, latest), { port, log }),
    ).toEqual({
      status: 'refused',
    });
    expect(port.calls).toEqual([]);
  });
});

describe('the promotion pull request text', () => {
  it.each([
    ['staging', 'prod', 'kubeproof/promote/staging-to-prod'],
    ['api/staging', 'api/prod', 'kubeproof/promote/api-staging-to-api-prod'],
    [undefined, 'prod', 'kubeproof/promote/set-prod'],
    ['..', 'x.lock', 'kubeproof/promote/environment-to-x-lock'],
  ])('branch for %s -> %s: %s', (source, target, branch) => {
    expect(promotionBranch(source, target)).toBe(branch);
  });

  it('counts images in the title when several change', async () => {
    const promotion = await plan();
    const row = promotion.rows[0];
    if (row === undefined) throw new Error('no row');
    const two = { ...promotion, rows: [row, { ...row, image: 'ghcr.io/acme/worker', to: '2.0.0' }] };
    expect(promotionTitle(two, 'prod')).toBe('Promote 2 images to prod');
  });

  it('hides a secret-looking value that sits beside a tag in the patch context', () => {
    const patch =
      ' image:\n-  tag: 1.2.0\n+  tag: 1.3.0\n dbPassword: hunter2-canary\n "apiToken": abc123\n service: web\n';
    const redacted = redactPatch(patch);
    expect(redacted).not.toContain('hunter2-canary');
    expect(redacted).not.toContain('abc123');
    expect(redacted).toContain(' dbPassword: (redacted)');
    expect(redacted).toContain('+  tag: 1.3.0');
    expect(redacted).toContain(' service: web');
  });

  it("stays within GitHub's 65,536 characters, leaving out the largest parts first and saying so", async () => {
    const promotion = await plan();
    const huge = { ...promotion, patch: `${'+x\n'.repeat(30_000)}` };
    const options = {
      source: 'staging',
      target: 'prod',
      command: 'kubeproof promote',
      renderedDiff: 'r'.repeat(30_000),
    };
    const body = promotionBody(huge, options);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('What changes in prod, rendered');
    expect(body).not.toContain('The patch');
    expect(body).toContain('Parts of this description were left out');
    expect(promotionBody(promotion, options)).not.toContain('left out');
  });
});

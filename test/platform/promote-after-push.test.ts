import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../core/files/file-source.ts';
import type { PromotionPullRequest } from '../../platform/github/github-port.ts';
import { promoteAfterPush, type PushPromotionRequest } from '../../platform/promote-after-push.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';

const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n' +
  '  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0.0\n';
const kustomization = (tag: string) =>
  `resources:\n- ../../base\nimages:\n- name: ghcr.io/acme/api\n  newTag: "${tag}"\n`;

function repository(
  tags: { dev: string; staging: string; prod: string },
  config = 'promotion:\n  order: [dev, staging, prod]\n',
) {
  return {
    '.kubeproof.yaml': `version: 1\n${config}`,
    'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'envs/dev/kustomization.yaml': kustomization(tags.dev),
    'envs/staging/kustomization.yaml': kustomization(tags.staging),
    'envs/prod/kustomization.yaml': kustomization(tags.prod),
    'README.md': '# gitops\n',
  };
}
const BEFORE = repository({ dev: '1.2.0', staging: '1.2.0', prod: '1.1.0' });
const AFTER_SHA = 'a'.repeat(40);

function push(
  after: Record<string, string>,
  extra: Partial<PushPromotionRequest> = {},
): PushPromotionRequest {
  return {
    repo: { owner: 'acme', repo: 'gitops' },
    branch: 'main',
    afterSha: AFTER_SHA,
    after: memoryFileSource(after),
    before: memoryFileSource(BEFORE),
    autoByDefault: true,
    ...extra,
  };
}

const opened = (port: ReturnType<typeof createFakeGitHubPort>) =>
  port.calls
    .filter((call) => call.method === 'openOrUpdatePullRequest')
    .map((call) => call.args[0] as PromotionPullRequest);

describe('promoteAfterPush', () => {
  it('promotes the environment the push changed to the next one, planned on the pushed commit', async () => {
    const port = createFakeGitHubPort();
    const after = repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' });

    const result = await promoteAfterPush(push(after), { port, log });

    expect(result.changed).toEqual(['dev']);
    expect(result.notes).toEqual([]);
    expect(
      result.outcomes.map(({ status, source, target, command, branch, title }) => ({
        status,
        source,
        target,
        command,
        branch,
        title,
      })),
    ).toEqual([
      {
        status: 'opened',
        source: 'dev',
        target: 'staging',
        command: 'kubeproof promote --from dev --to staging',
        branch: 'kubeproof/promote/dev-to-staging',
        title: 'Promote api 1.3.0 to staging',
      },
    ]);
    const [request] = opened(port);
    expect(request).toMatchObject({ base: 'main', baseSha: AFTER_SHA, labels: ['promotion'] });
    expect(request?.changes).toEqual([
      { path: 'envs/staging/kustomization.yaml', content: kustomization('1.3.0') },
    ]);
  });

  it('commits the paths under the folder the files come from (a working-directory)', async () => {
    const port = createFakeGitHubPort();
    const after = repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' });

    await promoteAfterPush(push(after, { prefix: 'deploy/gitops' }), { port, log });

    expect(opened(port)[0]?.changes.map((change) => change.path)).toEqual([
      'deploy/gitops/envs/staging/kustomization.yaml',
    ]);
  });

  it('updates the open pull request on the next push, and writes nothing when it already holds the change', async () => {
    const port = createFakeGitHubPort();
    await promoteAfterPush(push(repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' })), {
      port,
      log,
    });

    const newer = await promoteAfterPush(
      push(repository({ dev: '1.4.0', staging: '1.2.0', prod: '1.1.0' })),
      {
        port,
        log,
      },
    );
    const again = await promoteAfterPush(
      push(repository({ dev: '1.4.0', staging: '1.2.0', prod: '1.1.0' })),
      {
        port,
        log,
      },
    );

    expect(newer.outcomes.map((outcome) => outcome.status)).toEqual(['updated']);
    expect(again.outcomes.map((outcome) => outcome.status)).toEqual(['up-to-date']);
    expect(port.pullRequests.map((pr) => [pr.branch, pr.title])).toEqual([
      ['kubeproof/promote/dev-to-staging', 'Promote api 1.4.0 to staging'],
    ]);
  });

  it('promotes nothing for a push that changed no environment', async () => {
    const port = createFakeGitHubPort();

    const result = await promoteAfterPush(push({ ...BEFORE, 'README.md': '# changed\n' }), { port, log });

    expect(result).toEqual({ changed: [], outcomes: [], notes: [], findings: [] });
    expect(port.calls).toEqual([]);
  });

  it('says why the last environment of the order starts nothing', async () => {
    const port = createFakeGitHubPort();

    const result = await promoteAfterPush(
      push(repository({ dev: '1.2.0', staging: '1.2.0', prod: '1.2.0' })),
      {
        port,
        log,
      },
    );

    expect(result.changed).toEqual(['prod']);
    expect(result.notes).toEqual(['prod: the last environment of promotion.order, not promoted']);
    expect(port.calls).toEqual([]);
  });

  it('follows promotion.auto: the App promotes nothing when it is not set', async () => {
    const port = createFakeGitHubPort();

    const result = await promoteAfterPush(
      push(repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' }), { autoByDefault: false }),
      { port, log },
    );

    expect(result.notes).toEqual(['promotion.auto is not set: nothing is promoted after a push']);
    expect(port.calls).toEqual([]);
  });

  it('plans again on the new commit when the branch moved on after the push', async () => {
    const newer = repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' });
    const tip = 'b'.repeat(40);
    const port = createFakeGitHubPort({
      branchTips: { 'acme/gitops@main': tip },
      trees: {
        [`acme/gitops@${tip}`]: { ...newer, 'envs/staging/kustomization.yaml': kustomization('1.2.5') },
      },
    });

    const result = await promoteAfterPush(push(newer), { port, log });

    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['opened']);
    expect(port.calls.map((call) => call.method)).toEqual([
      'openOrUpdatePullRequest',
      'getTree',
      'openOrUpdatePullRequest',
    ]);
    // The retry's plan is made on the new commit's files, and says so.
    expect(opened(port)[1]).toMatchObject({ baseSha: tip });
    expect(port.pullRequests[0]?.body).toContain('1.2.5');
  });

  it('stops at a config with errors, and promotes nothing', async () => {
    const port = createFakeGitHubPort();
    const after = repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' }, 'promotion:\n  order: dev\n');

    const result = await promoteAfterPush(push(after), { port, log });

    expect(result.failure).toBe('.kubeproof.yaml has errors: fix them first; nothing was promoted');
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'config', line: 3 })]);
    expect(port.calls).toEqual([]);
  });

  it('promotes nothing for the push that created the branch, and says why', async () => {
    const port = createFakeGitHubPort();

    const result = await promoteAfterPush(
      push(repository({ dev: '1.3.0', staging: '1.2.0', prod: '1.1.0' }), { before: undefined }),
      { port, log },
    );

    expect(result.notes).toEqual([
      'the push created the branch: there is no commit before it to tell what changed; nothing was promoted',
    ]);
    expect(port.calls).toEqual([]);
  });

  it('reports a failing pair and goes on with the others', async () => {
    const port = createFakeGitHubPort({
      failures: {
        openOrUpdatePullRequest: new Error('the token lacks permission to open the promotion pull request'),
      },
    });
    const after = repository({ dev: '1.3.0', staging: '1.2.5', prod: '1.1.0' });

    const result = await promoteAfterPush(push(after), { port, log });

    expect(result.outcomes.map(({ source, status, message }) => ({ source, status, message }))).toEqual([
      {
        source: 'dev',
        status: 'failed',
        message: 'the token lacks permission to open the promotion pull request',
      },
      {
        source: 'staging',
        status: 'failed',
        message: 'the token lacks permission to open the promotion pull request',
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { promoteOnComment } from '../../../platform/app/promote-on-comment.ts';
import { promotePushed } from '../../../platform/app/promote-pushed.ts';
import { createTreeCache } from '../../../platform/app/tree-cache.ts';
import { createFakeGitHubPort } from '../../helpers/fake-github-port.ts';

const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const REPO = { owner: 'acme', repo: 'gitops' };
const BEFORE = '1'.repeat(40);
const AFTER = '2'.repeat(40);
const kustomization = (tag: string) => `images:\n- name: ghcr.io/acme/api\n  newTag: "${tag}"\n`;
const tree = (config: string, staging: string) => ({
  '.kubeproof.yaml': config,
  'envs/staging/kustomization.yaml': kustomization(staging),
  'envs/prod/kustomization.yaml': kustomization('1.2.0'),
});
const ORDER = 'version: 1\npromotion:\n  order: [staging, prod]\n';

describe('/kubeproof promote', () => {
  it('plans on the default branch as it is now and answers with the pull request', async () => {
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${AFTER}`]: tree(ORDER, '1.3.0') },
      branchTips: { 'acme/gitops@main': AFTER },
    });

    const reply = await promoteOnComment(REPO, { from: 'staging', images: [] }, { port, log });

    expect(reply).toBe('the promotion staging → prod is open: https://github.com/acme/gitops/pull/1');
    expect(port.pullRequests.map((pr) => [pr.branch, pr.base])).toEqual([
      ['kubeproof/promote/staging-to-prod', 'main'],
    ]);
  });

  it('says why nothing was promoted when the request names no environment', async () => {
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${AFTER}`]: tree(ORDER, '1.3.0') },
      branchTips: { 'acme/gitops@main': AFTER },
    });

    const reply = await promoteOnComment(REPO, { from: 'qa', images: [] }, { port, log });

    expect(reply.startsWith('nothing was promoted: ')).toBe(true);
    expect(port.pullRequests).toEqual([]);
  });
});

describe('a push to the default branch', () => {
  const trees = (config: string) => ({
    [`acme/gitops@${BEFORE}`]: tree(config, '1.2.0'),
    [`acme/gitops@${AFTER}`]: tree(config, '1.3.0'),
  });
  const push = { repo: REPO, branch: 'main', before: BEFORE, after: AFTER };

  it('opens the promotion of the changed environment when promotion.auto says so', async () => {
    const port = createFakeGitHubPort({
      trees: trees(`${ORDER}  auto: true\n`),
      branchTips: { 'acme/gitops@main': AFTER },
    });

    const result = await promotePushed(push, { port, log, trees: createTreeCache() });

    expect(result.changed).toEqual(['staging']);
    expect(result.outcomes.map((outcome) => [outcome.status, outcome.target])).toEqual([['opened', 'prod']]);
    expect(port.pullRequests[0]?.changes).toEqual([
      { path: 'envs/prod/kustomization.yaml', content: kustomization('1.3.0') },
    ]);
  });

  it('promotes nothing when promotion.auto is not set', async () => {
    const port = createFakeGitHubPort({ trees: trees(ORDER), branchTips: { 'acme/gitops@main': AFTER } });

    const result = await promotePushed(push, { port, log, trees: createTreeCache() });

    expect(result.outcomes).toEqual([]);
    expect(port.pullRequests).toEqual([]);
  });
});

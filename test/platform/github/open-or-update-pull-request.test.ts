import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { PromotionPullRequest } from '../../../platform/github/github-port.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const REPO = '/repos/octo/gitops';
const REQUEST: PromotionPullRequest = {
  owner: 'octo',
  repo: 'gitops',
  base: 'main',
  branch: 'kubeproof/promote-prod',
  title: 'Promote api to prod',
  body: 'Promotes api 1.2.3 from staging to prod.',
  commitMessage: 'promote api 1.2.3 to prod',
  changes: [
    { path: 'envs/prod/kustomization.yaml', content: 'images:\n- name: api\n  newTag: 1.2.3\n' },
    { path: 'envs/prod/old-patch.yaml', content: null },
  ],
};

function mockTreeAndCommit(sent: unknown[]): void {
  nock(API)
    .get(`${REPO}/git/ref/heads%2Fmain`)
    .reply(200, { object: { sha: 'base-sha' } });
  nock(API)
    .get(`${REPO}/git/commits/base-sha`)
    .reply(200, { sha: 'base-sha', tree: { sha: 'base-tree' }, parents: [] });
  nock(API)
    .post(`${REPO}/git/trees`, (body) => (sent.push(body), true))
    .reply(201, { sha: 'new-tree' });
}

describe('openOrUpdatePullRequest', () => {
  it('creates the branch from base with one commit and opens the pull request', async () => {
    const sent: unknown[] = [];
    mockTreeAndCommit(sent);
    nock(API).get(`${REPO}/git/ref/heads%2Fkubeproof%2Fpromote-prod`).reply(404, { message: 'Not Found' });
    nock(API)
      .post(`${REPO}/git/commits`, {
        message: 'promote api 1.2.3 to prod',
        tree: 'new-tree',
        parents: ['base-sha'],
      })
      .reply(201, { sha: 'new-commit' });
    nock(API)
      .post(`${REPO}/git/refs`, { ref: 'refs/heads/kubeproof/promote-prod', sha: 'new-commit' })
      .reply(201, {});
    nock(API)
      .get(`${REPO}/pulls`)
      .query({ head: 'octo:kubeproof/promote-prod', base: 'main', state: 'open', per_page: 1 })
      .reply(200, []);
    nock(API)
      .post(`${REPO}/pulls`, {
        title: 'Promote api to prod',
        body: 'Promotes api 1.2.3 from staging to prod.',
        head: 'kubeproof/promote-prod',
        base: 'main',
      })
      .reply(201, { number: 12, html_url: 'https://github.com/octo/gitops/pull/12' });
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest(REQUEST);

    expect(result).toEqual({ number: 12, url: 'https://github.com/octo/gitops/pull/12', created: true });
    expect(sent).toEqual([
      {
        base_tree: 'base-tree',
        tree: [
          {
            path: 'envs/prod/kustomization.yaml',
            mode: '100644',
            type: 'blob',
            content: 'images:\n- name: api\n  newTag: 1.2.3\n',
          },
          { path: 'envs/prod/old-patch.yaml', mode: '100644', type: 'blob', sha: null },
        ],
      },
    ]);
  });

  it('force-moves an existing branch and updates its open pull request', async () => {
    mockTreeAndCommit([]);
    nock(API)
      .get(`${REPO}/git/ref/heads%2Fkubeproof%2Fpromote-prod`)
      .reply(200, { object: { sha: 'old-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/old-commit`)
      .reply(200, { sha: 'old-commit', tree: { sha: 'old-tree' }, parents: [{ sha: 'older-base' }] });
    nock(API).post(`${REPO}/git/commits`).reply(201, { sha: 'new-commit' });
    nock(API)
      .patch(`${REPO}/git/refs/heads%2Fkubeproof%2Fpromote-prod`, { sha: 'new-commit', force: true })
      .reply(200, {});
    nock(API)
      .get(`${REPO}/pulls`)
      .query(true)
      .reply(200, [{ number: 12, html_url: 'https://github.com/octo/gitops/pull/12' }]);
    nock(API)
      .patch(`${REPO}/pulls/12`, {
        title: 'Promote api to prod',
        body: 'Promotes api 1.2.3 from staging to prod.',
      })
      .reply(200, {});
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest(REQUEST);

    expect(result).toEqual({ number: 12, url: 'https://github.com/octo/gitops/pull/12', created: false });
  });

  it('commits nothing when the branch already holds the same change on the same base', async () => {
    mockTreeAndCommit([]);
    nock(API)
      .get(`${REPO}/git/ref/heads%2Fkubeproof%2Fpromote-prod`)
      .reply(200, { object: { sha: 'same-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/same-commit`)
      .reply(200, { sha: 'same-commit', tree: { sha: 'new-tree' }, parents: [{ sha: 'base-sha' }] });
    nock(API)
      .get(`${REPO}/pulls`)
      .query(true)
      .reply(200, [{ number: 12, html_url: 'https://github.com/octo/gitops/pull/12' }]);
    nock(API).patch(`${REPO}/pulls/12`).reply(200, {});
    const { port } = testPort();

    await port.openOrUpdatePullRequest(REQUEST);
  });

  it('says so when the base branch does not exist', async () => {
    nock(API).get(`${REPO}/git/ref/heads%2Fmain`).reply(404, { message: 'Not Found' });
    const { port } = testPort();

    await expect(port.openOrUpdatePullRequest(REQUEST)).rejects.toThrow(
      /base branch main of octo\/gitops does not exist/,
    );
  });
});

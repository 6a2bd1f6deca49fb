import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { PromotionPullRequest } from '../../../platform/github/github-port.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

/**
 * The promotion pull request over HTTP. Every call is an interceptor and nock refuses any other
 * (no network), so the interceptors of a test are the exact calls it makes: at most 8.
 */
const REPO = '/repos/octo/gitops';
const BRANCH = 'kubeproof/promote/staging-to-prod';
const BRANCH_PATH = encodeURIComponent(`heads/${BRANCH}`);
const REQUEST: PromotionPullRequest = {
  owner: 'octo',
  repo: 'gitops',
  base: 'main',
  branch: BRANCH,
  title: 'Promote api 1.2.3 to prod',
  body: 'Promotes api 1.2.3 from staging to prod.',
  commitMessage: 'promote api 1.2.3 to prod',
  labels: ['promotion'],
  changes: [
    { path: 'envs/prod/kustomization.yaml', content: 'images:\n- name: api\n  newTag: 1.2.3\n' },
    { path: 'envs/prod/old-patch.yaml', content: null },
  ],
};
const PULL = {
  number: 12,
  node_id: 'PR_kw12',
  html_url: 'https://github.com/octo/gitops/pull/12',
  title: REQUEST.title,
  body: REQUEST.body,
  labels: [{ name: 'promotion' }],
};

function mockBaseAndTree(sent: unknown[] = [], treeSha = 'new-tree'): void {
  nock(API)
    .get(`${REPO}/commits/main`)
    .reply(200, { sha: 'base-sha', commit: { tree: { sha: 'base-tree' } } });
  nock(API)
    .post(`${REPO}/git/trees`, (body) => (sent.push(body), true))
    .reply(201, { sha: treeSha });
}

describe('openOrUpdatePullRequest', () => {
  it('a first promotion: branch from base with one commit, the pull request, its label (7 calls)', async () => {
    const sent: unknown[] = [];
    mockBaseAndTree(sent);
    nock(API).get(`${REPO}/git/ref/${BRANCH_PATH}`).reply(404, { message: 'Not Found' });
    nock(API)
      .post(`${REPO}/git/commits`, {
        message: 'promote api 1.2.3 to prod',
        tree: 'new-tree',
        parents: ['base-sha'],
      })
      .reply(201, { sha: 'new-commit' });
    nock(API)
      .post(`${REPO}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: 'new-commit' })
      .reply(201, {});
    nock(API)
      .post(`${REPO}/pulls`, { title: REQUEST.title, body: REQUEST.body, head: BRANCH, base: 'main' })
      .reply(201, { ...PULL, labels: [] });
    nock(API)
      .post(`${REPO}/issues/12/labels`, { labels: ['promotion'] })
      .reply(200, []);
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest(REQUEST);

    expect(result).toEqual({ number: 12, url: PULL.html_url, created: true, changed: true });
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

  it('a new change for the same pair: force-moves the branch and updates the open pull request (8 calls)', async () => {
    mockBaseAndTree();
    nock(API)
      .get(`${REPO}/git/ref/${BRANCH_PATH}`)
      .reply(200, { object: { sha: 'old-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/old-commit`)
      .reply(200, { sha: 'old-commit', tree: { sha: 'old-tree' }, parents: [{ sha: 'older-base' }] });
    nock(API).post(`${REPO}/git/commits`).reply(201, { sha: 'new-commit' });
    nock(API).patch(`${REPO}/git/refs/${BRANCH_PATH}`, { sha: 'new-commit', force: true }).reply(200, {});
    nock(API)
      .get(`${REPO}/pulls`)
      .query({ head: `octo:${BRANCH}`, base: 'main', state: 'open', per_page: 1 })
      .reply(200, [{ ...PULL, title: 'Promote api 1.2.2 to prod', body: 'older' }]);
    nock(API).patch(`${REPO}/pulls/12`, { title: REQUEST.title, body: REQUEST.body }).reply(200, {});
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest(REQUEST);

    expect(result).toEqual({ number: 12, url: PULL.html_url, created: false, changed: true });
  });

  it('a second run with the same promotion writes nothing and opens no second pull request (5 reads)', async () => {
    mockBaseAndTree();
    nock(API)
      .get(`${REPO}/git/ref/${BRANCH_PATH}`)
      .reply(200, { object: { sha: 'same-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/same-commit`)
      .reply(200, { sha: 'same-commit', tree: { sha: 'new-tree' }, parents: [{ sha: 'base-sha' }] });
    nock(API).get(`${REPO}/pulls`).query(true).reply(200, [PULL]);
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest(REQUEST);

    expect(result).toEqual({ number: 12, url: PULL.html_url, created: false, changed: false });
  });

  it('the same change on a base that moved on: a new commit on the new base, the pull request kept', async () => {
    mockBaseAndTree();
    nock(API)
      .get(`${REPO}/git/ref/${BRANCH_PATH}`)
      .reply(200, { object: { sha: 'same-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/same-commit`)
      .reply(200, { sha: 'same-commit', tree: { sha: 'new-tree' }, parents: [{ sha: 'older-base' }] });
    nock(API)
      .post(`${REPO}/git/commits`, (body) => body.parents[0] === 'base-sha')
      .reply(201, { sha: 'c2' });
    nock(API).patch(`${REPO}/git/refs/${BRANCH_PATH}`).reply(200, {});
    nock(API).get(`${REPO}/pulls`).query(true).reply(200, [PULL]);
    const { port } = testPort();

    expect(await port.openOrUpdatePullRequest(REQUEST)).toMatchObject({ created: false, changed: true });
  });

  it('turns on auto-merge when asked, and says why when the repository does not allow it', async () => {
    const enable = (reply: object) => {
      mockBaseAndTree();
      nock(API)
        .get(`${REPO}/git/ref/${BRANCH_PATH}`)
        .reply(200, { object: { sha: 'same-commit' } });
      nock(API)
        .get(`${REPO}/git/commits/same-commit`)
        .reply(200, { sha: 'same-commit', tree: { sha: 'new-tree' }, parents: [{ sha: 'base-sha' }] });
      nock(API).get(`${REPO}/pulls`).query(true).reply(200, [PULL]);
      nock(API)
        .post(
          '/graphql',
          (body) => body.variables.id === 'PR_kw12' && body.variables.mergeMethod === 'SQUASH',
        )
        .reply(200, reply);
    };
    const { port } = testPort();

    enable({ data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    expect(await port.openOrUpdatePullRequest({ ...REQUEST, autoMerge: 'squash' })).not.toHaveProperty(
      'autoMergeError',
    );

    enable({ errors: [{ message: 'Pull request Auto merge is not allowed for this repository' }] });
    const refused = await port.openOrUpdatePullRequest({ ...REQUEST, autoMerge: 'squash' });
    expect(refused.autoMergeError).toMatch(/Auto merge is not allowed/);
    expect(refused.number).toBe(12);
  });

  it('says so when the base branch does not exist', async () => {
    nock(API).get(`${REPO}/commits/main`).reply(422, { message: 'No commit found for SHA: main' });
    const { port } = testPort();

    await expect(port.openOrUpdatePullRequest(REQUEST)).rejects.toThrow(
      /base branch main of octo\/gitops does not exist/,
    );
  });

  it('writes nothing when the base branch is no longer at the commit the promotion was planned on', async () => {
    nock(API)
      .get(`${REPO}/commits/main`)
      .reply(200, { sha: 'b'.repeat(40), commit: { tree: { sha: 'base-tree' } } });
    const { port } = testPort();

    await expect(port.openOrUpdatePullRequest({ ...REQUEST, baseSha: 'a'.repeat(40) })).rejects.toThrow(
      "main moved from aaaaaaa to bbbbbbb after the promotion was planned: nothing was written; plan it again on main's new commit",
    );
  });

  it('goes on when the base branch is at the commit the promotion was planned on', async () => {
    nock(API)
      .get(`${REPO}/commits/main`)
      .reply(200, { sha: 'base-sha', commit: { tree: { sha: 'base-tree' } } });
    nock(API).post(`${REPO}/git/trees`).reply(201, { sha: 'new-tree' });
    nock(API)
      .get(`${REPO}/git/ref/${BRANCH_PATH}`)
      .reply(200, { object: { sha: 'branch-commit' } });
    nock(API)
      .get(`${REPO}/git/commits/branch-commit`)
      .reply(200, { sha: 'branch-commit', tree: { sha: 'new-tree' }, parents: [{ sha: 'base-sha' }] });
    nock(API).get(`${REPO}/pulls`).query(true).reply(200, [PULL]);
    const { port } = testPort();

    const result = await port.openOrUpdatePullRequest({ ...REQUEST, baseSha: 'base-sha' });

    expect(result).toEqual({ number: 12, url: PULL.html_url, created: false, changed: false });
  });
});

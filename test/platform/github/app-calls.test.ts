import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../platform/github/github-api-error.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const REPO = { owner: 'octo', repo: 'gitops' };
const PR = { ...REPO, number: 7 };

describe('the calls the App makes besides publishing', () => {
  it('reads a pull request as it stands now', async () => {
    nock(API)
      .get('/repos/octo/gitops/pulls/7')
      .reply(200, {
        number: 7,
        state: 'open',
        draft: false,
        head: { sha: 'h2', ref: 'feature' },
        base: { sha: 'b1', ref: 'main' },
      });
    const { port } = testPort();

    expect(await port.getPullRequest(PR)).toEqual({
      number: 7,
      state: 'open',
      draft: false,
      headSha: 'h2',
      baseSha: 'b1',
      baseRef: 'main',
    });
  });

  it('lists the latest check runs of one name on a commit', async () => {
    nock(API)
      .get('/repos/octo/gitops/commits/h2/check-runs')
      .query({ check_name: 'kubeproof', filter: 'latest', per_page: 100 })
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 5,
            html_url: 'https://github.com/octo/gitops/runs/5',
            status: 'completed',
            conclusion: 'success',
            started_at: '2026-12-07T10:00:00Z',
            app: { id: 42 },
          },
        ],
      });
    const { port } = testPort();

    expect(await port.listCheckRuns({ ...REPO, sha: 'h2' }, 'kubeproof')).toEqual([
      {
        id: 5,
        url: 'https://github.com/octo/gitops/runs/5',
        status: 'completed',
        conclusion: 'success',
        startedAt: '2026-12-07T10:00:00Z',
        appId: 42,
      },
    ]);
  });

  it.each([
    ['admin', 200, { permission: 'admin', role_name: 'admin' }],
    ['write', 200, { permission: 'write', role_name: 'maintain' }],
    ['read', 200, { permission: 'read', role_name: 'triage' }],
    ['none', 404, { message: 'Not Found' }],
  ])("reads a user's permission as %s", async (expected, status, body) => {
    nock(API).get('/repos/octo/gitops/collaborators/mona/permission').reply(status, body);
    const { port } = testPort();

    expect(await port.getPermission(REPO, 'mona')).toBe(expected);
  });

  it('posts a comment once: a create is not repeated after a 502', async () => {
    const posted: unknown[] = [];
    nock(API)
      .post('/repos/octo/gitops/issues/7/comments', (body: unknown) => {
        posted.push(body);
        return true;
      })
      .reply(502, { message: 'Bad Gateway' });
    const { port } = testPort();

    await expect(port.postComment(PR, 'Promotion opened')).rejects.toBeInstanceOf(GitHubApiError);
    expect(posted).toEqual([{ body: 'Promotion opened' }]);
  });

  it('gives the posted comment its address', async () => {
    nock(API)
      .post('/repos/octo/gitops/issues/7/comments', { body: 'hello' })
      .reply(201, { id: 1, html_url: 'https://github.com/octo/gitops/pull/7#issuecomment-1' });
    const { port } = testPort();

    expect(await port.postComment(PR, 'hello')).toEqual({
      url: 'https://github.com/octo/gitops/pull/7#issuecomment-1',
    });
  });
});

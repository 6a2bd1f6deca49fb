import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAppDirectory } from '../../../platform/github/app-directory.ts';
import { API, testOctokit, useNock } from './github-test-kit.ts';

useNock();

const attempt = (id: number, guid: string, at: string, status = 'OK', code = 202) => ({
  id,
  guid,
  delivered_at: at,
  redelivery: false,
  status,
  status_code: code,
  event: 'pull_request',
  action: 'opened',
});

describe('createAppDirectory', () => {
  it("follows the deliveries' cursor until they are older than asked", async () => {
    nock(API)
      .get('/app/hook/deliveries')
      .query({ per_page: 100 })
      .reply(200, [attempt(9, 'g-9', '2026-12-07T11:50:00Z', 'Invalid HTTP Response: 503', 503)], {
        link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_8>; rel="next"`,
      });
    nock(API)
      .get('/app/hook/deliveries')
      .query({ per_page: 100, cursor: 'v1_8' })
      .reply(200, [attempt(8, 'g-8', '2026-12-07T11:40:00Z'), attempt(7, 'g-7', '2026-12-07T09:00:00Z')], {
        link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_6>; rel="next"`,
      });
    const directory = createAppDirectory(testOctokit(), async () => testOctokit());

    const deliveries = await directory.listDeliveries(Date.parse('2026-12-07T11:00:00Z'));

    expect(deliveries.map((delivery) => [delivery.id, delivery.guid, delivery.statusCode])).toEqual([
      [9, 'g-9', 503],
      [8, 'g-8', 202],
    ]);
  });

  it('asks for a redelivery once: a create is not repeated after a 502', async () => {
    let attempts = 0;
    nock(API)
      .post('/app/hook/deliveries/9/attempts')
      .times(4)
      .reply(() => {
        attempts++;
        return [502, { message: 'Bad Gateway' }];
      });
    const directory = createAppDirectory(testOctokit(), async () => testOctokit(), { sleep: async () => {} });

    await expect(directory.redeliver(9)).rejects.toThrow();
    expect(attempts).toBe(1);
    nock.cleanAll();
  });

  it('lists the repositories pushed since, and their open pull requests updated since', async () => {
    nock(API)
      .get('/installation/repositories')
      .query(true)
      .reply(200, {
        total_count: 2,
        repositories: [
          { name: 'gitops', owner: { login: 'acme' }, pushed_at: '2026-12-07T11:30:00Z' },
          { name: 'old', owner: { login: 'acme' }, pushed_at: '2025-01-01T00:00:00Z' },
        ],
      });
    nock(API)
      .get('/repos/acme/gitops/pulls')
      .query({ state: 'open', sort: 'updated', direction: 'desc', per_page: 100 })
      .reply(200, [
        {
          number: 4,
          updated_at: '2026-12-07T11:31:00Z',
          head: { sha: 'h' },
          base: { sha: 'b', ref: 'main' },
        },
        {
          number: 2,
          updated_at: '2026-11-01T00:00:00Z',
          head: { sha: 'x' },
          base: { sha: 'y', ref: 'main' },
        },
      ]);
    const directory = createAppDirectory(testOctokit(), async () => testOctokit());
    const since = Date.parse('2026-12-07T11:00:00Z');

    const repos = await directory.listRecentRepositories(77, since);
    const pulls = await directory.listOpenPullRequests(77, { owner: 'acme', repo: 'gitops' }, since);

    expect(repos).toEqual([{ owner: 'acme', repo: 'gitops' }]);
    expect(pulls).toEqual([
      { number: 4, state: 'open', draft: false, headSha: 'h', baseSha: 'b', baseRef: 'main' },
    ]);
  });
});

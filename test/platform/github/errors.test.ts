import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../platform/github/github-api-error.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const PR = { owner: 'octo', repo: 'gitops', number: 7 };
const COMMIT = { owner: 'octo', repo: 'gitops', sha: 'abc123' };
const COMMENTS = '/repos/octo/gitops/issues/7/comments';
const FILES = '/repos/octo/gitops/pulls/7/files';
const CHECK = {
  name: 'kubeproof',
  conclusion: 'success',
  title: 't',
  summary: 's',
  annotations: [],
} as const;

async function failure(promise: Promise<unknown>): Promise<GitHubApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitHubApiError);
  return error as GitHubApiError;
}

describe('GitHub API errors', () => {
  it('403 on a comment names the workflow permission to add', async () => {
    nock(API).get(COMMENTS).query(true).reply(200, []);
    nock(API).post(COMMENTS).reply(403, { message: 'Resource not accessible by integration' });
    const { port, sleeps } = testPort();

    const error = await failure(port.upsertComment(PR, 'report', ['x']));

    expect(error.status).toBe(403);
    expect(error.message).toContain('the token lacks permission to comment on the pull request');
    expect(error.message).toContain('add `permissions: pull-requests: write` to the workflow');
    expect(error.message).toContain('Resource not accessible by integration');
    expect(sleeps).toEqual([]);
  });

  it('403 on a check run asks for checks: write', async () => {
    nock(API)
      .post('/repos/octo/gitops/check-runs')
      .reply(403, { message: 'Resource not accessible by integration' });
    const { port } = testPort();

    const error = await failure(port.publishCheckRun(COMMIT, { ...CHECK, annotations: [] }));

    expect(error.message).toContain('`permissions: checks: write`');
    expect(error.operation).toBe('create the check run');
  });

  it('404 says what was not found and that the token may not see it', async () => {
    nock(API).get(FILES).query(true).reply(404, { message: 'Not Found' });
    const { port } = testPort();

    const error = await failure(port.listChangedFiles(PR));

    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^pull request octo\/gitops#7 not found, or the token cannot see it/);
  });

  it("422 carries GitHub's validation message", async () => {
    nock(API)
      .post('/repos/octo/gitops/check-runs')
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'CheckRun', code: 'invalid', message: 'head_sha is not a valid commit' }],
      });
    const { port } = testPort();

    const error = await failure(port.publishCheckRun(COMMIT, { ...CHECK, annotations: [] }));

    expect(error.status).toBe(422);
    expect(error.githubMessage).toBe('Validation Failed: head_sha is not a valid commit');
    expect(error.message).toBe(
      'GitHub rejected the request to create the check run: validation failed (GitHub said: Validation Failed: head_sha is not a valid commit)',
    );
  });

  it.each([
    [
      401,
      { message: 'Bad credentials' },
      /^the GitHub token was refused to list the files .*: it is missing, invalid or expired/,
    ],
    [
      403,
      { message: 'API rate limit exceeded for installation' },
      /^GitHub's rate limit stopped the call to list the files/,
    ],
  ])('%i says what happened without retrying', async (status, body, message) => {
    nock(API).get(FILES).query(true).reply(status, body);
    const { port, sleeps } = testPort();

    const error = await failure(port.listChangedFiles(PR));

    expect(error.message).toMatch(message);
    expect(sleeps).toEqual([]);
  });

  it('retries 5xx with backoff and succeeds', async () => {
    nock(API).get(FILES).query(true).reply(502, 'Bad Gateway');
    nock(API).get(FILES).query(true).reply(500, { message: 'Server Error' });
    nock(API)
      .get(FILES)
      .query(true)
      .reply(200, [{ filename: 'a.yaml', status: 'added' }]);
    const { port, sleeps } = testPort();

    const changed = await port.listChangedFiles(PR);

    expect(changed.files).toEqual([{ path: 'a.yaml', status: 'added' }]);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up on 5xx after 3 retries', async () => {
    nock(API).get(FILES).query(true).times(4).reply(500, { message: 'Server Error' });
    const { port, sleeps } = testPort();

    const error = await failure(port.listChangedFiles(PR));

    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(
      /^GitHub failed to list the files of pull request octo\/gitops#7 \(HTTP 500\) after 4 attempts; try again later/,
    );
  });

  it('honours retry-after on 429 and on secondary rate limits (403)', async () => {
    nock(API).get(FILES).query(true).reply(429, { message: 'Too Many Requests' }, { 'retry-after': '7' });
    nock(API)
      .get(FILES)
      .query(true)
      .reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '2' });
    nock(API).get(FILES).query(true).reply(200, []);
    const { port, sleeps } = testPort();

    await port.listChangedFiles(PR);

    expect(sleeps).toEqual([7000, 2000]);
  });

  it('retries network errors, then says GitHub could not be reached', async () => {
    nock(API)
      .get(FILES)
      .query(true)
      .times(4)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const { port, sleeps } = testPort();

    const error = await failure(port.listChangedFiles(PR));

    expect(sleeps).toHaveLength(3);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(
      /^cannot reach GitHub to list the files of pull request octo\/gitops#7 after 4 attempts: .*socket hang up/,
    );
    expect(error.message).toContain('GITHUB_API_URL');
  });

  it('a GraphQL FORBIDDEN error names the permission', async () => {
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [{ id: 1, node_id: 'IC_1', body: '<!-- kubeproof:old -->\nx' }]);
    nock(API).post(COMMENTS).reply(201, {});
    nock(API)
      .post('/graphql')
      .reply(200, {
        data: { m0: null },
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
      });
    const { port } = testPort();

    const error = await failure(port.upsertComment(PR, 'report', ['x'], { outdatedKeys: 'all' }));

    expect(error.status).toBe(403);
    expect(error.message).toContain(
      'minimize outdated kubeproof comments: add `permissions: pull-requests: write`',
    );
  });
});

describe('GitHub Enterprise Server (a custom GITHUB_API_URL)', () => {
  it('sends REST calls under the API URL and GraphQL to /api/graphql', async () => {
    const ghe = 'https://ghe.example.com';
    nock(ghe)
      .get('/api/v3/repos/octo/gitops/issues/7/comments')
      .query(true)
      .reply(200, [
        { id: 1, node_id: 'IC_1', body: '<!-- kubeproof:old -->\nx' },
        { id: 2, node_id: 'IC_2', body: '<!-- kubeproof:report -->\nx' },
      ]);
    nock(ghe)
      .post('/api/graphql')
      .reply(200, { data: { m0: { minimizedComment: { isMinimized: true } } } });
    const { port } = testPort({ baseUrl: `${ghe}/api/v3` });

    await port.upsertComment(PR, 'report', ['x'], { outdatedKeys: ['old'] });
  });
});

import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../platform/github/github-api-error.ts';
import {
  createOctokitGitHubPort,
  type OctokitGitHubPortOptions,
} from '../../../platform/github/octokit-github-port.ts';
import {
  startFakeGitHubServer,
  type FailureRule,
  type FakeGitHubServer,
} from '../../helpers/fake-github-server.ts';

/**
 * Behaviour of the GitHub port against HTTP (the fake GitHub on 127.0.0.1), whatever does the
 * retrying: these hold for the hand-written loop and for Octokit's retry and throttling plugins.
 */
const PR = { owner: 'acme', repo: 'gitops', number: 42 };
const FILES = /^\/repos\/acme\/gitops\/pulls\/42\/files$/;
const COMMENTS = /^\/repos\/acme\/gitops\/issues\/42\/comments$/;
/** The injected wall clock: 2027-01-15T08:00:00Z. */
const NOW = Date.UTC(2027, 0, 15, 8, 0, 0);

const servers: FakeGitHubServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function github(failures: FailureRule[], comments: string[] = []) {
  const server = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    pullFiles: { 42: [{ filename: 'envs/prod/kustomization.yaml', status: 'modified' }] },
    comments: { 42: comments },
    failures,
  });
  servers.push(server);
  return server;
}

/** The Action's Octokit at the fake server, with a clock and a sleep that only record. */
function portOf(server: FakeGitHubServer, options: OctokitGitHubPortOptions = {}) {
  const sleeps: number[] = [];
  const port = createOctokitGitHubPort(getOctokit('ghs_token', { baseUrl: server.url }), {
    sleep: async (ms) => void sleeps.push(ms),
    now: () => NOW,
    ...options,
  });
  return { port, sleeps };
}

const routes = (server: FakeGitHubServer) => server.calls.map((call) => `${call.method} ${call.path}`);

describe('a request that hangs', () => {
  it('is abandoned after requestTimeoutMs and tried again', async () => {
    const server = await github([
      { method: 'GET', path: FILES, status: 0, message: '', mode: 'hang', times: 1 },
    ]);
    const { port } = portOf(server, { requestTimeoutMs: 1_000 });

    const changed = await port.listChangedFiles(PR);

    expect(changed.files.map((file) => file.path)).toEqual(['envs/prod/kustomization.yaml']);
    expect(routes(server)).toEqual([
      'GET /repos/acme/gitops/pulls/42/files',
      'GET /repos/acme/gitops/pulls/42/files',
    ]);
  });

  it('fails with what happened when every try hangs', async () => {
    const server = await github([{ method: 'GET', path: FILES, status: 0, message: '', mode: 'hang' }]);
    const { port } = portOf(server, { requestTimeoutMs: 500, retries: 1 });

    const error = await port.listChangedFiles(PR).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(
      /^GitHub did not answer within 0\.5 s to list the files of pull request acme\/gitops#42 after 2 attempts; check the network/,
    );
    expect(routes(server)).toHaveLength(2);
  });
});

describe('the primary rate limit (403, x-ratelimit-remaining: 0)', () => {
  const limited = (resetInSeconds: number): FailureRule => ({
    method: 'GET',
    path: FILES,
    status: 403,
    message: 'API rate limit exceeded for installation ID 1.',
    times: 1,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + resetInSeconds),
    },
  });

  it('waits for a reset that is near, then retries', async () => {
    const server = await github([limited(20)]);
    const { port, sleeps } = portOf(server);

    const changed = await port.listChangedFiles(PR);

    expect(changed.files).toHaveLength(1);
    expect(routes(server)).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(20_000);
    expect(sleeps[0]).toBeLessThanOrEqual(60_000);
  });

  it('fails at once, saying until when, when the reset is far', async () => {
    const server = await github([limited(45 * 60)]);
    const { port, sleeps } = portOf(server);

    const error = await port.listChangedFiles(PR).catch((caught: unknown) => caught);

    expect(sleeps).toEqual([]);
    expect(routes(server)).toHaveLength(1);
    expect((error as GitHubApiError).status).toBe(403);
    expect((error as Error).message).toMatch(
      /^GitHub's rate limit for this token is used up until 2027-01-15T08:45:00\.000Z and stopped the call to list the files of pull request acme\/gitops#42; re-run the job after that time/,
    );
    expect((error as Error).message).not.toContain('permissions:');
  });
});

describe('a comment create that may have succeeded (5xx)', () => {
  const created = (server: FakeGitHubServer) => server.comments.get(42) ?? [];
  const posts = (server: FakeGitHubServer) =>
    server.calls.filter((call) => call.method === 'POST' && COMMENTS.test(call.path)).length;

  it('is not repeated when GitHub did create it: one comment, no duplicate', async () => {
    const server = await github([
      {
        method: 'POST',
        path: COMMENTS,
        status: 502,
        message: 'Bad Gateway',
        mode: 'after-applying',
        times: 1,
      },
    ]);
    const { port } = portOf(server);

    await port.upsertComment(PR, 'report', ['## kubeproof\nall good']);

    expect(created(server).map((comment) => comment.body)).toEqual([
      '<!-- kubeproof:report -->\n## kubeproof\nall good',
    ]);
    expect(posts(server)).toBe(1);
    expect(routes(server)).toEqual([
      'GET /repos/acme/gitops/issues/42/comments',
      'POST /repos/acme/gitops/issues/42/comments',
      'GET /repos/acme/gitops/issues/42/comments',
    ]);
  });

  it('is made again after listing when GitHub did not create it', async () => {
    const server = await github(
      [{ method: 'POST', path: COMMENTS, status: 500, message: 'Server Error', times: 1 }],
      ['LGTM'],
    );
    const { port } = portOf(server);

    await port.upsertComment(PR, 'report', ['## kubeproof\nall good']);

    expect(created(server).map((comment) => comment.body)).toEqual([
      'LGTM',
      '<!-- kubeproof:report -->\n## kubeproof\nall good',
    ]);
    expect(posts(server)).toBe(2);
  });

  it('is not repeated blindly when its answer is lost (timeout): one comment', async () => {
    const server = await github([
      { method: 'POST', path: COMMENTS, status: 0, message: '', mode: 'hang', times: 1 },
    ]);
    // The hanging POST was received: the fake server applies nothing, so it is made again once.
    const { port } = portOf(server, { requestTimeoutMs: 1_000 });

    await port.upsertComment(PR, 'report', ['x']);

    expect(created(server)).toHaveLength(1);
    expect(posts(server)).toBe(2);
    expect(routes(server).filter((route) => route.startsWith('GET'))).toHaveLength(2);
  });

  it('a refusal for a rate limit (429 retry-after) is retried: GitHub did not carry it out', async () => {
    const server = await github([
      {
        method: 'POST',
        path: COMMENTS,
        status: 429,
        message: 'You have exceeded a secondary rate limit',
        times: 1,
        headers: { 'retry-after': '3' },
      },
    ]);
    const { port, sleeps } = portOf(server);

    await port.upsertComment(PR, 'report', ['x']);

    expect(sleeps).toEqual([3_000]);
    expect(created(server)).toHaveLength(1);
  });
});

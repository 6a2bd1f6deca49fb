import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../platform/github/github-api-error.ts';
import { createOctokitGitHubPort } from '../../../platform/github/octokit-github-port.ts';
import {
  startFakeGitHubServer,
  type FailureRule,
  type FakeGitHubServer,
} from '../../helpers/fake-github-server.ts';

/** Who retries, against the fake GitHub on 127.0.0.1: one layer, whichever Octokit is given. */
const PR = { owner: 'acme', repo: 'gitops', number: 42 };
const FILES = /^\/repos\/acme\/gitops\/pulls\/42\/files$/;
const COMMENTS = /^\/repos\/acme\/gitops\/issues\/42\/comments$/;

const servers: FakeGitHubServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function github(failures: FailureRule[]) {
  const server = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    pullFiles: { 42: [{ filename: 'envs/prod/kustomization.yaml', status: 'modified' }] },
    failures,
  });
  servers.push(server);
  return server;
}

/** An Octokit with its own retry and throttling, as Probot's ProbotOctokit is: one retry, 1 ms apart. */
function probotLike(server: FakeGitHubServer) {
  return getOctokit(
    'ghs_token',
    {
      baseUrl: server.url,
      retry: { retries: 1, retryAfterBaseValue: 1 },
      throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
    },
    throttling,
    retry,
  );
}

const routes = (server: FakeGitHubServer) => server.calls.map((call) => `${call.method} ${call.path}`);
const failing = (times?: number): FailureRule => ({
  method: 'GET',
  path: FILES,
  status: 500,
  message: 'Server Error',
  ...(times === undefined ? {} : { times }),
});

describe('an Octokit that already retries (Probot)', () => {
  it('is retried by its own layer only: kubeproof adds no second one', async () => {
    const server = await github([failing()]);
    const sleeps: number[] = [];
    const port = createOctokitGitHubPort(probotLike(server), { sleep: async (ms) => void sleeps.push(ms) });

    const error = await port.listChangedFiles(PR).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(
      /^GitHub failed to list the files of pull request acme\/gitops#42 \(HTTP 500\)/,
    );
    // One attempt and Probot's one retry; kubeproof's three on top would make 8.
    expect(routes(server)).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('still abandons an attempt that hangs after requestTimeoutMs', async () => {
    const server = await github([
      { method: 'GET', path: FILES, status: 0, message: '', mode: 'hang', times: 1 },
    ]);
    const port = createOctokitGitHubPort(probotLike(server), { requestTimeoutMs: 500 });

    const changed = await port.listChangedFiles(PR);

    expect(changed.files).toHaveLength(1);
    expect(routes(server)).toHaveLength(2);
  });

  it('does not repeat a create that may have succeeded: it asks for no retries', async () => {
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
    const port = createOctokitGitHubPort(probotLike(server));

    await port.upsertComment(PR, 'report', ['x']);

    expect(server.comments.get(42)).toHaveLength(1);
    expect(routes(server)).toEqual([
      'GET /repos/acme/gitops/issues/42/comments',
      'POST /repos/acme/gitops/issues/42/comments',
      'GET /repos/acme/gitops/issues/42/comments',
    ]);
  });
});

describe('the retry layer kubeproof adds', () => {
  it('is added once to an Octokit given to two ports', async () => {
    const server = await github([failing()]);
    const octokit = getOctokit('ghs_token', { baseUrl: server.url });
    const sleep = async () => {};
    createOctokitGitHubPort(octokit, { sleep });
    const port = createOctokitGitHubPort(octokit, { sleep });

    await expect(port.listChangedFiles(PR)).rejects.toThrow(/after 4 attempts/);

    expect(routes(server)).toHaveLength(4);
  });

  it('decides for each call: a call that failed for good does not stop the next one retrying', async () => {
    const server = await github([
      { method: 'GET', path: FILES, status: 404, message: 'Not Found', times: 1 },
      failing(1),
    ]);
    const sleeps: number[] = [];
    const port = createOctokitGitHubPort(getOctokit('ghs_token', { baseUrl: server.url }), {
      sleep: async (ms) => void sleeps.push(ms),
    });

    await expect(port.listChangedFiles(PR)).rejects.toThrow(/not found/);
    const changed = await port.listChangedFiles(PR);

    expect(changed.files).toHaveLength(1);
    expect(routes(server)).toHaveLength(3);
    expect(sleeps).toEqual([1000]);
  });

  it('does not space writes out as the throttling plugin does by default (1 s, 3 s for comments)', async () => {
    const server = await github([]);
    const port = createOctokitGitHubPort(getOctokit('ghs_token', { baseUrl: server.url }));
    const started = Date.now();

    await port.upsertComment(PR, 'report', ['one', 'two', 'three']);

    expect(server.comments.get(42)).toHaveLength(3);
    // Spaced as by default, three comment creates take at least 6 s.
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 20_000);
});

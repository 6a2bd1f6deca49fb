import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../platform/github/github-api-error.ts';
import { createOctokitGitHubPort } from '../../../platform/github/octokit-github-port.ts';
import { tarGz } from './github-test-kit.ts';

/**
 * The Action's Octokit exactly as shipped (`getOctokit(token, { baseUrl })` with its undici proxy
 * fetch, which nock does not see) against a local server on 127.0.0.1, as GITHUB_API_URL would be.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let server: Server;
let baseUrl: string;
const handlers: Handler[] = [];
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
    const handler = handlers.shift();
    if (handler === undefined) response.writeHead(599).end();
    else handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the port over getOctokit and a local server', () => {
  it('downloads a tarball after a retried 503, with the token', async () => {
    const archive = tarGz([{ type: 'file', path: 'top/app/cm.yaml', content: 'kind: ConfigMap\n' }]);
    handlers.push(
      (_, response) =>
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"busy"}'),
      (_, response) => response.writeHead(200, { 'content-type': 'application/x-gzip' }).end(archive),
    );
    seen.length = 0;
    const sleeps: number[] = [];
    const port = createOctokitGitHubPort(getOctokit('secret-token', { baseUrl }), {
      sleep: async (ms) => void sleeps.push(ms),
    });

    const files = await port.getTree({ owner: 'octo', repo: 'gitops' }, 'main');

    expect(new TextDecoder().decode(await files.readFile('app/cm.yaml'))).toBe('kind: ConfigMap\n');
    expect(seen).toEqual([
      'GET /repos/octo/gitops/tarball/main token secret-token',
      'GET /repos/octo/gitops/tarball/main token secret-token',
    ]);
    expect(sleeps).toEqual([1000]);
  });

  it('names the cause when nothing listens at the API URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const port = createOctokitGitHubPort(getOctokit('t', { baseUrl: url }), {
      sleep: async () => {},
      retries: 1,
    });

    const error = await port
      .listChangedFiles({ owner: 'o', repo: 'r', number: 1 })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(
      /^cannot reach GitHub to list the files of pull request o\/r#1 after 2 attempts: .*ECONNREFUSED/,
    );
  });
});

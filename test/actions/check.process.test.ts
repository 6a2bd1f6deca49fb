import { cpSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkRunState,
  startFakeGitHubServer,
  type FakeGitHubServer,
  type FakeGitHubServerSetup,
} from '../helpers/fake-github-server.ts';
import { runActionProcess, type ActionProcessOptions } from '../helpers/run-action-process.ts';
import { TEST_ACTIONS_DIR } from '../global-setup.ts';
import {
  BASE_SHA,
  FIXTURES,
  HEAD_SHA,
  TEST_SCHEMA_LOCATIONS,
  changedPaths,
  gitWorkspace,
  headWorkspace,
  tempDir,
} from './action-test-kit.ts';
import { pullRequestPayload } from './pull-request-payload.ts';

const servers: FakeGitHubServer[] = [];
const runners: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of runners.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** GitHub for a fixture's pull request #42: its files, and its base as a tarball. */
async function github(scenario: string, extra: Partial<FakeGitHubServerSetup> = {}) {
  const server = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    pullFiles: { 42: changedPaths(scenario).map((filename) => ({ filename, status: 'modified' })) },
    tarballs: { [BASE_SHA]: join(FIXTURES, scenario, 'base') },
    ...extra,
  });
  servers.push(server);
  return server;
}

async function check(
  workspace: string,
  server: FakeGitHubServer,
  options: Partial<ActionProcessOptions> = {},
) {
  const run = await runActionProcess({
    script: join(TEST_ACTIONS_DIR, 'check.js'),
    actionYml: 'action.yml',
    workspace,
    apiUrl: server.url,
    event: pullRequestPayload({ number: 42, headSha: HEAD_SHA, baseSha: BASE_SHA }),
    ...options,
    inputs: { 'schema-locations': TEST_SCHEMA_LOCATIONS, ...options.inputs },
  });
  runners.push(dirname(run.runnerTemp));
  return run;
}

const routes = (server: FakeGitHubServer) =>
  server.apiCalls().map((call) => `${call.method} ${call.path.replace(/\/repos\/acme\/gitops/, '')}`);

describe('dist/check.js as the runner runs it', () => {
  it('checks the pull request in 6 API calls: files, tarball, check run started, comments, comment, check run completed', async () => {
    const server = await github('image-bump');

    const run = await check(headWorkspace('image-bump'), server);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(routes(server)).toEqual([
      'GET /pulls/42/files',
      `GET /tarball/${BASE_SHA}`,
      // In progress while the check runs, completed at the end.
      'POST /check-runs',
      'GET /issues/42/comments',
      'POST /issues/42/comments',
      'PATCH /check-runs/1000',
    ]);
    expect(server.checkRuns[0]?.body).toMatchObject({ status: 'in_progress', head_sha: HEAD_SHA });
    expect(
      server.calls.every(
        (call) => call.path.startsWith('/_codeload') || call.authorization === 'token ghs_test-token',
      ),
    ).toBe(true);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({
      name: 'kubeproof',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'success',
      details_url: 'https://github.com/acme/gitops/actions/runs/7/attempts/1',
    });
    const comment = server.comments.get(42)?.[0]?.body ?? '';
    expect(comment.startsWith('<!-- kubeproof:report -->\n')).toBe(true);
    expect(comment).toContain('image `ghcr.io/acme/web` `1.4.2` → `1.5.0`');
    expect(run.outputs).toMatchObject({
      environments: '["prod"]',
      errors: '0',
      warnings: '0',
      changed: 'true',
      'sarif-file': join(run.runnerTemp, 'kubeproof-check.sarif'),
    });
    expect(run.outputs['comment-body']).toBe(comment);
    expect(JSON.parse(readFileSync(run.outputs['sarif-file'] as string, 'utf8'))).toMatchObject({
      version: '2.1.0',
    });
    expect(run.summary).toContain('#### prod: 1 changed · +2 −2 · ✅ valid');
    expect(run.stdout).toContain('downloaded from the GitHub API (one tarball');
  });

  it('updates its comment in place on the next push, and reads a base with history from the checkout', async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
    const server = await github('image-bump', {
      comments: { 42: ['LGTM', '<!-- kubeproof:report -->\nold report'] },
    });

    const run = await check(workspace, server, {
      event: pullRequestPayload({ number: 42, headSha, baseSha }),
    });

    expect(run.code).toBe(0);
    expect(routes(server)).toEqual([
      'GET /pulls/42/files',
      'POST /check-runs',
      'GET /issues/42/comments',
      'PATCH /issues/comments/1001',
      'PATCH /check-runs/1002',
    ]);
    expect(server.comments.get(42)?.map((comment) => comment.body.split('\n')[0])).toEqual([
      'LGTM',
      '<!-- kubeproof:report -->',
    ]);
    expect(run.stdout).toContain(`kubeproof: base ${baseSha} read from the checkout`);
  });

  it('a failing check still publishes what it found, then fails the step with the count', async () => {
    const server = await github('invalid-head');

    const run = await check(headWorkspace('invalid-head'), server);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::kubeproof found 1 error and 0 warnings \(fail-on: error\)/m);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({
      conclusion: 'failure',
      output: {
        annotations: [
          expect.objectContaining({
            path: 'envs/prod/deployment-patch.yaml',
            start_line: 6,
            annotation_level: 'failure',
          }),
        ],
      },
    });
    expect(server.comments.get(42)?.[0]?.body).toContain('❌ 1 validation error');
    expect(run.outputs).toMatchObject({ errors: '1' });
  });

  it('names the input when an input is invalid, before any API call', async () => {
    const server = await github('image-bump');

    const run = await check(headWorkspace('image-bump'), server, { inputs: { 'fail-on': 'sometimes' } });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::input fail-on must be error, warning or never, got "sometimes"');
    expect(server.calls).toEqual([]);
  });

  it('without permission (403): annotations as workflow commands and the job summary, and says which permission', async () => {
    const server = await github('invalid-head', {
      failures: [
        {
          method: 'POST',
          path: /\/issues\/42\/comments$/,
          status: 403,
          message: 'Resource not accessible by integration',
        },
        {
          method: 'POST',
          path: /\/check-runs$/,
          status: 403,
          message: 'Resource not accessible by integration',
        },
      ],
    });

    const run = await check(headWorkspace('invalid-head'), server);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::warning::kubeproof: the pull request comment failed: the token lacks permission .*pull-requests: write/,
    );
    expect(run.stdout).toMatch(
      /::warning::kubeproof: the check run failed: the token lacks permission .*checks: write/,
    );
    expect(run.stdout).toContain(
      '::warning::kubeproof: the check run could not be created; the findings are annotated with workflow commands and the report is in the job summary',
    );
    expect(run.stdout).toMatch(
      /^::error file=envs\/prod\/deployment-patch\.yaml,line=6,col=\d+,.*title=kubeproof schema%3A The resource does not match its JSON Schema\.::/m,
    );
    expect(run.summary).toContain('❌ 1 validation error');
    expect(run.outputs['errors']).toBe('1');
  });

  it('without a token: no API call at all, annotations and the job summary', async () => {
    const server = await github('invalid-head');

    const run = await check(headWorkspace('invalid-head'), server, { token: '' });

    expect(server.calls).toEqual([]);
    expect(run.stdout).toContain('::warning::kubeproof: no github-token was given');
    expect(run.stdout).toMatch(/^::error file=envs\/prod\/deployment-patch\.yaml,line=6/m);
    expect(run.summary).toContain('kubeproof');
  });

  it.each([
    [404, 'Not Found', /::error::.*not found, or the token cannot see it: .*contents: read/],
    [
      502,
      'Bad Gateway',
      /::error::GitHub failed to download acme\/gitops at .* \(HTTP 502\) after 4 attempts; try again later/,
    ],
  ])('a base the API answers %i for fails with what to do', async (status, message, expected) => {
    const server = await github('image-bump', {
      failures: [{ method: 'GET', path: /\/tarball\//, status, message, headers: { 'retry-after': '0' } }],
    });

    const run = await check(headWorkspace('image-bump'), server);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(expected);
  });

  it('a check run GitHub rejects (422) still leaves the comment, and says what GitHub said', async () => {
    const server = await github('image-bump', {
      failures: [
        { method: 'POST', path: /\/check-runs$/, status: 422, message: 'Invalid request: head_sha' },
      ],
    });

    const run = await check(headWorkspace('image-bump'), server);

    expect(run.code).toBe(0);
    expect(server.comments.get(42)).toHaveLength(1);
    expect(run.stdout).toMatch(
      /::warning::kubeproof: the check run failed: GitHub rejected the request to create the check run: validation failed \(GitHub said: Invalid request: head_sha\)/,
    );
  });

  it('pull_request_target with the default checkout (the base): checks the head downloaded from the API', async () => {
    const workspace = tempDir();
    cpSync(join(FIXTURES, 'image-bump', 'base'), workspace, { recursive: true });
    const server = await github('image-bump', {
      tarballs: {
        [BASE_SHA]: join(FIXTURES, 'image-bump', 'base'),
        [HEAD_SHA]: join(FIXTURES, 'image-bump', 'head'),
      },
    });

    const run = await check(workspace, server, { eventName: 'pull_request_target', sha: BASE_SHA });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `::warning::kubeproof: the checkout's commit is unknown (no git history), and pull_request_target checks out the base branch by default; checking ${HEAD_SHA} downloaded from the GitHub API instead`,
    );
    expect(routes(server)).toContain(`GET /tarball/${HEAD_SHA}`);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'success' });
    expect(server.comments.get(42)?.[0]?.body).toContain('image `ghcr.io/acme/web` `1.4.2` → `1.5.0`');
    expect(run.outputs).toMatchObject({ environments: '["prod"]', changed: 'true' });
  });

  it('merge_group: the check run goes on the merge group commit, diffed against its base, no comment', async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
    const server = await github('image-bump');

    const run = await check(workspace, server, {
      eventName: 'merge_group',
      sha: headSha,
      event: {
        action: 'checks_requested',
        merge_group: {
          head_sha: headSha,
          head_ref: 'refs/heads/gh-readonly-queue/main/pr-42-0123',
          base_sha: baseSha,
          base_ref: 'refs/heads/main',
        },
        repository: { name: 'gitops', owner: { login: 'acme' } },
      },
    });

    expect(run.code).toBe(0);
    expect(routes(server)).toEqual(['POST /check-runs', 'PATCH /check-runs/1000']);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({ head_sha: headSha, conclusion: 'success' });
    expect(run.stdout).toContain(`kubeproof: base ${baseSha} read from the checkout`);
    expect(run.outputs).toMatchObject({ environments: '["prod"]', changed: 'true' });
  });
});

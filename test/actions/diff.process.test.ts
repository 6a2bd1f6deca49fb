import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkRunState,
  startFakeGitHubServer,
  type FakeGitHubServer,
} from '../helpers/fake-github-server.ts';
import { runActionProcess } from '../helpers/run-action-process.ts';
import { TEST_ACTIONS_DIR } from '../global-setup.ts';
import {
  changedPaths,
  gitWorkspace,
  headWorkspace,
  BASE_SHA,
  FIXTURES,
  HEAD_SHA,
} from './action-test-kit.ts';
import { pullRequestPayload } from './pull-request-payload.ts';

const servers: FakeGitHubServer[] = [];
const runners: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of runners.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function diff(
  scenario: string,
  workspace: string,
  event: unknown,
  inputs: Record<string, string> = {},
) {
  const server = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    pullFiles: { 42: changedPaths(scenario).map((filename) => ({ filename, status: 'modified' })) },
    tarballs: { [BASE_SHA]: join(FIXTURES, scenario, 'base') },
  });
  servers.push(server);
  const run = await runActionProcess({
    script: join(TEST_ACTIONS_DIR, 'diff.js'),
    actionYml: 'actions/diff/action.yml',
    workspace,
    apiUrl: server.url,
    event,
    inputs,
  });
  runners.push(dirname(run.runnerTemp));
  return { run, server };
}

describe('dist/diff.js as the runner runs it', () => {
  it('diffs a checkout with history: no tarball, its own comment and check run, no validation', async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('invalid-head');

    const { run, server } = await diff(
      'invalid-head',
      workspace,
      pullRequestPayload({ number: 42, headSha, baseSha }),
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /repos/acme/gitops/pulls/42/files',
      'POST /repos/acme/gitops/check-runs',
      'GET /repos/acme/gitops/issues/42/comments',
      'POST /repos/acme/gitops/issues/42/comments',
      'PATCH /repos/acme/gitops/check-runs/1000',
    ]);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({
      name: 'kubeproof diff',
      conclusion: 'success',
      head_sha: headSha,
    });
    const comment = server.comments.get(42)?.[0]?.body ?? '';
    expect(comment.startsWith('<!-- kubeproof:diff -->\n')).toBe(true);
    expect(comment).toContain('replicas `3` → `two`');
    expect(run.outputs).toMatchObject({ environments: '["prod"]', errors: '0', changed: 'true' });
    expect(run.summary).toContain('<!-- kubeproof:diff -->');
  });

  it('fails on an environment that does not render, after publishing it', async () => {
    const { run, server } = await diff(
      'render-failure',
      headWorkspace('render-failure'),
      pullRequestPayload({ number: 42, headSha: HEAD_SHA, baseSha: BASE_SHA }),
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::kubeproof found 1 error and 0 warnings \(fail-on: error\)/m);
    expect(checkRunState(server.checkRuns[0])).toMatchObject({ conclusion: 'failure' });
    expect(server.comments.get(42)).toHaveLength(1);
  });
});

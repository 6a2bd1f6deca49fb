import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.ts';
import { runActionProcess } from '../helpers/run-action-process.ts';
import { TEST_ACTIONS_DIR } from '../global-setup.ts';
import { tempDir } from './action-test-kit.ts';

const servers: FakeGitHubServer[] = [];
const runners: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of runners.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const kustomization = (tag: string) => `images:\n- name: ghcr.io/acme/api\n  newTag: "${tag}"\n`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim();
}

/** A checkout with the commit before a push (dev at 1.2.0) and the pushed one (dev at 1.3.0). */
function pushedWorkspace(): { workspace: string; before: string; after: string } {
  const workspace = tempDir();
  const write = (dev: string) => {
    const files = {
      '.kubeproof.yaml': 'version: 1\npromotion:\n  order: [dev, staging, prod]\n',
      'envs/dev/kustomization.yaml': kustomization(dev),
      'envs/staging/kustomization.yaml': kustomization('1.2.0'),
      'envs/prod/kustomization.yaml': kustomization('1.1.0'),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
  };
  git(workspace, 'init', '-q', '-b', 'main');
  write('1.2.0');
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'before');
  const before = git(workspace, 'rev-parse', 'HEAD');
  write('1.3.0');
  git(workspace, 'commit', '-q', '-am', 'bump dev');
  return { workspace, before, after: git(workspace, 'rev-parse', 'HEAD') };
}

async function promote(workspace: string, before: string, after: string, sha = after) {
  const server = await startFakeGitHubServer({ owner: 'acme', repo: 'gitops', branches: { main: after } });
  servers.push(server);
  const run = await runActionProcess({
    script: join(TEST_ACTIONS_DIR, 'promote.js'),
    actionYml: 'actions/promote/action.yml',
    workspace,
    apiUrl: server.url,
    eventName: 'push',
    event: { ref: 'refs/heads/main', before, after, repository: { default_branch: 'main' } },
    sha,
    env: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' },
  });
  runners.push(dirname(run.runnerTemp));
  return { run, server };
}

describe('dist/promote.js as the runner runs it', () => {
  it('after a push to main, opens the dev -> staging promotion from the checkout (7 API calls)', async () => {
    const { workspace, before, after } = pushedWorkspace();

    const { run, server } = await promote(workspace, before, after);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /repos/acme/gitops/commits/main',
      'GET /repos/acme/gitops/git/ref/heads%2Fkubeproof%2Fpromote%2Fdev-to-staging',
      'POST /repos/acme/gitops/git/trees',
      'POST /repos/acme/gitops/git/commits',
      'POST /repos/acme/gitops/git/refs',
      'POST /repos/acme/gitops/pulls',
      'POST /repos/acme/gitops/issues/1/labels',
    ]);
    expect([...server.trees.values()][0]?.tree).toEqual([
      {
        path: 'envs/staging/kustomization.yaml',
        mode: '100644',
        type: 'blob',
        content: kustomization('1.3.0'),
      },
    ]);
    expect(run.outputs).toMatchObject({
      'pull-request-url': 'https://github.com/acme/gitops/pull/1',
      'pull-request-number': '1',
      conclusion: 'success',
    });
    expect(JSON.parse(run.outputs['promoted'] ?? '')).toEqual([
      {
        source: 'dev',
        target: 'staging',
        status: 'opened',
        pullRequest: { number: 1, url: 'https://github.com/acme/gitops/pull/1' },
      },
    ]);
    expect(run.summary).toContain('### dev → staging: opened');
  });

  it('refuses, with no API call, when the checkout is not the pushed commit', async () => {
    const { workspace, before, after } = pushedWorkspace();
    git(workspace, 'checkout', '-q', before);

    const { run, server } = await promote(workspace, before, after);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::the checkout is commit ${before}, not ${after}, the commit pushed: check out that commit`,
    );
    expect(run.outputs['conclusion']).toBe('failure');
    expect(server.apiCalls()).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.ts';

const TIP = 'c'.repeat(40);
const NEXT = 'e'.repeat(40);
const FIXTURE = join(import.meta.dirname, '../fixtures/promote/app-stages/repo');
const TOKEN = 'ghs_promote_cli_secret';
const folders: string[] = [];
let server: FakeGitHubServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** An empty local clone whose remote is `remote`: --open-pr must plan on GitHub's files, not these. */
function clone(remote?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubeproof-open-pr-'));
  folders.push(folder);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: folder });
  if (remote !== undefined) execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: folder });
  return folder;
}

async function run(argv: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env,
    cwd,
    now: () => 0,
    sleep: async () => {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The fixture with one file's text changed, as a new commit's tree. */
function staged(file: string, from: string, to: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubeproof-open-pr-tree-'));
  folders.push(folder);
  cpSync(FIXTURE, folder, { recursive: true });
  writeFileSync(join(folder, file), readFileSync(join(folder, file), 'utf8').replace(from, to));
  return folder;
}

/** The served tarballs by commit; a test adds one when it moves a branch. */
let tarballs: Record<string, string> = {};

async function github() {
  tarballs = { [TIP]: FIXTURE };
  server = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    branches: { main: TIP },
    tarballs,
  });
  return { server, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url } };
}

describe('kubeproof promote --open-pr', () => {
  it('plans on the default branch as it is on GitHub and opens the pull request; a second run updates it', async () => {
    const { server, env } = await github();
    const work = clone('git@github.com:acme/gitops.git');

    const first = await run(
      ['promote', '-C', work, '--from', 'staging', '--to', 'prod', '--open-pr'],
      env,
      work,
    );

    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      'kubeproof promote: planned on acme/gitops main at ccccccc, as it is on GitHub (not the local files)',
    );
    expect(first.stdout).toMatch(/^changed 5 image versions in 3 files\n/);
    expect(first.stdout).toMatch(
      /\npromotion pull request #1 opened: https:\/\/github\.com\/acme\/gitops\/pull\/1\n$/,
    );
    expect(server.pulls.map((pull) => [pull.head.ref, pull.base.ref, pull.labels])).toEqual([
      ['kubeproof/promote/staging-to-prod', 'main', [{ name: 'promotion' }]],
    ]);
    // getBranch (2), the tarball (1), the promotion (7 for a first one).
    expect(server.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /repos/acme/gitops',
      'GET /repos/acme/gitops/branches/main',
      `GET /repos/acme/gitops/tarball/${TIP}`,
      'GET /repos/acme/gitops/commits/main',
      'GET /repos/acme/gitops/git/ref/heads%2Fkubeproof%2Fpromote%2Fstaging-to-prod',
      'POST /repos/acme/gitops/git/trees',
      'POST /repos/acme/gitops/git/commits',
      'POST /repos/acme/gitops/git/refs',
      'POST /repos/acme/gitops/pulls',
      'POST /repos/acme/gitops/issues/1/labels',
    ]);
    const sent = [...server.trees.values()][0]?.tree as { path: string }[];
    expect(sent.map((entry) => entry.path).sort()).toEqual([
      'apps/api/envs/prod/kustomization.yaml',
      'apps/api/envs/prod/version.yml',
      'apps/web/envs/prod/kustomization.yaml',
    ]);

    const again = await run(
      ['promote', '-C', work, '--from', 'staging', '--to', 'prod', '--open-pr', '--base', 'main'],
      env,
      work,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/promotion pull request #1 already up to date \(nothing written\)/);

    // A push to main moves staging's api on: the next run plans on the new commit and updates #1.
    const moved = staged('apps/api/envs/staging/version.yml', '3.1.0', '3.2.0');
    server.branches.set('main', NEXT);
    server.commits.set(NEXT, {
      sha: NEXT,
      message: 'push',
      tree: { sha: 'tree-next' },
      parents: [{ sha: TIP }],
    });
    tarballs[NEXT] = moved;
    const update = await run(
      ['promote', '-C', work, '--from', 'staging', '--to', 'prod', '--open-pr'],
      env,
      work,
    );
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(
      /promotion pull request #1 updated: https:\/\/github\.com\/acme\/gitops\/pull\/1\n$/,
    );
    expect(
      server.commits.get(server.branches.get('kubeproof/promote/staging-to-prod') ?? '')?.parents,
    ).toEqual([{ sha: NEXT }]);
    expect(server.pulls).toHaveLength(1);
    // The token goes to GitHub and nowhere else.
    expect(server.apiCalls().every((call) => call.authorization === `token ${TOKEN}`)).toBe(true);
    expect(`${first.stdout}${first.stderr}${again.stdout}${update.stdout}`).not.toContain(TOKEN);
  });

  it('prints the pull request in the JSON output', async () => {
    const { env } = await github();
    const work = clone();

    const result = await run(
      ['promote', '--from', 'staging', '--to', 'prod', '--open-pr', '--repo', 'acme/gitops', '-o', 'json'],
      env,
      work,
    );

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      pullRequest: { number: 1, url: 'https://github.com/acme/gitops/pull/1', status: 'opened' },
    });
  });

  it.each([
    [
      ['--open-pr'],
      {},
      'kubeproof promote: -open-pr needs a GitHub token in GITHUB_TOKEN or GH_TOKEN (contents: write and pull-requests: write)\n',
    ],
    [
      ['--open-pr', '--dry-run'],
      { GH_TOKEN: 'x' },
      'kubeproof promote: -open-pr and -dry-run exclude each other: -dry-run alone shows the plan\n',
    ],
    [['--draft'], { GH_TOKEN: 'x' }, 'kubeproof promote: -draft goes with -open-pr\n'],
    [
      ['--open-pr', '--repo', 'acme'],
      { GH_TOKEN: 'x' },
      'kubeproof promote: -repo must be owner/name, not "acme"\n',
    ],
    [
      ['--open-pr', '--auto-merge', 'ff'],
      { GH_TOKEN: 'x' },
      'kubeproof promote: -auto-merge must be merge, squash or rebase, not "ff"\n',
    ],
  ])('refuses %j with one line', async (flags, env, message) => {
    const work = clone();

    const result = await run(
      ['promote', '-C', work, '--from', 'staging', '--to', 'prod', ...flags],
      env,
      work,
    );

    expect(result).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('asks for --repo when no git remote names a GitHub repository', async () => {
    const work = clone();

    const result = await run(
      ['promote', '-C', work, '--from', 'staging', '--open-pr'],
      { GH_TOKEN: 'x' },
      work,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /has no git remote that names a GitHub repository; give -repo owner\/name\n$/,
    );
  });
});

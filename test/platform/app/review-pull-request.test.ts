import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION } from '../../../platform/check-defaults.ts';
import type { Logger } from '../../../platform/logger.ts';
import { reviewPullRequest, type ReviewDeps } from '../../../platform/app/review-pull-request.ts';
import { createTreeCache } from '../../../platform/app/tree-cache.ts';
import { createValidationDeps, type SchemaSetup } from '../../../platform/validation-setup.ts';
import { createFakeGitHubPort, type FakeGitHubPortSetup } from '../../helpers/fake-github-port.ts';
import { folderFiles } from '../../helpers/folder-files.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../../helpers/schemas.ts';

const SCENARIO = 'test/fixtures/check/image-bump';
const PR = { owner: 'acme', repo: 'gitops', number: 42 };
const HEAD = 'h'.repeat(40);
const BASE = 'b'.repeat(40);
const NEWER = 'n'.repeat(40);
const NOW = Date.parse('2026-12-07T12:00:00Z');

const schemas: SchemaSetup = {
  locations: [FIXTURE_LOCATION, FIXTURE_CRD_LOCATION],
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  strict: true,
  offline: false,
  fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
  baseDirectory: process.cwd(),
};

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

function setup(overrides: FakeGitHubPortSetup = {}) {
  const port = createFakeGitHubPort({
    trees: {
      [`acme/gitops@${HEAD}`]: folderFiles(`${SCENARIO}/head`),
      [`acme/gitops@${BASE}`]: folderFiles(`${SCENARIO}/base`),
    },
    changedFiles: { 'acme/gitops#42': ['envs/prod/deployment-patch.yaml'] },
    pulls: {
      'acme/gitops#42': {
        number: 42,
        state: 'open',
        draft: false,
        headSha: HEAD,
        baseSha: BASE,
        baseRef: 'main',
      },
    },
    now: () => NOW,
    ...overrides,
  });
  const log = logger();
  const deps: ReviewDeps = {
    port,
    trees: createTreeCache(),
    log,
    now: () => NOW,
    createValidationDeps,
    schemas,
    appId: 1,
    staleAfterMs: 15 * 60_000,
    failOn: 'error',
  };
  return { port, deps, log };
}

const request = { pr: PR, headSha: HEAD, baseSha: BASE, baseRef: 'main' };

describe('reviewPullRequest', () => {
  it("starts the check run first, then publishes the Action's comment and completes that run", async () => {
    const { port, deps } = setup();

    const outcome = await reviewPullRequest(request, deps);

    expect(outcome).toMatchObject({ status: 'published' });
    const methods = port.calls.map((call) => call.method);
    expect(methods.slice(0, 2)).toEqual(['listCheckRuns', 'startCheckRun']);
    expect(methods.filter((method) => method === 'getTree')).toHaveLength(2);
    expect(methods.slice(-3)).toEqual(['getPullRequest', 'upsertComment', 'publishCheckRun']);
    expect(port.startedRuns).toEqual([
      { id: 1, sha: HEAD, name: 'kubeproof', status: 'completed', startedAt: '2026-12-07T12:00:00.000Z' },
    ]);
    const comments = port.comments.get('acme/gitops#42') ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- kubeproof:report -->')).toBe(true);
    expect(comments[0]?.body).toContain('prod');
    expect(port.checkRuns.map((run) => [run.id, run.name, run.sha])).toEqual([[1, 'kubeproof', HEAD]]);
  });

  it('does nothing for a redelivered event: the completed run on the head already reports', async () => {
    const { port, deps } = setup();
    await reviewPullRequest(request, deps);
    const before = port.calls.length;

    const again = await reviewPullRequest(request, deps);

    expect(again).toEqual({ status: 'skipped', reason: 'check run 1 already reports on this commit' });
    expect(port.calls.slice(before).map((call) => call.method)).toEqual(['listCheckRuns']);
    expect(port.comments.get('acme/gitops#42')).toHaveLength(1);
    expect(port.checkRuns).toHaveLength(1);
  });

  it('leaves a run another replica started a moment ago alone, and redoes one abandoned past the timeout', async () => {
    const { port, deps } = setup();
    const started = await port.startCheckRun(
      { owner: 'acme', repo: 'gitops', sha: HEAD },
      { name: 'kubeproof' },
    );

    expect(await reviewPullRequest(request, deps)).toEqual({
      status: 'skipped',
      reason: `check run ${started.id} is checking this commit`,
    });

    const later = { ...deps, now: () => NOW + 16 * 60_000 };
    expect(await reviewPullRequest(request, later)).toMatchObject({ status: 'published' });
    expect(port.startedRuns.map((run) => [run.id, run.status])).toEqual([[started.id, 'completed']]);
    expect(port.checkRuns.map((run) => run.id)).toEqual([started.id]);
  });

  it('runs again when asked (Re-run, /kubeproof recheck), updating the same comment', async () => {
    const { port, deps } = setup();
    await reviewPullRequest(request, deps);

    const outcome = await reviewPullRequest({ ...request, force: true }, deps);

    expect(outcome).toMatchObject({ status: 'published' });
    expect(port.startedRuns.map((run) => run.status)).toEqual(['completed', 'completed']);
    expect(port.comments.get('acme/gitops#42')).toHaveLength(1);
    // The tarballs of both commits came from the cache the second time.
    expect(port.calls.filter((call) => call.method === 'getTree')).toHaveLength(2);
  });

  it('publishes nothing when the head moved on meanwhile, and ends its run neutral', async () => {
    const { port, deps } = setup();
    const pull = port.pulls.get('acme/gitops#42');
    if (pull) pull.headSha = NEWER;

    const outcome = await reviewPullRequest(request, deps);

    expect(outcome).toEqual({ status: 'superseded' });
    expect(port.comments.get('acme/gitops#42') ?? []).toEqual([]);
    expect(port.checkRuns.map((run) => [run.sha, run.conclusion, run.title])).toEqual([
      [HEAD, 'neutral', 'Superseded by a newer commit'],
    ]);
  });

  it('still publishes what the head shows when the base cannot be downloaded, with an error line', async () => {
    const { port, deps } = setup();
    port.calls.length = 0;
    const trees = {
      get: (p: typeof port, repo: { owner: string; repo: string }, sha: string) =>
        sha === BASE ? Promise.reject(new Error('GitHub answered 502')) : p.getTree(repo, sha),
    };

    const outcome = await reviewPullRequest(request, { ...deps, trees: { ...trees, size: () => 0 } });

    expect(outcome).toMatchObject({ status: 'published', conclusion: 'failure' });
    const [run] = port.checkRuns;
    expect(run?.summary).toContain(
      `the base ${BASE} could not be downloaded (GitHub answered 502): every environment is checked as new, nothing is compared`,
    );
    expect(port.comments.get('acme/gitops#42')).toHaveLength(1);
    expect(port.startedRuns.map((started) => started.status)).toEqual(['completed']);
  });

  it('ends the run as failed, never left in progress, when the head cannot be downloaded', async () => {
    const { port, deps, log } = setup({ trees: {} });

    const outcome = await reviewPullRequest(request, deps);

    expect(outcome).toMatchObject({ status: 'failed' });
    expect(port.startedRuns.map((run) => run.status)).toEqual(['completed']);
    expect(port.checkRuns.map((run) => [run.conclusion, run.title])).toEqual([
      ['failure', 'kubeproof did not finish'],
    ]);
    expect(port.comments.get('acme/gitops#42') ?? []).toEqual([]);
    expect(
      log.lines.some((line) => line.startsWith(`error: kubeproof: acme/gitops#42: the head ${HEAD}`)),
    ).toBe(true);
  });

  it('runs no binary, even one the base config names: the environment is reported as not rendered', async () => {
    const config =
      'version: 1\nenvironments:\n  - name: prod\n    path: envs/prod\n    renderer: kustomize\n';
    const head = { ...folderFiles(`${SCENARIO}/head`), '.kubeproof.yaml': config };
    const base = { ...folderFiles(`${SCENARIO}/base`), '.kubeproof.yaml': config };
    const { port, deps } = setup({
      trees: { [`acme/gitops@${HEAD}`]: head, [`acme/gitops@${BASE}`]: base },
    });

    const outcome = await reviewPullRequest(request, deps);

    expect(outcome).toMatchObject({ status: 'published', conclusion: 'failure' });
    const run = port.checkRuns[0];
    expect(run?.title).toBe('1 environment not rendered');
    expect(run?.summary).toContain('environment prod needs the kustomize binary, which this run cannot call');
  });
});

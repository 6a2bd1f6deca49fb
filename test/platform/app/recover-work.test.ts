import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION } from '../../../platform/check-defaults.ts';
import type { AppDirectory, Delivery } from '../../../platform/github/app-directory.ts';
import type { GitHubPort } from '../../../platform/github/github-port.ts';
import { recoverWork, type RecoveryDeps } from '../../../platform/app/recover-work.ts';
import { createTreeCache } from '../../../platform/app/tree-cache.ts';
import { createValidationDeps } from '../../../platform/validation-setup.ts';
import { createFakeGitHubPort } from '../../helpers/fake-github-port.ts';
import { folderFiles } from '../../helpers/folder-files.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../../helpers/schemas.ts';

const SCENARIO = 'test/fixtures/check/image-bump';
const HEAD = 'h'.repeat(40);
const BASE = 'b'.repeat(40);
const NOW = Date.parse('2026-12-07T12:00:00Z');
const MINUTE = 60_000;
const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

function delivery(
  id: number,
  guid: string,
  status: string,
  statusCode: number,
  minutesAgo: number,
): Delivery {
  return {
    id,
    guid,
    status,
    statusCode,
    event: 'pull_request',
    deliveredAt: new Date(NOW - minutesAgo * MINUTE).toISOString(),
  };
}

function world(deliveries: Delivery[] = []) {
  const port = createFakeGitHubPort({
    trees: {
      [`acme/gitops@${HEAD}`]: folderFiles(`${SCENARIO}/head`),
      [`acme/gitops@${BASE}`]: folderFiles(`${SCENARIO}/base`),
    },
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
    now: () => NOW - 20 * MINUTE,
  });
  const asked: number[] = [];
  const directory: AppDirectory = {
    listInstallations: async () => [77],
    portFor: async () => port,
    listRecentRepositories: async () => [{ owner: 'acme', repo: 'gitops' }],
    listOpenPullRequests: async () => [
      { number: 42, state: 'open', draft: false, headSha: HEAD, baseSha: BASE, baseRef: 'main' },
    ],
    listDeliveries: async () => deliveries,
    redeliver: async (id) => void asked.push(id),
  };
  const deps: RecoveryDeps = {
    directory,
    reviewDeps: (p: GitHubPort) => ({
      port: p,
      trees: createTreeCache(),
      log,
      now: () => NOW,
      createValidationDeps,
      schemas: {
        locations: [FIXTURE_LOCATION, FIXTURE_CRD_LOCATION],
        kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
        strict: true,
        offline: false,
        fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
        baseDirectory: process.cwd(),
      },
      appId: 1,
      staleAfterMs: 15 * MINUTE,
      failOn: 'error',
    }),
    appId: 1,
    now: () => NOW,
    staleAfterMs: 15 * MINUTE,
    lookbackMs: 60 * MINUTE,
    log,
    redelivered: new Set(),
  };
  return { port, deps, asked };
}

describe('recoverWork', () => {
  it('completes a check run left in progress past the timeout, and publishes its report', async () => {
    const { port, deps } = world();
    const left = await port.startCheckRun(
      { owner: 'acme', repo: 'gitops', sha: HEAD },
      { name: 'kubeproof' },
    );

    const result = await recoverWork(deps);

    expect(result).toEqual({ redone: 1, redelivered: 0 });
    expect(port.startedRuns.map((run) => [run.id, run.status])).toEqual([[left.id, 'completed']]);
    expect(port.checkRuns.map((run) => run.id)).toEqual([left.id]);
    expect(port.comments.get('acme/gitops#42')).toHaveLength(1);
  });

  it('leaves a run in progress for less than the timeout, and a completed one, alone', async () => {
    const { port, deps } = world();
    await port.startCheckRun(
      { owner: 'acme', repo: 'gitops', sha: HEAD },
      { name: 'kubeproof', startedAt: new Date(NOW - 5 * MINUTE).toISOString() },
    );

    expect(await recoverWork(deps)).toEqual({ redone: 0, redelivered: 0 });
    expect(port.calls.map((call) => call.method)).toEqual(['startCheckRun', 'listCheckRuns']);
  });

  it('asks again for each event none of whose attempts got through, once per process', async () => {
    const { deps, asked } = world([
      delivery(3, 'g-1', 'Invalid HTTP Response: 503', 503, 10),
      delivery(2, 'g-1', 'timed out', 0, 20),
      delivery(4, 'g-2', 'Invalid HTTP Response: 500', 500, 12),
      delivery(5, 'g-2', 'OK', 202, 5),
      delivery(6, 'g-3', 'OK', 202, 1),
    ]);

    expect(await recoverWork(deps)).toEqual({ redone: 0, redelivered: 1 });
    expect(asked).toEqual([3]);

    expect(await recoverWork(deps)).toEqual({ redone: 0, redelivered: 0 });
    expect(asked).toEqual([3]);
  });

  it('logs a GitHub failure and goes on with the other sweep', async () => {
    const warnings: string[] = [];
    const { deps, asked } = world([delivery(3, 'g-1', 'Invalid HTTP Response: 503', 503, 10)]);
    deps.directory.listInstallations = () => Promise.reject(new Error('GitHub answered 502'));

    const result = await recoverWork({
      ...deps,
      log: { ...log, warn: (message) => void warnings.push(message) },
    });

    expect(result).toEqual({ redone: 0, redelivered: 1 });
    expect(asked).toEqual([3]);
    expect(warnings).toEqual(['kubeproof: looking for abandoned check runs failed: GitHub answered 502']);
  });
});

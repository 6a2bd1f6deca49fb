import { describe, expect, it } from 'vitest';
import type { ValidateDeps } from '../../core/validate/validate-manifests.ts';
import {
  checkPullRequest,
  publishNames,
  type PullRequestCheckDeps,
} from '../../platform/check-pull-request.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../../platform/check-defaults.ts';
import { diskFileSource } from '../../platform/disk-file-source.ts';
import type { Logger } from '../../platform/logger.ts';
import { createNodeProcessRunner } from '../../platform/node-process-runner.ts';
import { createValidationDeps, type SchemaSetup } from '../../platform/validation-setup.ts';
import { createFakeGitHubPort, forbidden } from '../helpers/fake-github-port.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../helpers/schemas.ts';

const SCENARIO = 'test/fixtures/check/image-bump';
const PR = { owner: 'acme', repo: 'gitops', number: 42 };
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

const schemas: SchemaSetup = {
  locations: [FIXTURE_LOCATION, FIXTURE_CRD_LOCATION],
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  strict: true,
  offline: false,
  fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
  baseDirectory: process.cwd(),
};

/** A logger with pino's four methods and nothing else (what Probot's `context.log` offers). */
function pinoLike(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

function deps(log: Logger, overrides: Partial<PullRequestCheckDeps> = {}) {
  const used = { validation: 0, workFolders: 0 };
  const all: PullRequestCheckDeps = {
    createValidationDeps: (setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps> => {
      used.validation++;
      return createValidationDeps(setup, notice);
    },
    runner: createNodeProcessRunner(),
    workFolder: () => {
      used.workFolders++;
      return Promise.reject(new Error('no binary needs the base on disk here'));
    },
    now: () => 0,
    log,
    ...overrides,
  };
  return { all, used };
}

async function request(kind: 'check' | 'diff', prefix: string, port = createFakeGitHubPort()) {
  return {
    port,
    request: {
      kind,
      head: `${SCENARIO}/head`,
      // Files only, no folder: written to a work folder only if a binary needed it.
      base: { files: await diskFileSource(`${SCENARIO}/base`) },
      schemas,
      options: { kubernetesVersion: DEFAULT_KUBERNETES_VERSION, strict: true },
      meta: { commit: SHA, fullReportUrl: 'https://example.test/run/7', fullReportLabel: 'job summary' },
      publish: {
        port,
        target: { pr: PR, headSha: SHA },
        comment: true,
        failOn: 'error' as const,
        prefix,
      },
    },
  };
}

describe('checkPullRequest', () => {
  it('checks and publishes with the kind’s check-run name and comment marker, one per folder', async () => {
    const { port, request: check } = await request('check', 'deploy');
    const log = pinoLike();
    const { all, used } = deps(log);

    const outcome = await checkPullRequest(check, all);

    expect(used).toEqual({ validation: 1, workFolders: 0 });
    expect(outcome.report.meta).toMatchObject({ commit: SHA, fullReportUrl: 'https://example.test/run/7' });
    expect(outcome.published?.conclusion).toBe('success');
    expect(port.checkRuns.map((run) => [run.name, run.sha])).toEqual([['kubeproof (deploy)', SHA]]);
    const upsert = port.calls.find((call) => call.method === 'upsertComment');
    // The whole check supersedes the diff-only comment of the same folder.
    expect(upsert?.args[1]).toBe('report-deploy');
    expect(upsert?.args[3]).toEqual({ outdatedKeys: ['diff-deploy'] });
    expect(log.lines.some((line) => line.startsWith('info: kubeproof: comment posted on #42'))).toBe(true);
  });

  it('shows the check run in progress while it runs, completes that run, and links findings to the head', async () => {
    const { port, request: check } = await request('check', 'deploy');

    const outcome = await checkPullRequest(check, deps(pinoLike()).all);

    const methods = port.calls.map((call) => call.method);
    expect(methods.indexOf('startCheckRun')).toBe(0);
    expect(port.startedRuns).toEqual([
      {
        id: port.checkRuns[0]?.id,
        sha: SHA,
        name: 'kubeproof (deploy)',
        status: 'completed',
        startedAt: '1970-01-01T00:00:00.000Z',
      },
    ]);
    expect(port.checkRuns).toHaveLength(1);
    expect(outcome.report.meta.sourceLinks).toEqual({
      server: 'https://github.com',
      repository: 'acme/gitops',
      sha: SHA,
      pathPrefix: 'deploy/',
    });
  });

  it('ends the check run it started when the check fails, instead of leaving it in progress', async () => {
    const { port, request: check } = await request('check', '');
    const broken = {
      ...check,
      base: {
        files: {
          readFile: () => Promise.reject(new Error('disk gone')),
          listDirectory: () => Promise.reject(new Error('disk gone')),
        },
      },
    };

    await expect(checkPullRequest(broken, deps(pinoLike()).all)).rejects.toThrow('disk gone');

    expect(port.startedRuns.map((run) => run.status)).toEqual(['completed']);
    expect(port.checkRuns.map((run) => [run.conclusion, run.title])).toEqual([
      ['failure', 'kubeproof did not finish'],
    ]);
    expect(port.checkRuns[0]?.summary).not.toContain('disk gone');
  });

  it('runs a diff without validation and publishes it under the diff names', async () => {
    const { port, request: diff } = await request('diff', '');
    const { all, used } = deps(pinoLike());

    const outcome = await checkPullRequest(diff, all);

    expect(used.validation).toBe(0);
    expect(outcome.report.validation).toEqual([]);
    expect(port.checkRuns.map((run) => run.name)).toEqual([publishNames('diff', '').checkName]);
    expect(port.calls.find((call) => call.method === 'upsertComment')?.args[1]).toBe('diff');
  });

  it('says through a pino-shaped logger (warn) what GitHub refused, and still publishes the check run', async () => {
    const port = createFakeGitHubPort({ failures: { upsertComment: forbidden() } });
    const { request: check } = await request('check', '', port);
    const log = pinoLike();

    const outcome = await checkPullRequest(check, deps(log).all);

    expect(outcome.published?.comment).toBe('failed');
    expect(outcome.published?.checkRun).toBeDefined();
    expect(log.lines.filter((line) => line.startsWith('warn: '))).toEqual([
      `warn: kubeproof: ${outcome.published?.fallbackReason}`,
    ]);
  });

  it('publishes nothing without a publish request (the CLI)', async () => {
    const { port, request: check } = await request('check', '');
    const { kind, head, base, options } = check;

    const outcome = await checkPullRequest({ kind, head, base, schemas, options }, deps(pinoLike()).all);

    expect(outcome.published).toBeUndefined();
    expect(port.calls).toEqual([]);
    expect(outcome.report.environments.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../core/files/file-source.ts';
import type { ActionContext } from '../../platform/actions/action-context.ts';
import type { CheckoutGit } from '../../platform/actions/resolve-base.ts';
import { parsePromoteInputs } from '../../platform/actions/promote-inputs.ts';
import { runPromoteAction } from '../../platform/actions/run-promote-action.ts';
import type { PromotionPullRequest } from '../../platform/github/github-port.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';
import { inputs, recordingIo, tempDir } from './action-test-kit.ts';

const BEFORE_SHA = 'b'.repeat(40);
const AFTER_SHA = 'a'.repeat(40);
const kustomization = (tag: string) => `images:\n- name: ghcr.io/acme/api\n  newTag: "${tag}"\n`;
const tree = (dev: string, staging = '1.2.0', prod = '1.1.0') => ({
  '.kubeproof.yaml': 'version: 1\npromotion:\n  order: [dev, staging, prod]\n',
  'envs/dev/kustomization.yaml': kustomization(dev),
  'envs/staging/kustomization.yaml': kustomization(staging),
  'envs/prod/kustomization.yaml': kustomization(prod),
});

/** A checkout whose HEAD is `head`, holding these commits (by SHA), the repository at `top`. */
function fakeGit(
  top: string,
  head: string | undefined,
  commits: Record<string, Record<string, string>>,
): CheckoutGit {
  return {
    topLevel: async () => top,
    head: async () => head,
    hasCommit: async (_, ref) => ref in commits,
    tree: async (_, ref) => memoryFileSource(commits[ref] ?? {}),
  };
}

function context(workspace: string, overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    workspace,
    runnerTemp: workspace,
    repo: { owner: 'acme', repo: 'gitops' },
    sha: AFTER_SHA,
    eventName: 'push',
    pullRequest: undefined,
    before: BEFORE_SHA,
    branch: 'main',
    defaultBranch: 'main',
    runUrl: undefined,
    ...overrides,
  };
}

const TOKEN = { 'github-token': 'ghs_x' };

/** `head: null`: git cannot say which commit is checked out. */
function setup(overrides: Partial<ActionContext> = {}, head: string | null = AFTER_SHA) {
  const workspace = tempDir();
  const io = recordingIo();
  const port = createFakeGitHubPort();
  const git = fakeGit(workspace, head ?? undefined, {
    [BEFORE_SHA]: tree('1.2.0'),
    [AFTER_SHA]: tree('1.3.0'),
  });
  return { io, port, deps: { io, port, git, context: context(workspace, overrides) } };
}

const requests = (port: ReturnType<typeof createFakeGitHubPort>) =>
  port.calls
    .filter((call) => call.method === 'openOrUpdatePullRequest')
    .map((call) => call.args[0] as PromotionPullRequest);

describe('runPromoteAction', () => {
  it('on a push to the default branch, opens the promotion of what changed to the next environment', async () => {
    const { io, port, deps } = setup();

    const result = await runPromoteAction(parsePromoteInputs(inputs(TOKEN)), deps);

    expect(result.conclusion).toBe('success');
    expect(io.outputs).toEqual({
      'pull-request-url': 'https://github.com/acme/gitops/pull/1',
      'pull-request-number': '1',
      promoted: JSON.stringify([
        {
          source: 'dev',
          target: 'staging',
          status: 'opened',
          pullRequest: { number: 1, url: 'https://github.com/acme/gitops/pull/1' },
        },
      ]),
      conclusion: 'success',
    });
    expect(requests(port)).toEqual([
      expect.objectContaining({
        base: 'main',
        baseSha: AFTER_SHA,
        branch: 'kubeproof/promote/dev-to-staging',
      }),
    ]);
    expect(io.summary).toContain('### dev → staging: opened: [#1](https://github.com/acme/gitops/pull/1)');
    expect(io.summary).toContain('| `staging` | `ghcr.io/acme/api` | `1.2.0` | `1.3.0` |');
    expect(io.failed).toEqual([]);
  });

  it('refuses when the checkout is not the pushed commit, and writes nothing', async () => {
    const { port, deps } = setup({}, BEFORE_SHA);

    await expect(runPromoteAction(parsePromoteInputs(inputs(TOKEN)), deps)).rejects.toThrow(
      `the checkout is commit ${BEFORE_SHA}, not ${AFTER_SHA}, the commit pushed: check out that commit (actions/checkout with its default ref); nothing was promoted`,
    );
    expect(port.calls).toEqual([]);
  });

  it('refuses when git cannot say which commit is checked out', async () => {
    const { port, deps } = setup({ eventName: 'workflow_dispatch' }, null);

    await expect(
      runPromoteAction(parsePromoteInputs(inputs({ ...TOKEN, from: 'dev' })), deps),
    ).rejects.toThrow(/the checkout is commit \(unknown\), not a{40}/);
    expect(port.calls).toEqual([]);
  });

  it('on workflow_dispatch, promotes what the inputs ask on the dispatched branch', async () => {
    const { io, port, deps } = setup({ eventName: 'workflow_dispatch', branch: 'release' });

    const result = await runPromoteAction(
      parsePromoteInputs(
        inputs({ ...TOKEN, from: 'staging', to: 'prod', 'auto-merge': 'squash', draft: 'true' }),
      ),
      deps,
    );

    expect(result.conclusion).toBe('success');
    expect(requests(port)).toEqual([
      expect.objectContaining({
        base: 'release',
        baseSha: AFTER_SHA,
        branch: 'kubeproof/promote/staging-to-prod',
        title: 'Promote api 1.2.0 to prod',
        autoMerge: 'squash',
        draft: true,
      }),
    ]);
    expect(io.outputs['pull-request-number']).toBe('1');
  });

  it('says so, neutral, for a push to another branch', async () => {
    const { io, port, deps } = setup({ branch: 'feature' });

    const result = await runPromoteAction(parsePromoteInputs(inputs(TOKEN)), deps);

    expect(result).toMatchObject({ conclusion: 'neutral', outcomes: [] });
    expect(io.log).toContain(
      'kubeproof: feature is not the default branch main: only a push to it is promoted',
    );
    expect(port.calls).toEqual([]);
  });

  it('fails when a promotion is refused or GitHub refuses it, and says which', async () => {
    const { io, deps } = setup();
    deps.port = createFakeGitHubPort({
      failures: {
        openOrUpdatePullRequest: new Error(
          'the token lacks permission to create branch kubeproof/promote/dev-to-staging',
        ),
      },
    });

    const result = await runPromoteAction(parsePromoteInputs(inputs(TOKEN)), deps);

    expect(result.conclusion).toBe('failure');
    expect(io.outputs['conclusion']).toBe('failure');
    expect(io.failed).toEqual([
      'kubeproof: dev -> staging: the token lacks permission to create branch kubeproof/promote/dev-to-staging',
    ]);
  });

  it.each([
    [
      'no token',
      { eventName: 'push' },
      {},
      /input github-token is empty: .*contents: write and pull-requests: write/,
    ],
    ['a pull request', { eventName: 'pull_request' }, TOKEN, /on pull_request, give the input from/],
    ['a tag', { branch: undefined }, TOKEN, /this push is not on a branch/],
  ] as const)('refuses to run with %s', async (_, overrides, given, message) => {
    const { port, deps } = setup(overrides as Partial<ActionContext>);

    await expect(
      runPromoteAction(parsePromoteInputs(inputs(given)), {
        ...deps,
        port: 'github-token' in given ? port : undefined,
      }),
    ).rejects.toThrow(message);
  });
});

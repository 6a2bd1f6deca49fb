import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction } from '../../platform/actions/run-check-action.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';
import {
  FIXTURES,
  PR,
  TEST_SCHEMA_LOCATIONS,
  changedPaths,
  checkDeps,
  filesOf,
  gitWorkspace,
  inputs,
  pullRequestContext,
  tempDir,
} from './action-test-kit.ts';

const checkInputs = (extra: Record<string, string> = {}) =>
  parseCheckInputs(inputs({ 'github-token': 't', 'schema-locations': TEST_SCHEMA_LOCATIONS, ...extra }));

const methods = (port: ReturnType<typeof createFakeGitHubPort>) =>
  port.calls.map((call) => call.method).sort();

/** A clone with the fixture's base and head commits, left checked out at the base, as pull_request_target does. */
function baseCheckout(scenario: string) {
  const clone = gitWorkspace(scenario);
  execFileSync('git', ['checkout', '-q', clone.baseSha], { cwd: clone.workspace });
  return clone;
}

describe('pull_request_target', () => {
  it('checks the head downloaded from the API when the checkout is the base, and says so', async () => {
    const { workspace, baseSha, headSha } = baseCheckout('image-bump');
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${headSha}`]: filesOf(join(FIXTURES, 'image-bump', 'head')) },
      changedFiles: { 'acme/gitops#42': changedPaths('image-bump') },
    });
    const context = pullRequestContext(workspace, {
      eventName: 'pull_request_target',
      sha: baseSha,
      pullRequest: { pr: PR, headSha, baseSha, baseRef: 'main' },
      runnerTemp: tempDir(),
    });
    const deps = checkDeps(context, port);

    await runCheckAction(checkInputs(), deps);

    expect(deps.io.annotations.map((a) => a.message)).toContain(
      `kubeproof: the checkout is commit ${baseSha}, not pull request #42's head ${headSha} (pull_request_target checks out the base branch); checking ${headSha} downloaded from the GitHub API instead (one tarball, none of its code is run)`,
    );
    expect(port.calls.filter((call) => call.method === 'getTree').map((call) => call.args[1])).toEqual([
      headSha,
    ]);
    expect(deps.io.outputs).toMatchObject({ environments: '["prod"]', changed: 'true' });
    expect(port.comments.get('acme/gitops#42')?.[0]?.body).toContain(
      'image `ghcr.io/acme/web` `1.4.2` → `1.5.0`',
    );
    expect(port.checkRuns).toMatchObject([{ name: 'kubeproof', conclusion: 'success', sha: headSha }]);
  });

  it('without a token, fails with how to check the head instead of passing the base', async () => {
    const { workspace, baseSha, headSha } = baseCheckout('image-bump');
    const context = pullRequestContext(workspace, {
      eventName: 'pull_request_target',
      sha: baseSha,
      pullRequest: { pr: PR, headSha, baseSha, baseRef: 'main' },
    });
    const deps = checkDeps(context, undefined);

    await expect(
      runCheckAction(parseCheckInputs(inputs({ 'schema-locations': TEST_SCHEMA_LOCATIONS })), deps),
    ).rejects.toThrow(
      `the checkout is commit ${baseSha}, not pull request #42's head ${headSha} (pull_request_target checks out the base branch): checking it would report on the wrong files. Give a github-token so kubeproof downloads ${headSha}, or check it out with actions/checkout and \`ref: \${{ github.event.pull_request.head.sha }}\` (kubeproof runs no code of it)`,
    );
    expect(deps.io.outputs).toEqual({});
  });

  it('checks the checkout when the workflow checked out the head', async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
    const port = createFakeGitHubPort({ changedFiles: { 'acme/gitops#42': changedPaths('image-bump') } });
    const context = pullRequestContext(workspace, {
      eventName: 'pull_request_target',
      sha: baseSha,
      pullRequest: { pr: PR, headSha, baseSha, baseRef: 'main' },
    });
    const deps = checkDeps(context, port);

    await runCheckAction(checkInputs(), deps);

    expect(methods(port)).toEqual(['listChangedFiles', 'publishCheckRun', 'startCheckRun', 'upsertComment']);
    expect(deps.io.outputs['environments']).toBe('["prod"]');
  });
});

describe('merge_group', () => {
  it("diffs the group's commit against its base and puts the check run on it, without a comment", async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
    const port = createFakeGitHubPort();
    const context = pullRequestContext(workspace, {
      eventName: 'merge_group',
      sha: headSha,
      pullRequest: undefined,
      mergeGroup: { headSha, baseSha },
    });
    const deps = checkDeps(context, port);

    await runCheckAction(checkInputs(), deps);

    expect(methods(port)).toEqual(['publishCheckRun', 'startCheckRun']);
    expect(port.checkRuns).toMatchObject([{ name: 'kubeproof', conclusion: 'success', sha: headSha }]);
    expect(deps.io.log).toContain(`kubeproof: base ${baseSha} read from the checkout`);
    expect(deps.io.outputs).toMatchObject({ environments: '["prod"]', changed: 'true' });
  });
});

describe('push and workflow_dispatch', () => {
  it.each(['push', 'workflow_dispatch'])(
    "%s: the base defaults to the event's before commit",
    async (eventName) => {
      const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
      const port = createFakeGitHubPort();
      const context = pullRequestContext(workspace, {
        eventName,
        sha: headSha,
        pullRequest: undefined,
        before: baseSha,
      });
      const deps = checkDeps(context, port);

      await runCheckAction(checkInputs(), deps);

      expect(deps.io.log).toContain(`kubeproof: base ${baseSha} read from the checkout`);
      expect(deps.io.outputs).toMatchObject({ environments: '["prod"]', changed: 'true' });
      expect(port.calls).toEqual([]);
    },
  );
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction } from '../../platform/actions/run-check-action.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';
import { fakeRunner } from '../core/render/external/fake-runner.ts';
import {
  BASE_SHA,
  FIXTURES,
  TEST_SCHEMA_LOCATIONS,
  changedPaths,
  checkDeps,
  filesOf,
  headWorkspace,
  inputs,
  pullRequestContext,
  tempDir,
} from './action-test-kit.ts';

const KUBECTL_CONFIG = `version: 1
environments:
  - name: prod
    path: envs/prod
    renderer: kubectl
`;

const RENDERED = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web
  namespace: shop-prod
data:
  color: blue
`;

const checkInputs = (extra: Record<string, string> = {}) =>
  parseCheckInputs(inputs({ 'github-token': 't', 'schema-locations': TEST_SCHEMA_LOCATIONS, ...extra }));

/**
 * A pull request whose head's .kubeproof.yaml renders prod with kubectl; the base has `baseConfig`
 * (or no config). The runner only records: no binary runs.
 */
function kubectlPullRequest(baseConfig: string | undefined, eventName = 'pull_request') {
  const workspace = headWorkspace('image-bump');
  writeFileSync(join(workspace, '.kubeproof.yaml'), KUBECTL_CONFIG);
  const baseFiles = filesOf(join(FIXTURES, 'image-bump', 'base'));
  if (baseConfig !== undefined) baseFiles['.kubeproof.yaml'] = new TextEncoder().encode(baseConfig);
  const port = createFakeGitHubPort({
    trees: { [`acme/gitops@${BASE_SHA}`]: baseFiles },
    changedFiles: { 'acme/gitops#42': ['.kubeproof.yaml', ...changedPaths('image-bump')] },
  });
  const recorded = fakeRunner(() => ({ exitCode: 0, stdout: RENDERED, stderr: '' }));
  const context =
    eventName === 'pull_request'
      ? pullRequestContext(workspace, { runnerTemp: tempDir() })
      : pullRequestContext(workspace, { eventName, pullRequest: undefined, before: BASE_SHA });
  const deps = { ...checkDeps(context, port), runner: recorded.runner };
  return { deps, port, calls: recorded.calls };
}

describe('external renderers named by the pull request', () => {
  it("are refused when only the head's .kubeproof.yaml names them: not run, an error that says what to do", async () => {
    const { deps, port, calls } = kubectlPullRequest(undefined);

    const { failure } = await runCheckAction(checkInputs(), deps);

    expect(calls).toEqual([]);
    expect(failure).toMatch(/^kubeproof found 1 error/);
    expect(port.checkRuns[0]?.conclusion).toBe('failure');
    const comment = port.comments.get('acme/gitops#42')?.[0]?.body ?? '';
    expect(comment).toContain(
      "environment prod needs the kubectl binary, which only the change's .kubeproof.yaml asks for: kubeproof does not run binaries on files a pull request controls unless the base allows it, so it is not rendered; to allow it, use that renderer for an environment in the base branch's .kubeproof.yaml, or name it in the action's allow-renderers input",
    );
  });

  it("run when the base's .kubeproof.yaml already uses them", async () => {
    const { deps, calls } = kubectlPullRequest(KUBECTL_CONFIG);

    const { failure } = await runCheckAction(checkInputs(), deps);

    expect(failure).toBeUndefined();
    expect(calls.map((call) => `${call.command} ${call.args.join(' ')}`)).toEqual([
      expect.stringMatching(/^kubectl kustomize .*envs\/prod$/),
      expect.stringMatching(/^kubectl kustomize .*envs\/prod$/),
    ]);
  });

  it('run when the allow-renderers input names them', async () => {
    const { deps, calls } = kubectlPullRequest(undefined);

    const { failure } = await runCheckAction(checkInputs({ 'allow-renderers': 'kubectl, helm' }), deps);

    expect(failure).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('run on a push: the pushed commit is already in the repository', async () => {
    const { deps, calls } = kubectlPullRequest(undefined, 'push');

    await runCheckAction(checkInputs(), deps);

    expect(calls).toHaveLength(1);
  });

  it('allow-renderers names only binaries', () => {
    expect(() => checkInputs({ 'allow-renderers': 'kubectl,bash' })).toThrow(
      'input allow-renderers: "bash" is not kustomize, kubectl or helm (the renderers that run a binary)',
    );
  });
});

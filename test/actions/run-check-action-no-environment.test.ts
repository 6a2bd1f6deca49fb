import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckInputs, parseDiffInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction, runDiffAction } from '../../platform/actions/run-check-action.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';
import {
  BASE_SHA,
  TEST_SCHEMA_LOCATIONS,
  checkDeps,
  inputs,
  pullRequestContext,
  tempDir,
} from './action-test-kit.ts';

/** A checkout whose `deploy/` holds a kustomization in no layout kubeproof knows, and no config. */
function workspaceWithoutEnvironments(): string {
  const workspace = tempDir();
  mkdirSync(join(workspace, 'deploy/app'), { recursive: true });
  writeFileSync(join(workspace, 'deploy/app/kustomization.yaml'), 'resources:\n- cm.yaml\n');
  writeFileSync(
    join(workspace, 'deploy/app/cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  );
  return workspace;
}

function fakeGitHub() {
  return createFakeGitHubPort({
    trees: { [`acme/gitops@${BASE_SHA}`]: {} },
    changedFiles: { 'acme/gitops#42': ['deploy/app/cm.yaml'] },
  });
}

describe('the actions on a folder without environments', () => {
  it('check: the check run fails, the step fails, and the comment says no environment found', async () => {
    const port = fakeGitHub();
    const deps = checkDeps(pullRequestContext(workspaceWithoutEnvironments()), port);
    const checkInputs = parseCheckInputs(
      inputs({
        'github-token': 't',
        'schema-locations': TEST_SCHEMA_LOCATIONS,
        'working-directory': 'deploy',
      }),
    );

    const { failure } = await runCheckAction(checkInputs, deps);

    expect(port.checkRuns[0]?.conclusion).toBe('failure');
    expect(port.checkRuns[0]?.title).toMatch(/^no environment found/);
    expect(failure).toMatch(/^kubeproof found 1 error/);
    expect(deps.io.failed).not.toEqual([]);
    const comment = port.comments.get('acme/gitops#42')?.[0]?.body ?? '';
    expect(comment).toContain('### kubeproof: ❌ no environment found\n');
    expect(comment).toContain('No environment found in deploy: kubeproof looked in .kubeproof.yaml');
    expect(comment).not.toMatch(/valid/);
  });

  it('diff with fail-on never: neutral, never success', async () => {
    const port = fakeGitHub();
    const deps = checkDeps(pullRequestContext(workspaceWithoutEnvironments()), port);

    await runDiffAction(parseDiffInputs(inputs({ 'github-token': 't', 'fail-on': 'never' })), deps);

    expect(port.checkRuns[0]?.conclusion).toBe('neutral');
    expect(port.checkRuns[0]?.title).toMatch(/^no environment found/);
  });
});

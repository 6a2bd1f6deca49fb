import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../core/check/run-check.ts';
import type { ProcessRunner } from '../../../core/render/external/process-runner.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';

const CONFIG = 'version: 1\nenvironments:\n  - { name: prod, path: envs/prod, renderer: kustomize }\n';
const KUSTOMIZATION = 'resources:\n- cm.yaml\n';
const cm = (value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  MODE: ${value}\n`;

/** A kustomize binary that prints what the folder it is given holds, by the repository root. */
function fakeKustomize(outputs: Record<string, string>): ProcessRunner & { roots: string[] } {
  const roots: string[] = [];
  return {
    roots,
    async run(_command, args, options) {
      roots.push(options.cwd);
      const folder = args.at(-1) ?? '';
      const root = Object.keys(outputs).find((candidate) => folder.startsWith(candidate));
      return { exitCode: 0, stdout: root === undefined ? '' : (outputs[root] as string), stderr: '' };
    },
  };
}

describe('runCheck with environments rendered by a binary', () => {
  it('writes a base that is not on disk to a folder, only when a binary needs it, and diffs the result', async () => {
    const runner = fakeKustomize({ '/repo/head': cm('fast'), '/tmp/base-1': cm('slow') });
    const head = memoryFileSource({
      '.kubeproof.yaml': CONFIG,
      'envs/prod/kustomization.yaml': KUSTOMIZATION,
      'envs/prod/cm.yaml': cm('fast'),
    });
    const baseFiles = memoryFileSource({
      '.kubeproof.yaml': CONFIG,
      'envs/prod/kustomization.yaml': KUSTOMIZATION,
      'envs/prod/cm.yaml': cm('slow'),
    });
    let materialized = 0;

    const result = await runCheck(
      { files: head, external: { runner, repoRoot: '/repo/head', files: head } },
      {
        files: baseFiles,
        materialize: async () => {
          materialized++;
          return { runner, repoRoot: '/tmp/base-1', files: baseFiles };
        },
      },
      { kubernetesVersion: '1.31.0', strict: true, validate: false },
      { now: () => 0 },
    );

    expect(materialized).toBe(1);
    expect(result.renderFailures).toBe(0);
    const [prod] = result.report.environments;
    expect(prod?.status).toBe('changed');
    expect(prod?.resources.map((r) => r.notes.map((n) => n.text))).toEqual([['key MODE: slow -> fast']]);
  });

  it('does not write the base when every environment renders with the built-in engine', async () => {
    const files = (value: string) =>
      memoryFileSource({ 'envs/prod/kustomization.yaml': KUSTOMIZATION, 'envs/prod/cm.yaml': cm(value) });
    let materialized = 0;
    const result = await runCheck(
      { files: files('fast') },
      {
        files: files('slow'),
        materialize: async () => {
          materialized++;
          throw new Error('not needed');
        },
      },
      { kubernetesVersion: '1.31.0', strict: true, validate: false },
      { now: () => 0 },
    );
    expect(materialized).toBe(0);
    expect(result.report.environments.map((e) => [e.environment, e.status])).toEqual([['prod', 'changed']]);
  });
});

describe('runCheck on a folder without environments', () => {
  const options = { kubernetesVersion: '1.31.0', strict: true, validate: false, where: 'deploy' };

  it('says no environment was found, where and how to declare one, with an error finding', async () => {
    const files = memoryFileSource({ 'app/kustomization.yaml': KUSTOMIZATION, 'app/cm.yaml': cm('a') });

    const result = await runCheck({ files }, { files }, options, { now: () => 0 });

    expect(result.report.environments).toEqual([]);
    expect(result.report.noEnvironment).toMatch(
      /^no environment found in deploy: kubeproof looked in \.kubeproof\.yaml, /,
    );
    expect(result.findings).toEqual([
      {
        ruleId: 'no-environment',
        severity: 'error',
        message: result.report.noEnvironment,
        path: '.kubeproof.yaml',
      },
    ]);
  });

  it('says the config could not be read when that is why nothing was found', async () => {
    const files = memoryFileSource({ '.kubeproof.yaml': 'version: 2\n' });

    const result = await runCheck({ files }, undefined, options, { now: () => 0 });

    expect(result.report.noEnvironment).toBe(
      'no environment found in deploy: .kubeproof.yaml could not be read (see its errors); fix it to declare the environments',
    );
  });

  it('is not "nothing found" when the change removes every environment, nor when none is affected', async () => {
    const withEnv = memoryFileSource({
      '.kubeproof.yaml': 'version: 1\nenvironments:\n  - { name: prod, path: envs/prod }\n',
      'envs/prod/kustomization.yaml': KUSTOMIZATION,
      'envs/prod/cm.yaml': cm('a'),
    });
    const empty = memoryFileSource({ 'README.md': 'gone\n' });

    const removed = await runCheck({ files: empty }, { files: withEnv }, options, { now: () => 0 });
    const unaffected = await runCheck({ files: withEnv }, { files: withEnv }, options, { now: () => 0 });

    expect(removed.report.noEnvironment).toBeUndefined();
    expect(removed.report.environments.map((env) => env.environment)).toEqual(['prod']);
    expect(unaffected.report.noEnvironment).toBeUndefined();
    expect(unaffected.findings).toEqual([]);
  });

  it('records whether there was a base to compare with', async () => {
    const files = memoryFileSource({
      'envs/prod/kustomization.yaml': KUSTOMIZATION,
      'envs/prod/cm.yaml': cm('a'),
    });

    expect((await runCheck({ files }, undefined, options, { now: () => 0 })).report.meta.compared).toBe(
      false,
    );
    expect((await runCheck({ files }, { files }, options, { now: () => 0 })).report.meta.compared).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../core/check/run-check.ts';
import type { ProcessRunner } from '../../../core/render/external/process-runner.ts';
import { memoryFileSource } from '../../../core/render/types.ts';

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

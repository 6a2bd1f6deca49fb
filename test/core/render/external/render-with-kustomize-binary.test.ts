import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../../core/render/environments/types.ts';
import { renderExternalEnvironments } from '../../../../core/render/external/render-external.ts';
import {
  renderWithKustomizeBinaries,
  renderWithKustomizeBinary,
} from '../../../../core/render/external/render-with-kustomize-binary.ts';
import type { ExternalRenderDeps } from '../../../../core/render/external/types.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';
import { fakeRunner } from './fake-runner.ts';

const files = memoryFileSource({
  'envs/prod/kustomization.yml': 'resources: []\n',
  'envs/dev/kustomization.yaml': 'resources: []\n',
  'charts/web/Chart.yaml': 'name: web\n',
});

function env(name: string, path: string, renderer: Environment['renderer']): Environment {
  return { name, path, source: 'config', renderer };
}

function deps(
  runner: ExternalRenderDeps['runner'],
  extra: Partial<ExternalRenderDeps> = {},
): ExternalRenderDeps {
  return { runner, repoRoot: '/repo/', files, ...extra };
}

describe('renderWithKustomizeBinary', () => {
  it.each([
    ['kustomize', 'kustomize', ['build', '/repo/envs/prod']],
    ['kubectl', 'kubectl', ['kustomize', '/repo/envs/prod']],
  ] as const)('runs %s with the folder on disk', async (renderer, command, args) => {
    // Arrange
    const fake = fakeRunner(() => ({ exitCode: 0, stdout: 'kind: ConfigMap\n', stderr: '' }));
    // Act
    const result = await renderWithKustomizeBinary(env('prod', 'envs/prod', renderer), deps(fake.runner));
    // Assert
    expect(fake.calls).toEqual([{ command, args, options: { cwd: '/repo', timeoutMs: 300_000 } }]);
    expect(result).toEqual({ environment: 'prod', yaml: 'kind: ConfigMap\n', findings: [] });
  });

  it('passes the command override, timeout and environment variables', async () => {
    const fake = fakeRunner();
    await renderWithKustomizeBinary(
      env('root', '', 'kustomize'),
      deps(fake.runner, {
        commands: { kustomize: '/opt/kustomize' },
        timeoutMs: 5000,
        env: { HOME: '/tmp/h' },
      }),
    );
    expect(fake.calls).toEqual([
      {
        command: '/opt/kustomize',
        args: ['build', '/repo'],
        options: { cwd: '/repo', timeoutMs: 5000, env: { HOME: '/tmp/h' } },
      },
    ]);
  });

  it('reports a failed build on the kustomization file with the first lines of stderr', async () => {
    const stderr =
      "Error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/repo/envs/prod/missing.yaml' : lstat /repo/envs/prod/missing.yaml: no such file or directory'\n\nsecond line\nthird line\nfourth line\n";
    const fake = fakeRunner(() => ({ exitCode: 1, stdout: '', stderr }));
    const result = await renderWithKustomizeBinary(env('prod', 'envs/prod', 'kustomize'), deps(fake.runner));
    expect(result).toEqual({
      environment: 'prod',
      findings: [
        {
          ruleId: 'kustomize-build',
          severity: 'error',
          message:
            "kustomize build envs/prod failed (exit code 1): accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on 'envs/prod/missing.yaml' : lstat envs/prod/missing.yaml: no such file or directory'\nsecond line\nthird line",
          path: 'envs/prod/kustomization.yml',
        },
      ],
    });
  });

  it('reports a timeout and an output limit', async () => {
    const timedOut = fakeRunner(() => ({ exitCode: -1, stdout: '', stderr: '', killed: 'timeout' }));
    const tooBig = fakeRunner(() => ({ exitCode: -1, stdout: '', stderr: '', killed: 'output-limit' }));
    const a = await renderWithKustomizeBinary(
      env('dev', 'envs/dev', 'kubectl'),
      deps(timedOut.runner, { timeoutMs: 60_000 }),
    );
    const b = await renderWithKustomizeBinary(env('dev', 'envs/dev', 'kubectl'), deps(tooBig.runner));
    expect(a.findings).toEqual([
      {
        ruleId: 'kustomize-build',
        severity: 'error',
        message: 'kubectl kustomize envs/dev did not finish within 60 s and was stopped',
        path: 'envs/dev/kustomization.yaml',
      },
    ]);
    expect(b.findings[0]?.message).toBe(
      'kubectl kustomize envs/dev printed more output than kubeproof accepts and was stopped',
    );
    expect(a.yaml).toBeUndefined();
  });

  it('keeps warnings printed on success as a notice', async () => {
    const stderr = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead.\n";
    const fake = fakeRunner(() => ({ exitCode: 0, stdout: 'a: 1\n', stderr }));
    const result = await renderWithKustomizeBinary(env('dev', 'envs/dev', 'kustomize'), deps(fake.runner));
    expect(result.findings).toEqual([
      {
        ruleId: 'kustomize-build',
        severity: 'notice',
        message:
          "kustomize build envs/dev: # Warning: 'commonLabels' is deprecated. Please use 'labels' instead.",
        path: 'envs/dev/kustomization.yaml',
      },
    ]);
  });
});

describe('renderWithKustomizeBinaries', () => {
  it('summarises a missing binary in one finding and stops trying it', async () => {
    // Arrange: kustomize is missing, kubectl is there
    const fake = fakeRunner((call) =>
      call.command === 'kustomize' ? { notFound: true } : { exitCode: 0, stdout: 'x: 1\n', stderr: '' },
    );
    const environments = [
      env('dev', 'envs/dev', 'kustomize'),
      env('prod', 'envs/prod', 'kustomize'),
      env('qa', 'envs/dev', 'kubectl'),
    ];
    // Act
    const batch = await renderWithKustomizeBinaries(environments, deps(fake.runner, { concurrency: 1 }));
    // Assert
    expect(fake.calls.map((call) => call.command)).toEqual(['kustomize', 'kubectl']);
    expect(batch.results).toEqual([
      { environment: 'dev', findings: [], missingTool: 'kustomize' },
      { environment: 'prod', findings: [], missingTool: 'kustomize' },
      { environment: 'qa', yaml: 'x: 1\n', findings: [] },
    ]);
    expect(batch.findings).toEqual([
      {
        ruleId: 'renderer-missing',
        severity: 'error',
        message:
          'kustomize is not installed: 2 environments not rendered (dev, prod). Install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/), or set `renderer: builtin` for these environments in .kubeproof.yaml to use kubeproof’s built-in kustomize engine.',
        path: 'envs/dev/kustomization.yaml',
      },
    ]);
  });

  it('names the command that was not found when it was overridden', async () => {
    const fake = fakeRunner(() => ({ notFound: true }));
    const batch = await renderWithKustomizeBinaries(
      [env('dev', 'envs/dev', 'kubectl')],
      deps(fake.runner, { commands: { kubectl: '/usr/local/bin/kubectl' } }),
    );
    expect(batch.findings[0]?.message).toMatch(
      /^kubectl \(\/usr\/local\/bin\/kubectl\) is not installed: 1 environment not rendered \(dev\)\. Install kubectl/,
    );
  });
});

describe('renderExternalEnvironments', () => {
  it('renders kustomize, kubectl and helm environments, skips the others, and groups missing tools', async () => {
    const fake = fakeRunner((call) =>
      call.command === 'helm' ? { notFound: true } : { exitCode: 0, stdout: `${call.command}\n`, stderr: '' },
    );
    const environments = [
      env('a', 'envs/dev', 'builtin'),
      env('b', 'envs/dev', 'kustomize'),
      env('c', 'charts/web', 'helm'),
      env('d', 'envs/prod', 'kubectl'),
      env('e', 'charts/web', 'none'),
    ];
    const batch = await renderExternalEnvironments(environments, deps(fake.runner));
    expect(batch.results).toEqual([
      { environment: 'b', yaml: 'kustomize\n', findings: [] },
      { environment: 'c', findings: [], missingTool: 'helm' },
      { environment: 'd', yaml: 'kubectl\n', findings: [] },
    ]);
    expect(batch.findings).toEqual([
      {
        ruleId: 'renderer-missing',
        severity: 'error',
        message:
          'helm is not installed: 1 environment not rendered (c). Install Helm 3 (https://helm.sh/docs/intro/install/): kubeproof has no built-in Helm engine.',
        path: 'charts/web/Chart.yaml',
      },
    ]);
  });
});

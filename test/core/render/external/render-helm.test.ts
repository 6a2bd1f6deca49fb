import { describe, expect, it } from 'vitest';
import type { Environment, HelmSettings } from '../../../../core/render/environments/types.ts';
import {
  escapeSetValue,
  helmTemplateCommandLine,
} from '../../../../core/render/external/helm-template-args.ts';
import { renderHelm, renderHelmEnvironments } from '../../../../core/render/external/render-helm.ts';
import type { ExternalRenderDeps } from '../../../../core/render/external/types.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';
import { fakeRunner } from './fake-runner.ts';

const files = memoryFileSource({
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'replicas: 1\n',
  'charts/web/templates/deployment.yaml': 'kind: Deployment\n',
  'envs/prod/values.yaml': 'replicas: 3\n',
  'envs/prod/ca.pem': 'PEM\n',
  'argocd/web.yaml': 'kind: Application\n',
});

function helmEnv(name: string, helm?: HelmSettings, extra: Partial<Environment> = {}): Environment {
  return {
    name,
    path: 'charts/web',
    source: 'config',
    renderer: 'helm',
    ...(helm ? { helm } : {}),
    ...extra,
  };
}

function deps(
  runner: ExternalRenderDeps['runner'],
  extra: Partial<ExternalRenderDeps> = {},
): ExternalRenderDeps {
  return { runner, repoRoot: '/repo', files, ...extra };
}

describe('helmTemplateCommandLine', () => {
  it('renders the folder as the chart with the environment name as release by default', () => {
    expect(
      helmTemplateCommandLine(helmEnv('web'), { chart: 'charts/web', valuesFiles: [] }, '/repo'),
    ).toEqual({
      args: ['template', 'web', '/repo/charts/web', '--namespace', 'default', '--include-crds'],
      cwd: '/repo/charts/web',
    });
  });

  it('passes every setting in Argo CD’s precedence order', () => {
    const settings: HelmSettings = {
      chart: 'charts/web',
      valuesFiles: ['charts/web/values.yaml', 'envs/prod/values.yaml'],
      releaseName: 'web-prod',
      namespace: 'shop',
      values: 'replicas: 5\n',
      parameters: [
        { flag: 'set', name: 'image.tag', value: 'v1,v2' },
        { flag: 'set', name: 'hosts', value: '{a,b}' },
        { flag: 'set-string', name: 'port', value: '8080' },
        { flag: 'set-file', name: 'ca', value: 'envs/prod/ca.pem' },
      ],
      apiVersions: ['monitoring.coreos.com/v1', 'networking.k8s.io/v1/Ingress'],
      skipCrds: true,
      skipTests: true,
    };
    const environment = helmEnv('prod', settings, { kubernetesVersion: '1.31.0' });
    expect(helmTemplateCommandLine(environment, settings, '/repo')).toEqual({
      args: [
        'template',
        'web-prod',
        '/repo/charts/web',
        '--namespace',
        'shop',
        '--skip-tests',
        '--kube-version',
        '1.31.0',
        '--api-versions',
        'monitoring.coreos.com/v1',
        '--api-versions',
        'networking.k8s.io/v1/Ingress',
        '-f',
        '/repo/charts/web/values.yaml',
        '-f',
        '/repo/envs/prod/values.yaml',
        '-f',
        '-',
        '--set',
        'image.tag=v1\\,v2',
        '--set',
        'hosts={a,b}',
        '--set-string',
        'port=8080',
        '--set-file',
        'ca=/repo/envs/prod/ca.pem',
      ],
      input: 'replicas: 5\n',
      cwd: '/repo/charts/web',
    });
  });

  it('prefers the settings’ kubeVersion over the environment’s', () => {
    const settings = { chart: 'charts/web', valuesFiles: [], kubeVersion: '1.29.0' };
    const { args } = helmTemplateCommandLine(
      helmEnv('web', settings, { kubernetesVersion: '1.31.0' }),
      settings,
      '/r',
    );
    expect(args.slice(-2)).toEqual(['--kube-version', '1.29.0']);
  });

  it.each([
    ['a,b', 'a\\,b'],
    ['a\\,b', 'a\\,b'],
    ['a,,b', 'a\\,\\,b'],
    [',', '\\,'],
    ['{x,y}', '{x,y}'],
    ['plain', 'plain'],
  ])('escapes the commas of %j as Argo CD does', (value, expected) => {
    expect(escapeSetValue(value)).toBe(expected);
  });
});

describe('renderHelm', () => {
  it('runs helm template with inline values on stdin and returns its output', async () => {
    // Arrange
    const fake = fakeRunner(() => ({ exitCode: 0, stdout: '---\nkind: Deployment\n', stderr: '' }));
    const settings: HelmSettings = {
      chart: 'charts/web',
      valuesFiles: ['envs/prod/values.yaml'],
      values: '{"a":1}',
    };
    // Act
    const result = await renderHelm(
      helmEnv('prod', settings),
      deps(fake.runner, { env: { HELM_CACHE_HOME: '/c' } }),
    );
    // Assert
    expect(fake.calls).toEqual([
      {
        command: 'helm',
        args: [
          'template',
          'prod',
          '/repo/charts/web',
          '--namespace',
          'default',
          '--include-crds',
          '-f',
          '/repo/envs/prod/values.yaml',
          '-f',
          '-',
        ],
        options: {
          cwd: '/repo/charts/web',
          timeoutMs: 300_000,
          input: '{"a":1}',
          env: { HELM_CACHE_HOME: '/c' },
        },
      },
    ]);
    expect(result).toEqual({ environment: 'prod', yaml: '---\nkind: Deployment\n', findings: [] });
  });

  it('does not run helm when a values file is missing', async () => {
    const fake = fakeRunner();
    const settings = { chart: 'charts/web', valuesFiles: ['envs/qa/values.yaml'] };
    const result = await renderHelm(
      helmEnv('qa', settings, { declaredIn: ['argocd/web.yaml'] }),
      deps(fake.runner),
    );
    expect(fake.calls).toEqual([]);
    expect(result).toEqual({
      environment: 'qa',
      findings: [
        {
          ruleId: 'helm-template',
          severity: 'error',
          message: 'environment qa: Helm values file envs/qa/values.yaml does not exist; not rendered',
          path: 'argocd/web.yaml',
        },
      ],
    });
  });

  it('skips a missing values file with ignoreMissingValueFiles', async () => {
    const fake = fakeRunner(() => ({ exitCode: 0, stdout: 'a: 1\n', stderr: '' }));
    const settings = {
      chart: 'charts/web',
      valuesFiles: ['envs/qa/values.yaml', 'envs/prod/values.yaml'],
      ignoreMissingValueFiles: true,
    };
    const result = await renderHelm(helmEnv('qa', settings), deps(fake.runner));
    expect(fake.calls[0]?.args.filter((arg) => arg.startsWith('/repo/envs'))).toEqual([
      '/repo/envs/prod/values.yaml',
    ]);
    expect(result.yaml).toBe('a: 1\n');
    expect(result.findings).toEqual([
      {
        ruleId: 'helm-template',
        severity: 'notice',
        message:
          'environment qa: Helm values file envs/qa/values.yaml does not exist; skipped (ignoreMissingValueFiles)',
        path: 'charts/web/Chart.yaml',
      },
    ]);
  });

  it('rejects a release name helm would refuse', async () => {
    const fake = fakeRunner();
    const result = await renderHelm(helmEnv('Prod_EU'), deps(fake.runner));
    expect(fake.calls).toEqual([]);
    expect(result.findings).toEqual([
      {
        ruleId: 'helm-template',
        severity: 'error',
        message:
          "environment Prod_EU: \"Prod_EU\" is not a Helm release name (lowercase letters, digits, '-' and '.', at most 53 characters); set helm.releaseName",
        path: 'charts/web/Chart.yaml',
      },
    ]);
  });

  it('points a template error at the template file and line', async () => {
    const stderr =
      'Error: template: web/templates/deployment.yaml:12:20: executing "web/templates/deployment.yaml" at <.Values.image.tag>: nil pointer evaluating interface {}.tag\n';
    const fake = fakeRunner(() => ({ exitCode: 1, stdout: '', stderr }));
    const result = await renderHelm(helmEnv('web'), deps(fake.runner));
    expect(result).toEqual({
      environment: 'web',
      findings: [
        {
          ruleId: 'helm-template',
          severity: 'error',
          message:
            'helm template charts/web failed (exit code 1): template: web/templates/deployment.yaml:12:20: executing "web/templates/deployment.yaml" at <.Values.image.tag>: nil pointer evaluating interface {}.tag',
          path: 'charts/web/templates/deployment.yaml',
          line: 12,
          column: 20,
        },
      ],
    });
  });

  it.each([
    [
      'Error: YAML parse error on web/templates/deployment.yaml: error converting YAML to JSON: yaml: line 4',
      {},
    ],
    [
      'Error: execution error at (web/templates/deployment.yaml:3:4): image.tag is required',
      { line: 3, column: 4 },
    ],
    ['Error: parse error at (web/templates/deployment.yaml:7): function "foo" not defined', { line: 7 }],
  ])('locates %j', async (stderr, position) => {
    const fake = fakeRunner(() => ({ exitCode: 1, stdout: '', stderr }));
    const result = await renderHelm(helmEnv('web'), deps(fake.runner));
    expect(result.findings[0]).toMatchObject({ path: 'charts/web/templates/deployment.yaml', ...position });
  });

  it('keeps Chart.yaml when helm names a file that is not in the repository', async () => {
    const stderr = 'Error: template: web/charts/redis/templates/x.yaml:1:2: boom\n';
    const fake = fakeRunner(() => ({ exitCode: 1, stdout: '', stderr }));
    const result = await renderHelm(helmEnv('web'), deps(fake.runner));
    expect(result.findings[0]?.path).toBe('charts/web/Chart.yaml');
    expect(result.findings[0]?.line).toBeUndefined();
  });

  it('reports a timeout', async () => {
    const fake = fakeRunner(() => ({ exitCode: -1, stdout: '', stderr: '', killed: 'timeout' }));
    const result = await renderHelm(helmEnv('web'), deps(fake.runner, { timeoutMs: 30_000 }));
    expect(result.findings).toEqual([
      {
        ruleId: 'helm-template',
        severity: 'error',
        message: 'helm template charts/web did not finish within 30 s and was stopped',
        path: 'charts/web/Chart.yaml',
      },
    ]);
  });
});

describe('renderHelmEnvironments', () => {
  it('reports a missing helm once, as an error listing the environments', async () => {
    const fake = fakeRunner(() => ({ notFound: true }));
    const environments = [helmEnv('web-dev'), helmEnv('web-prod')];
    const batch = await renderHelmEnvironments(environments, deps(fake.runner, { concurrency: 1 }));
    expect(fake.calls).toHaveLength(1);
    expect(batch).toEqual({
      results: [
        { environment: 'web-dev', findings: [], missingTool: 'helm' },
        { environment: 'web-prod', findings: [], missingTool: 'helm' },
      ],
      findings: [
        {
          ruleId: 'renderer-missing',
          severity: 'error',
          message:
            'helm is not installed: 2 environments not rendered (web-dev, web-prod). Install Helm 3 (https://helm.sh/docs/intro/install/): kubeproof has no built-in Helm engine.',
          path: 'charts/web/Chart.yaml',
        },
      ],
    });
  });

  it('renders several environments concurrently, results in order', async () => {
    const fake = fakeRunner((call) => ({ exitCode: 0, stdout: `${call.args[1]}\n`, stderr: '' }));
    const environments = ['a', 'b', 'c', 'd', 'e'].map((name) => helmEnv(name));
    const batch = await renderHelmEnvironments(environments, deps(fake.runner, { concurrency: 2 }));
    expect(batch.results.map((result) => result.yaml)).toEqual(['a\n', 'b\n', 'c\n', 'd\n', 'e\n']);
    expect(batch.findings).toEqual([]);
  });
});

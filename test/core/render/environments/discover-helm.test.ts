import { describe, expect, it } from 'vitest';
import { affectedEnvironments } from '../../../../core/render/environments/affected-environments.ts';
import { discoverEnvironments } from '../../../../core/render/environments/discover-environments.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';

const CHART = 'apiVersion: v2\nname: web\nversion: 0.1.0\n';
const REPO_URL = 'https://github.com/acme/gitops.git';
const ASSUMED = `repoURL ${REPO_URL} taken to be this repository`;

/** An Argo CD Application with the given `spec` lines (indented by two). */
function application(name: string, spec: string): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  project: default\n${spec}`;
}

/** A Flux HelmRelease with the given `spec` lines (indented by two). */
function helmRelease(name: string, namespace: string | undefined, spec: string, version = 'v2'): string {
  const ns = namespace ? `  namespace: ${namespace}\n` : '';
  return `apiVersion: helm.toolkit.fluxcd.io/${version}\nkind: HelmRelease\nmetadata:\n  name: ${name}\n${ns}spec:\n  interval: 10m\n${spec}`;
}

const GIT_CHART = `  chart:
    spec:
      chart: ./charts/web
      sourceRef:
        kind: GitRepository
        name: flux-system
`;

describe('discoverEnvironments: Argo CD Helm sources', () => {
  it('applies value files, inline values, parameters and flags of a helm block', async () => {
    const files = memoryFileSource({
      'apps/web.yaml': application(
        'web-prod',
        `  source:
    repoURL: ${REPO_URL}
    path: charts/web
    helm:
      releaseName: web
      valueFiles: [values-prod.yaml, ../../shared/common.yaml]
      valuesObject:
        replicas: 3
      parameters:
        - name: image.tag
          value: v2
      fileParameters:
        - name: config
          path: files/config.txt
      skipCrds: true
  destination:
    namespace: shop
`,
      ),
      'charts/web/Chart.yaml': CHART,
    });

    const { environments, findings } = await discoverEnvironments(files);

    expect(findings).toEqual([]);
    expect(environments).toEqual([
      {
        name: 'web-prod',
        path: 'charts/web',
        source: 'argocd',
        renderer: 'helm',
        detail: `Argo CD Application web-prod at apps/web.yaml:9, ${ASSUMED}`,
        declaredIn: ['apps/web.yaml'],
        helm: {
          chart: 'charts/web',
          valuesFiles: ['charts/web/values-prod.yaml', 'shared/common.yaml'],
          releaseName: 'web',
          namespace: 'shop',
          values: '{\n  "replicas": 3\n}\n',
          parameters: [
            { flag: 'set', name: 'image.tag', value: 'v2' },
            { flag: 'set-file', name: 'config', value: 'charts/web/files/config.txt' },
          ],
          skipCrds: true,
        },
      },
    ]);
  });

  it('renders a chart folder without a helm block with the Application name and destination', async () => {
    const files = memoryFileSource({
      'app.yaml': application('api', '  source:\n    path: charts/api\n  destination:\n    namespace: api\n'),
      'charts/api/Chart.yaml': CHART,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.renderer, e.helm, e.detail])).toEqual([
      [
        'api',
        'helm',
        { chart: 'charts/api', valuesFiles: [], releaseName: 'api', namespace: 'api' },
        'Argo CD Application api at app.yaml:8',
      ],
    ]);
  });

  it('resolves $ref value files of a multi-source Application and notes the ones it cannot', async () => {
    const files = memoryFileSource({
      'app.yaml': application(
        'web',
        `  sources:
    - repoURL: ${REPO_URL}
      path: charts/web
      helm:
        valueFiles: [$config/envs/prod/web.yaml, $elsewhere/values.yaml]
    - repoURL: ${REPO_URL}
      ref: config
`,
      ),
      'charts/web/Chart.yaml': CHART,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.helm?.valuesFiles, e.detail])).toEqual([
      [
        ['envs/prod/web.yaml'],
        `Argo CD Application web at app.yaml:9, ${ASSUMED}, Helm value file $elsewhere/values.yaml is not in this repository: not applied`,
      ],
    ]);
  });

  it('gives each ApplicationSet element its own environment when only the values differ', async () => {
    const appset = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: web
spec:
  generators:
    - list:
        elements:
          - env: dev
          - env: prod
  template:
    metadata:
      name: 'web-{{env}}'
    spec:
      project: default
      source:
        repoURL: ${REPO_URL}
        path: charts/web
        helm:
          valueFiles: ['values-{{env}}.yaml']
          parameters:
            - name: env
              value: '{{env}}'
      destination:
        namespace: 'web-{{env}}'
`;
    const files = memoryFileSource({ 'appset.yaml': appset, 'charts/web/Chart.yaml': CHART });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.path, e.renderer, e.helm])).toEqual([
      [
        'web-dev',
        'charts/web',
        'helm',
        {
          chart: 'charts/web',
          valuesFiles: ['charts/web/values-dev.yaml'],
          releaseName: 'web-dev',
          namespace: 'web-dev',
          parameters: [{ flag: 'set', name: 'env', value: 'dev' }],
        },
      ],
      [
        'web-prod',
        'charts/web',
        'helm',
        {
          chart: 'charts/web',
          valuesFiles: ['charts/web/values-prod.yaml'],
          releaseName: 'web-prod',
          namespace: 'web-prod',
          parameters: [{ flag: 'set', name: 'env', value: 'prod' }],
        },
      ],
    ]);
  });
});

describe('discoverEnvironments: Flux HelmReleases', () => {
  const valuesConfigMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-values
  namespace: shop
data:
  values.yaml: |
    replicas: 2
    image:
      tag: v1
`;

  it('renders a GitRepository chart with valuesFrom read from a ConfigMap of the repository', async () => {
    const release = helmRelease(
      'web',
      'shop',
      `${GIT_CHART}      valuesFiles: [charts/web/values.yaml, clusters/prod/web-values.yaml]
  valuesFrom:
    - kind: ConfigMap
      name: web-values
    - kind: Secret
      name: web-secrets
  values:
    image:
      tag: v2
`,
    );
    const files = memoryFileSource({
      'clusters/prod/web/release.yaml': release,
      'clusters/prod/web/values.yaml': valuesConfigMap,
      // Same name, other namespace: not the one helm-controller reads.
      'clusters/dev/web-values.yaml': valuesConfigMap.replace('namespace: shop', 'namespace: dev'),
      'charts/web/Chart.yaml': CHART,
    });

    const { environments, findings } = await discoverEnvironments(files);

    expect(environments).toEqual([
      {
        name: 'web',
        path: 'charts/web',
        source: 'flux',
        renderer: 'helm',
        detail:
          'Flux HelmRelease shop/web at clusters/prod/web/release.yaml:10, source GitRepository/flux-system taken to be this repository',
        declaredIn: ['clusters/prod/web/release.yaml', 'clusters/prod/web/values.yaml'],
        helm: {
          chart: 'charts/web',
          valuesFiles: ['charts/web/values.yaml', 'clusters/prod/web-values.yaml'],
          releaseName: 'web',
          namespace: 'shop',
          values: '{\n  "replicas": 2,\n  "image": {\n    "tag": "v2"\n  }\n}\n',
          skipTests: true,
        },
      },
    ]);
    expect(findings).toEqual([
      {
        ruleId: 'environments',
        severity: 'warning',
        message: 'valuesFrom Secret/web-secrets is not in this repository: rendered without it',
        path: 'clusters/prod/web/release.yaml',
        line: 18,
      },
    ]);
  });

  it('reads valuesFrom a ConfigMap generated by kustomize, as Flux guides write it', async () => {
    const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
resources: [release.yaml]
configMapGenerator:
  - name: web-values
    files: [values.yaml=web-values.yaml]
configurations: [kustomizeconfig.yaml]
`;
    const files = memoryFileSource({
      'apps/web/kustomization.yaml': kustomization,
      'apps/web/release.yaml': helmRelease(
        'web',
        undefined,
        `${GIT_CHART}  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n`,
      ),
      'apps/web/web-values.yaml': 'replicas: 4\n',
      'apps/web/kustomizeconfig.yaml': 'nameReference: []\n',
      'charts/web/Chart.yaml': CHART,
    });

    const { environments, findings } = await discoverEnvironments(files);
    const web = environments.find((e) => e.source === 'flux');

    expect(findings).toEqual([]);
    expect(web?.helm?.values).toBe('{\n  "replicas": 4\n}\n');
    expect(web?.declaredIn).toEqual([
      'apps/web/kustomization.yaml',
      'apps/web/release.yaml',
      'apps/web/web-values.yaml',
    ]);
    const affected = await affectedEnvironments(environments, ['apps/web/web-values.yaml'], files);
    expect(affected.affected).toContain(web?.name);
  });

  it.each(['v2beta1', 'v2beta2'])('reads HelmRelease %s too', async (version) => {
    const files = memoryFileSource({
      'release.yaml': helmRelease('web', undefined, GIT_CHART, version),
      'charts/web/Chart.yaml': CHART,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.source, e.helm?.releaseName, e.helm?.namespace])).toEqual([
      ['web', 'flux', 'web', 'default'],
    ]);
  });

  it('names releases of one chart by namespace when their names collide', async () => {
    const files = memoryFileSource({
      'releases.yaml': [helmRelease('web', 'shop', GIT_CHART), helmRelease('web', 'staging', GIT_CHART)].join(
        '---\n',
      ),
      'charts/web/Chart.yaml': CHART,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.helm?.namespace])).toEqual([
      ['shop/web', 'shop'],
      ['staging/web', 'staging'],
    ]);
  });

  it('gives a notice, not an environment, for a chart from a HelmRepository or a chartRef', async () => {
    const fromRepository = helmRelease(
      'redis',
      'cache',
      `  chart:
    spec:
      chart: redis
      version: 18.x
      sourceRef:
        kind: HelmRepository
        name: bitnami
`,
    );
    const fromOci = helmRelease(
      'podinfo',
      undefined,
      '  chartRef:\n    kind: OCIRepository\n    name: podinfo\n',
    );
    const files = memoryFileSource({ 'infra/releases.yaml': `${fromRepository}---\n${fromOci}` });

    const result = await discoverEnvironments(files);

    expect(result).toEqual({
      environments: [],
      findings: [
        {
          ruleId: 'environments',
          severity: 'notice',
          message:
            'Flux HelmRelease cache/redis: chart redis from HelmRepository/bitnami is not in this repository; not rendered',
          path: 'infra/releases.yaml',
          line: 12,
          column: 7,
        },
        {
          ruleId: 'environments',
          severity: 'notice',
          message:
            'Flux HelmRelease podinfo: chartRef OCIRepository/podinfo is not in this repository; not rendered',
          path: 'infra/releases.yaml',
          line: 22,
          column: 3,
        },
      ],
    });
  });

  it('skips a chart path holding a postBuild variable, and warns about a chart folder that is missing', async () => {
    const files = memoryFileSource({
      'a.yaml': helmRelease('vars', undefined, GIT_CHART.replace('./charts/web', './charts/${app}')),
      'b.yaml': helmRelease('gone', undefined, GIT_CHART.replace('./charts/web', './charts/gone')),
    });

    const result = await discoverEnvironments(files);

    expect(result.environments).toEqual([]);
    expect(result.findings.map((f) => [f.severity, f.message, f.path, f.line])).toEqual([
      [
        'notice',
        'Flux HelmRelease vars: chart "./charts/${app}" holds a variable substituted by a Kustomization\'s postBuild; not an environment',
        'a.yaml',
        9,
      ],
      ['warning', 'Flux HelmRelease gone: folder charts/gone does not exist in this repository', 'b.yaml', 9],
    ]);
  });
});

describe('affectedEnvironments for discovered Helm environments', () => {
  it('follows the chart, values files, set-file files, the declaring manifest and valuesFrom ConfigMaps', async () => {
    const files = memoryFileSource({
      'charts/web/Chart.yaml': CHART,
      'charts/web/templates/deployment.yaml': 'kind: Deployment\n',
      'argocd/web.yaml': application(
        'web-argo',
        `  source:
    path: charts/web
    helm:
      valueFiles: [../../values/argo.yaml]
      fileParameters:
        - name: config
          path: ../../files/config.txt
`,
      ),
      'flux/web.yaml': helmRelease(
        'web-flux',
        'shop',
        `${GIT_CHART}  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n`,
      ),
      'flux/web-values.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-values\ndata:\n  values.yaml: "replicas: 1"\n',
    });
    const { environments } = await discoverEnvironments(files);
    const affected = async (changed: string): Promise<string[]> =>
      (await affectedEnvironments(environments, [changed], files)).affected;

    expect(environments.map((e) => e.name)).toEqual(['web-argo', 'web-flux']);
    expect(await affected('charts/web/templates/deployment.yaml')).toEqual(['web-argo', 'web-flux']);
    expect(await affected('values/argo.yaml')).toEqual(['web-argo']);
    expect(await affected('files/config.txt')).toEqual(['web-argo']);
    expect(await affected('argocd/web.yaml')).toEqual(['web-argo']);
    expect(await affected('flux/web.yaml')).toEqual(['web-flux']);
    expect(await affected('flux/web-values.yaml')).toEqual(['web-flux']);
    expect(await affected('values/other.yaml')).toEqual([]);
  });
});

describe('discoverEnvironments: Helm settings in the config', () => {
  it('carries values, parameters and flags through to the environment', async () => {
    const config = `version: 1
environments:
  - name: web
    path: charts/web
    helm:
      chart: ./charts/web/
      valuesFiles: [values/missing.yaml]
      ignoreMissingValueFiles: true
      values:
        replicas: 2
      parameters:
        - {name: image.tag, value: v3}
        - {name: port, value: '8080', flag: set-string}
        - {name: config, value: ./files/config.txt, flag: set-file}
      kubeVersion: '1.30.0'
      apiVersions: [monitoring.coreos.com/v1]
      skipCrds: true
      skipTests: true
`;
    const files = memoryFileSource({
      '.kubeproof.yaml': config,
      'charts/web/Chart.yaml': CHART,
      'files/config.txt': 'x\n',
    });

    const result = await discoverEnvironments(files);

    expect(result).toEqual({
      findings: [],
      environments: [
        {
          name: 'web',
          path: 'charts/web',
          source: 'config',
          renderer: 'helm',
          detail: 'declared in .kubeproof.yaml',
          helm: {
            chart: 'charts/web',
            valuesFiles: ['values/missing.yaml'],
            ignoreMissingValueFiles: true,
            values: '{\n  "replicas": 2\n}\n',
            parameters: [
              { flag: 'set', name: 'image.tag', value: 'v3' },
              { flag: 'set-string', name: 'port', value: '8080' },
              { flag: 'set-file', name: 'config', value: 'files/config.txt' },
            ],
            kubeVersion: '1.30.0',
            apiVersions: ['monitoring.coreos.com/v1'],
            skipCrds: true,
            skipTests: true,
          },
        },
      ],
    });
  });
});

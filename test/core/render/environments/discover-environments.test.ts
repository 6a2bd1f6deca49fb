import { describe, expect, it } from 'vitest';
import { discoverEnvironments } from '../../../../core/render/environments/discover-environments.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';
import { fixtureRepo } from './fixture-repo.ts';

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n';
const ASSUMED = 'repoURL https://github.com/acme/gitops.git taken to be this repository';
const FLUX_SOURCE =
  'GitRepository flux-system/flux-system (ssh://git@github.com/acme/gitops, branch main) taken to be this repository';

function warning(message: string, path: string, line: number, column: number): object {
  return { ruleId: 'environments', severity: 'warning', message, path, line, column };
}

/** An Argo CD Application document deploying `path`. */
function application(name: string, source: string): string {
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  project: default',
    source,
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '',
  ].join('\n');
}

describe('discoverEnvironments on the fixture repository (no config)', () => {
  it('finds overlay folders, Argo CD and Flux environments, one per folder', async () => {
    const { environments } = await discoverEnvironments(fixtureRepo());

    expect(environments).toEqual([
      {
        name: 'dev',
        path: 'envs/dev',
        source: 'folder',
        renderer: 'builtin',
        detail: `kustomize overlay folder in envs/; Argo CD Application acme-dev at argocd/dev.yaml:11, ${ASSUMED}; Argo CD ApplicationSet shop-envs, git directory envs/dev at argocd/envs-appset.yaml:14, ${ASSUMED}`,
        declaredIn: ['argocd/dev.yaml', 'argocd/envs-appset.yaml'],
        generatedBy: ['argocd/envs-appset.yaml'],
      },
      {
        name: 'flux-system',
        path: 'clusters/prod-eu',
        source: 'flux',
        renderer: 'none',
        detail: `Flux Kustomization flux-system/flux-system at clusters/prod-eu/flux-system/gotk-sync.yaml:19, ${FLUX_SOURCE}, no kustomization: Flux generates one over every manifest below the folder`,
        declaredIn: ['clusters/prod-eu/flux-system/gotk-sync.yaml'],
      },
      {
        name: 'ingress',
        path: 'platform/ingress',
        source: 'flux',
        renderer: 'builtin',
        detail: `Flux Kustomization flux-system/ingress at clusters/prod-eu/apps.yaml:21, ${FLUX_SOURCE}`,
        declaredIn: ['clusters/prod-eu/apps.yaml', 'clusters/prod-eu/flux-system/gotk-sync.yaml'],
      },
      {
        name: 'platform-backups',
        path: 'platform/backups',
        source: 'argocd',
        renderer: 'none',
        detail: `Argo CD ApplicationSet platform, list element 1 at argocd/platform-appset.yaml:14, ${ASSUMED}`,
        declaredIn: ['argocd/platform-appset.yaml'],
        directory: { recurse: false },
        generatedBy: ['argocd/platform-appset.yaml'],
      },
      {
        name: 'platform-crds',
        path: 'platform/crds',
        source: 'argocd',
        renderer: 'none',
        detail: `Argo CD ApplicationSet platform, list element 0 at argocd/platform-appset.yaml:13, ${ASSUMED}`,
        declaredIn: ['argocd/platform-appset.yaml'],
        directory: { recurse: false },
        generatedBy: ['argocd/platform-appset.yaml'],
      },
      {
        name: 'prod',
        path: 'envs/prod',
        source: 'folder',
        renderer: 'builtin',
        detail: `kustomize overlay folder in envs/; Argo CD ApplicationSet shop-envs, git directory envs/prod at argocd/envs-appset.yaml:14, ${ASSUMED}; Flux Kustomization flux-system/shop at clusters/prod-eu/apps.yaml:8, ${FLUX_SOURCE}`,
        declaredIn: [
          'argocd/envs-appset.yaml',
          'clusters/prod-eu/apps.yaml',
          'clusters/prod-eu/flux-system/gotk-sync.yaml',
        ],
        generatedBy: ['argocd/envs-appset.yaml'],
      },
      {
        name: 'staging',
        path: 'envs/staging',
        source: 'folder',
        renderer: 'builtin',
        detail: `kustomize overlay folder in envs/; Argo CD Application acme-staging at argocd/staging.yaml:11, ${ASSUMED}`,
        declaredIn: ['argocd/staging.yaml'],
      },
      {
        name: 'web-helm',
        path: 'charts/web',
        source: 'argocd',
        renderer: 'helm',
        detail: `Argo CD Application web-helm at argocd/web-helm.yaml:13, ${ASSUMED}`,
        declaredIn: ['argocd/web-helm.yaml'],
        helm: {
          chart: 'charts/web',
          valuesFiles: ['charts/web/values.yaml', 'envs/prod/web-values.yaml'],
          releaseName: 'web',
          namespace: 'web-prod',
        },
      },
      {
        name: 'web/prod',
        path: 'apps/web/overlays/prod',
        source: 'folder',
        renderer: 'builtin',
        detail: 'kustomize overlay folder in apps/web/overlays/',
      },
    ]);
  });

  it('warns on the manifest line of every folder that does not exist', async () => {
    const { findings } = await discoverEnvironments(fixtureRepo());

    expect(findings).toEqual([
      warning(
        'Argo CD ApplicationSet shop-envs: the git directory pattern "overlays/*" matches no folder of this repository',
        'argocd/envs-appset.yaml',
        17,
        13,
      ),
      warning(
        'Argo CD ApplicationSet platform, list element 2: folder platform/monitoring does not exist in this repository',
        'argocd/platform-appset.yaml',
        15,
        13,
      ),
      warning(
        'Argo CD Application legacy-api: folder apps/legacy/overlays/prod does not exist in this repository',
        'argocd/web-helm.yaml',
        39,
        5,
      ),
      warning(
        'Flux Kustomization flux-system/legacy: folder apps/legacy does not exist in this repository',
        'clusters/prod-eu/apps.yaml',
        34,
        3,
      ),
    ]);
  });
});

describe('discoverEnvironments with a config', () => {
  it('uses the config environments only, in their order', async () => {
    const result = await discoverEnvironments(fixtureRepo('valid.kubeproof.yaml'));

    expect(result).toEqual({
      findings: [],
      environments: [
        {
          name: 'dev',
          path: 'envs/dev',
          source: 'config',
          renderer: 'builtin',
          detail: 'declared in .kubeproof.yaml',
        },
        {
          name: 'staging',
          path: 'envs/staging',
          source: 'config',
          renderer: 'kubectl',
          detail: 'declared in .kubeproof.yaml',
        },
        {
          name: 'prod',
          path: 'envs/prod',
          source: 'config',
          renderer: 'builtin',
          detail: 'declared in .kubeproof.yaml',
          kubernetesVersion: '1.31.0',
        },
        {
          name: 'web-prod',
          path: 'envs/prod',
          source: 'config',
          renderer: 'helm',
          detail: 'declared in .kubeproof.yaml',
          helm: {
            chart: 'charts/web',
            valuesFiles: ['charts/web/values.yaml', 'envs/prod/web-values.yaml'],
            releaseName: 'web',
            namespace: 'web-prod',
          },
        },
      ],
    });
  });

  it('finds no environments when the config cannot be read, and says why', async () => {
    const result = await discoverEnvironments(fixtureRepo('schema-errors.kubeproof.yaml'));

    expect(result.environments).toEqual([]);
    expect(result.findings).toHaveLength(7);
    expect(result.findings.every((f) => f.ruleId === 'config')).toBe(true);
  });

  it('discovers when the config declares no environments', async () => {
    const files = memoryFileSource({
      '.kubeproof.yaml': 'version: 1\n',
      'envs/qa/kustomization.yaml': KUSTOMIZATION,
    });

    const result = await discoverEnvironments(files);

    expect(result.environments.map((e) => [e.name, e.source])).toEqual([['qa', 'folder']]);
    expect(result.findings).toEqual([]);
  });

  it('infers the renderer of a config environment from its folder', async () => {
    const files = memoryFileSource({
      '.kubeproof.yaml':
        'version: 1\nenvironments:\n  - {name: chart, path: chart}\n  - {name: plain, path: plain}\n',
      'chart/Chart.yaml': 'name: chart\n',
      'plain/cm.yaml': 'kind: ConfigMap\n',
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.renderer, e.helm])).toEqual([
      ['chart', 'helm', { chart: 'chart', valuesFiles: [] }],
      ['plain', 'none', undefined],
    ]);
  });
});

describe('discoverEnvironments: overlay folders', () => {
  it.each([
    [
      ['envs/prod', 'envs/dev'],
      ['dev', 'prod'],
    ],
    [
      ['envs/prod', 'apps/web/overlays/prod'],
      ['prod', 'web/prod'],
    ],
    [
      ['apps/web/overlays/prod', 'apps/api/overlays/prod'],
      ['api/prod', 'web/prod'],
    ],
    [
      ['envs/prod', 'environments/prod'],
      ['environments/prod', 'envs/prod'],
    ],
    [
      ['apps/web/overlays/prod', 'tools/web/overlays/prod'],
      ['apps/web/prod', 'tools/web/prod'],
    ],
    [
      ['team-a/envs/prod', 'team-b/envs/prod', 'envs/dev'],
      ['dev', 'team-a/prod', 'team-b/prod'],
    ],
  ])('names %j as %j', async (folders, names) => {
    const files = Object.fromEntries(
      folders.map((folder) => [`${folder}/kustomization.yaml`, KUSTOMIZATION]),
    );

    const { environments } = await discoverEnvironments(memoryFileSource(files));

    expect(environments.map((e) => e.name)).toEqual(names);
  });

  it('needs a kustomization directly under a container folder', async () => {
    const files = memoryFileSource({
      'envs/dev/Kustomization': KUSTOMIZATION,
      'envs/qa/kustomization.yml': KUSTOMIZATION,
      'envs/notes/README.md': '# not an environment\n',
      'envs/kustomization.yaml': KUSTOMIZATION,
      'overlays/prod/eu/kustomization.yaml': KUSTOMIZATION,
      'apps/web/base/kustomization.yaml': KUSTOMIZATION,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => e.path)).toEqual(['envs/dev', 'envs/qa']);
  });

  it('does not walk node_modules, dist or dot folders', async () => {
    const app = application('hidden', '  source:\n    path: envs/dev');
    const files = memoryFileSource({
      'node_modules/pkg/envs/prod/kustomization.yaml': KUSTOMIZATION,
      'dist/envs/prod/kustomization.yaml': KUSTOMIZATION,
      '.github/envs/prod/kustomization.yaml': KUSTOMIZATION,
      '.argocd/app.yaml': app,
      'envs/dev/kustomization.yaml': KUSTOMIZATION,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.declaredIn])).toEqual([['dev', undefined]]);
  });
});

describe('discoverEnvironments: Argo CD', () => {
  it('takes every source with a path, numbering them when there are several', async () => {
    const source = [
      '  sources:',
      '    - repoURL: https://github.com/acme/gitops.git',
      '      path: apps/web',
      '    - repoURL: https://charts.example.com',
      '      chart: redis',
      '    - repoURL: https://github.com/acme/gitops.git',
      '      path: apps/api',
      '      directory:',
      '        recurse: true',
    ].join('\n');
    const files = memoryFileSource({
      'apps.yaml': application('shop', source),
      'apps/web/kustomization.yaml': KUSTOMIZATION,
      'apps/api/deployment.yaml': 'kind: Deployment\n',
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.path, e.renderer])).toEqual([
      ['shop-0', 'apps/web', 'builtin'],
      ['shop-2', 'apps/api', 'none'],
    ]);
  });

  it('warns about paths that leave the repository and skips Applications that are Helm templates', async () => {
    const files = memoryFileSource({
      'apps.yaml': [
        application('outside', '  source:\n    path: ../elsewhere'),
        application('templated', '  source:\n    path: "{{ .Values.path }}"'),
      ].join('---\n'),
    });

    const result = await discoverEnvironments(files);

    expect(result).toEqual({
      environments: [],
      findings: [
        warning(
          'Argo CD Application outside: path "../elsewhere" is absolute or leaves the repository; not an environment',
          'apps.yaml',
          8,
          5,
        ),
      ],
    });
  });

  it('ignores look-alikes: other API groups and files that are not YAML', async () => {
    const fake = application('fake', '  source:\n    path: apps/web').replace('argoproj.io', 'example.com');
    const files = memoryFileSource({
      'fake.yaml': fake,
      'real.json': JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' }),
      'apps/web/kustomization.yaml': KUSTOMIZATION,
    });

    expect(await discoverEnvironments(files)).toEqual({ environments: [], findings: [] });
  });

  it('expands git directory generators with Go templates (path.path, segments, normalize, values)', async () => {
    const appset = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: teams
spec:
  goTemplate: true
  generators:
    - git:
        repoURL: https://github.com/acme/gitops.git
        revision: HEAD
        directories:
          - path: teams/*/[dp]*
          - path: teams/*/prod
            exclude: true
        values:
          team: '{{ index .path.segments 1 }}'
  template:
    metadata:
      name: '{{ .values.team }}-{{ .path.basename | normalize }}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/gitops.git
        path: '{{.path.path}}'
`;
    const files = memoryFileSource({
      'appset.yaml': appset,
      'teams/red/dev_EU/kustomization.yaml': KUSTOMIZATION,
      'teams/red/prod/kustomization.yaml': KUSTOMIZATION,
      'teams/blue/dev/kustomization.yaml': KUSTOMIZATION,
      'teams/blue/qa/kustomization.yaml': KUSTOMIZATION,
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.path])).toEqual([
      ['blue-dev', 'teams/blue/dev'],
      ['red-dev-eu', 'teams/red/dev_EU'],
    ]);
  });

  it('uses a generator template over the ApplicationSet template, fasttemplate flattening nested values', async () => {
    const appset = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: regions
spec:
  generators:
    - list:
        elements:
          - region: eu
            values:
              tier: gold
        template:
          metadata: {}
          spec:
            source:
              path: 'regions/{{ region }}/{{values.tier}}'
  template:
    metadata:
      name: 'region-{{region}}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/gitops.git
        path: 'ignored/{{region}}'
`;
    const files = memoryFileSource({ 'appset.yaml': appset, 'regions/eu/gold/cm.yaml': 'kind: ConfigMap\n' });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => [e.name, e.path, e.renderer])).toEqual([
      ['region-eu', 'regions/eu/gold', 'none'],
    ]);
  });

  it('keeps generators it cannot expand when the path is fixed, and says so otherwise', async () => {
    const appset = (name: string, path: string): string => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${name}
spec:
  generators:
    - clusters:
        selector:
          matchLabels:
            env: prod
  template:
    metadata:
      name: '{{name}}-${name}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/gitops.git
        path: ${path}
`;
    const files = memoryFileSource({
      'fixed.yaml': appset('guestbook', 'apps/guestbook'),
      'param.yaml': appset('per-cluster', "'clusters/{{name}}'"),
      'apps/guestbook/kustomization.yaml': KUSTOMIZATION,
    });

    const result = await discoverEnvironments(files);

    expect(result.environments.map((e) => [e.name, e.path])).toEqual([['guestbook', 'apps/guestbook']]);
    expect(result.findings).toEqual([
      {
        ruleId: 'environments',
        severity: 'notice',
        message:
          'Argo CD ApplicationSet per-cluster: the source path depends on the parameters of its clusters generator, which the repository alone does not give; its Applications are not environments',
        path: 'param.yaml',
        line: 7,
        column: 7,
      },
    ]);
  });

  it('warns when a list element leaves the source path unresolved', async () => {
    const appset = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: apps
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - app: web
          - name: api
  template:
    metadata:
      name: '{{ .app }}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/gitops.git
        path: 'apps/{{ .app }}'
`;
    const files = memoryFileSource({ 'appset.yaml': appset, 'apps/web/cm.yaml': 'kind: ConfigMap\n' });

    const result = await discoverEnvironments(files);

    expect(result.environments.map((e) => [e.name, e.path])).toEqual([['web', 'apps/web']]);
    expect(result.findings).toEqual([
      warning(
        'Argo CD ApplicationSet apps, list element 1: the source path keeps template expressions kubeproof cannot resolve (.app); not an environment',
        'appset.yaml',
        11,
        13,
      ),
    ]);
  });

  it('names colliding Application names after their paths', async () => {
    const files = memoryFileSource({
      'a.yaml': application('shop', '  source:\n    path: eu'),
      'b.yaml': application('shop', '  source:\n    path: us'),
      'eu/cm.yaml': 'kind: ConfigMap\n',
      'us/cm.yaml': 'kind: ConfigMap\n',
    });

    const { environments } = await discoverEnvironments(files);

    expect(environments.map((e) => e.name)).toEqual(['shop@eu', 'shop@us']);
  });
});

describe('discoverEnvironments: Flux', () => {
  const flux = (name: string, spec: string): string =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\nspec:\n  interval: 5m\n${spec}`;

  it('reads spec.path relative to the root, the root when absent, and skips substituted paths', async () => {
    const files = memoryFileSource({
      'clusters/prod/sync.yaml': [
        flux('root', '  prune: true\n'),
        flux('apps', '  path: ./apps/\n  postBuild:\n    substitute:\n      cluster: prod\n'),
        flux('vars', '  path: ./apps/${cluster}\n'),
      ].join('---\n'),
      'apps/kustomization.yaml': KUSTOMIZATION,
    });

    const result = await discoverEnvironments(files);

    expect(result.environments.map((e) => [e.name, e.path, e.renderer, e.detail])).toEqual([
      [
        'apps',
        'apps',
        'builtin',
        'Flux Kustomization apps at clusters/prod/sync.yaml:15, Flux settings not applied: postBuild',
      ],
      [
        'root',
        '',
        'none',
        'Flux Kustomization root at clusters/prod/sync.yaml:4, no kustomization: Flux generates one over every manifest below the folder',
      ],
    ]);
    expect(result.findings).toEqual([
      {
        ruleId: 'environments',
        severity: 'notice',
        message:
          'Flux Kustomization vars: path "./apps/${cluster}" holds a variable substituted by another Kustomization\'s postBuild; not an environment',
        path: 'clusters/prod/sync.yaml',
        line: 26,
        column: 3,
      },
    ]);
  });
});

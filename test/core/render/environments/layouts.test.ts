/**
 * The repository layouts people use (test/fixtures/layout-*), as a person sees them: the
 * environments' names and folders, what discovery ignores and with which notice, and which
 * environments a pull request over the fixture reports.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../core/check/run-check.ts';
import { memoryFileSource, type FileSource } from '../../../../core/files/file-source.ts';
import { discoverEnvironments } from '../../../../core/render/environments/discover-environments.ts';
import type { RepositoryIdentity } from '../../../../core/render/environments/repository-identity.ts';
import { renderEnvironments } from '../../../../core/render/render-environments.ts';
import { readTree } from './fixture-repo.ts';

function layout(name: string): Record<string, string> {
  return readTree(new URL(`../../../fixtures/${name}`, import.meta.url).pathname);
}

async function seen(files: FileSource, repository?: RepositoryIdentity) {
  const result = await discoverEnvironments(files, undefined, repository ? { repository } : {});
  return {
    environments: result.environments.map((environment) => [environment.name, environment.path]),
    notices: result.findings.map(
      (finding) => `${finding.severity} ${finding.path}:${finding.line}: ${finding.message}`,
    ),
  };
}

/** The environments a pull request from `base` to `head` reports, with their status. */
async function pullRequest(
  base: Record<string, string>,
  head: Record<string, string>,
  repository?: RepositoryIdentity,
) {
  const result = await runCheck(
    { files: memoryFileSource(head) },
    { files: memoryFileSource(base) },
    { kubernetesVersion: '1.31.0', strict: true, validate: false, ...(repository ? { repository } : {}) },
    { now: () => 0 },
  );
  return {
    rows: result.report.environments.map((environment) => [environment.environment, environment.status]),
    report: result.report,
  };
}

const FLEET: RepositoryIdentity = {
  urls: ['git@github.com:acme/fleet.git'],
  branch: 'main',
  origin: 'git remote',
};

describe('overlays found by their shape', () => {
  it.each([
    [
      'layout-env-overlays',
      [
        ['dev', 'env/dev'],
        ['prod', 'env/prod'],
        ['staging', 'env/staging'],
      ],
    ],
    [
      'layout-deploy-overlays',
      [
        ['dev', 'deploy/dev'],
        ['prod', 'deploy/prod'],
      ],
    ],
    [
      'layout-kubernetes-overlays',
      [
        ['production', 'kubernetes/overlays/production'],
        ['staging', 'kubernetes/overlays/staging'],
      ],
    ],
    [
      'layout-app-overlays',
      [
        ['api/dev', 'apps/api/overlays/dev'],
        ['api/prod', 'apps/api/overlays/prod'],
        ['live', 'services/worker/live'],
        ['qa', 'services/worker/qa'],
        ['web/dev', 'apps/web/overlays/dev'],
        ['web/prod', 'apps/web/overlays/prod'],
      ],
    ],
  ])('%s: every overlay is an environment, its base is not', async (name, expected) => {
    expect(await seen(memoryFileSource(layout(name)))).toEqual({ environments: expected, notices: [] });
  });

  it('a single overlay over a base counts only under env/ or deploy/', async () => {
    const files = layout('layout-deploy-overlays');
    const single = Object.fromEntries(
      Object.entries(files).filter(([path]) => !path.startsWith('deploy/dev/')),
    );
    expect((await seen(memoryFileSource(single))).environments).toEqual([['prod', 'deploy/prod']]);
    const moved = Object.fromEntries(
      Object.entries(single).map(([path, text]) => [path.replace(/^deploy\//, 'k8s/'), text]),
    );
    expect((await seen(memoryFileSource(moved))).environments).toEqual([]);
  });

  it('a pull request changing the base of env/ reports the three overlays; one changing env/prod reports prod', async () => {
    const base = layout('layout-env-overlays');
    const bumped = (path: string) => ({
      ...base,
      [path]: (base[path] as string).replace('ghcr.io/acme/guestbook:1.0.0', 'ghcr.io/acme/guestbook:1.1.0'),
    });
    expect((await pullRequest(base, bumped('base/deployment.yaml'))).rows).toEqual([
      ['dev', 'changed'],
      ['prod', 'changed'],
      ['staging', 'changed'],
    ]);
    const prodOnly = {
      ...base,
      'env/prod/replicas.yaml': (base['env/prod/replicas.yaml'] as string).replace('3', '5'),
    };
    expect((await pullRequest(base, prodOnly)).rows).toEqual([['prod', 'changed']]);
  });
});

describe('Argo CD Applications of this repository and of others', () => {
  const PLATFORM: RepositoryIdentity = {
    urls: ['https://github.com/acme/platform'],
    origin: 'GITHUB_REPOSITORY',
  };

  it('keeps the Applications whose repoURL is this repository in any form, and names the others', async () => {
    expect(await seen(memoryFileSource(layout('layout-argocd-other-repos')), PLATFORM)).toEqual({
      environments: [
        ['web', 'manifests/web'],
        ['web-all', 'manifests/web'],
      ],
      notices: [
        'notice argocd/guestbook.yaml:11: Argo CD Application guestbook: repoURL https://github.com/argoproj/argocd-example-apps.git is another repository than https://github.com/acme/platform (GITHUB_REPOSITORY); its path "./" is not checked here',
        'notice argocd/upstream-chart.yaml:11: Argo CD Application upstream: repoURL ssh://git@gitlab.example.com/ops/charts.git is another repository than https://github.com/acme/platform (GITHUB_REPOSITORY); its path "charts/upstream" is not checked here',
      ],
    });
  });

  it('without this repository URL, takes every source to be this one and says so', async () => {
    const files = memoryFileSource(layout('layout-argocd-other-repos'));
    const { environments } = await discoverEnvironments(files);
    const guestbook = environments.find((environment) => environment.path === '');
    expect(guestbook?.detail).toContain(
      'repoURL https://github.com/argoproj/argocd-example-apps.git taken to be this repository',
    );
  });

  it('renders plain manifests as Argo CD reads them: not recursive by default, never Chart.yaml, values or JSON configs', async () => {
    const files = memoryFileSource(layout('layout-argocd-other-repos'));
    const { environments } = await discoverEnvironments(files, undefined, { repository: PLATFORM });
    const rendered = await renderEnvironments(environments, { files });
    expect(
      rendered.map((result) => ({
        name: result.environment.name,
        ok: result.ok,
        resources: result.resources.map((resource) => resource.origin.path),
        findings: result.findings.map((finding) => `${finding.severity}: ${finding.message}`),
      })),
    ).toEqual([
      {
        name: 'web',
        ok: true,
        resources: ['manifests/web/config.yaml'],
        findings: [
          "notice: environment web: 3 files are not Kubernetes manifests (no apiVersion and kind) and not rendered, as Argo CD's directory source skips them: manifests/web/kustomizeconfig.yaml, manifests/web/settings.json, manifests/web/values.yaml",
        ],
      },
      {
        // recurse: true, exclude: "{legacy/*,*.json}"
        name: 'web-all',
        ok: true,
        resources: ['manifests/web/config.yaml', 'manifests/web/extra/service.yaml'],
        findings: [
          "notice: environment web-all: 2 files are not Kubernetes manifests (no apiVersion and kind) and not rendered, as Argo CD's directory source skips them: manifests/web/kustomizeconfig.yaml, manifests/web/values.yaml",
        ],
      },
    ]);
  });

  it('a pull request changing only the files of the other repository reports no environment and says what was not understood', async () => {
    const base = layout('layout-argocd-other-repos');
    const head = { ...base, 'config.json': '{"baseUrl": "http://localhost:4000"}\n' };
    const { rows, report } = await pullRequest(base, head, PLATFORM);
    expect(rows).toEqual([]);
    expect(report.noEnvironment).toBeUndefined();
    expect(report.notUnderstood).toEqual([
      'argocd/guestbook.yaml:11: Argo CD Application guestbook: repoURL https://github.com/argoproj/argocd-example-apps.git is another repository than https://github.com/acme/platform (GITHUB_REPOSITORY); its path "./" is not checked here',
      'argocd/upstream-chart.yaml:11: Argo CD Application upstream: repoURL ssh://git@gitlab.example.com/ops/charts.git is another repository than https://github.com/acme/platform (GITHUB_REPOSITORY); its path "charts/upstream" is not checked here',
    ]);
  });
});

describe('Flux: the layout of fluxcd/flux2-kustomize-helm-example', () => {
  it('resolves ExternalArtifact paths through the ArtifactGenerator: staging and production apps, the shared infrastructure', async () => {
    const files = memoryFileSource(layout('layout-flux-kustomize-helm'));
    const { environments, findings } = await discoverEnvironments(files, undefined, { repository: FLEET });
    expect(
      environments.map((environment) => [environment.name, environment.path, environment.source]),
    ).toEqual([
      ['infra-configs', 'infrastructure/configs', 'flux'],
      ['infra-controllers', 'infrastructure/controllers', 'flux'],
      ['production', 'apps/production', 'folder'],
      ['staging', 'apps/staging', 'folder'],
    ]);
    const staging = environments.find((environment) => environment.name === 'staging');
    expect(staging?.detail).toContain(
      'Flux Kustomization flux-system/apps at clusters/staging/apps.yaml:12, ExternalArtifact flux-system/apps of ArtifactGenerator flux-system (clusters/staging/artifacts.yaml)',
    );
    expect(staging?.declaredIn).toEqual(['clusters/staging/apps.yaml', 'clusters/staging/artifacts.yaml']);
    const infra = environments.find((environment) => environment.name === 'infra-configs');
    expect(infra?.declaredIn).toEqual([
      'clusters/production/artifacts.yaml',
      'clusters/production/infrastructure.yaml',
      'clusters/staging/artifacts.yaml',
      'clusters/staging/infrastructure.yaml',
    ]);
    // No "folder does not exist" warnings; the one notice is the HelmRelease's chart from a HelmRepository.
    expect(findings.map((finding) => finding.message)).toEqual([
      'Flux HelmRelease podinfo: chart podinfo from HelmRepository/podinfo is not in this repository; not rendered',
    ]);
  });

  it('names colliding Kustomizations by their cluster when no folder name separates them', async () => {
    const files = layout('layout-flux-kustomize-helm');
    // Without the shared base the apps folders are found by Flux alone: two Kustomizations named apps.
    const flat = Object.fromEntries(
      Object.entries(files).map(([path, text]) => [
        path,
        path.endsWith('/kustomization.yaml') && path.startsWith('apps/') && !path.startsWith('apps/base')
          ? text.replace('  - ../base/podinfo\n', '  - podinfo-values.yaml\n').replace(/patches:[\s\S]*$/, '')
          : text,
      ]),
    );
    const { environments } = await seen(memoryFileSource(flat), FLEET);
    expect(environments).toEqual([
      ['infra-configs', 'infrastructure/configs'],
      ['infra-controllers', 'infrastructure/controllers'],
      ['production/apps', 'apps/production'],
      ['staging/apps', 'apps/staging'],
    ]);
  });

  it('a pull request changing the staging values reports staging only', async () => {
    const base = layout('layout-flux-kustomize-helm');
    const head = {
      ...base,
      'apps/staging/podinfo-values.yaml': (base['apps/staging/podinfo-values.yaml'] as string).replace(
        'replicaCount: 1',
        'replicaCount: 3',
      ),
    };
    expect((await pullRequest(base, head, FLEET)).rows).toEqual([['staging', 'changed']]);
  });
});

describe('Flux: sources that are and are not this repository', () => {
  it('keeps the GitRepository of this repository on the branch checked, and says why each other is ignored', async () => {
    expect(await seen(memoryFileSource(layout('layout-flux-sources')), FLEET)).toEqual({
      environments: [['apps', 'apps/prod']],
      notices: [
        'notice clusters/prod/sync.yaml:25: Flux Kustomization flux-system/apps-release: GitRepository flux-system/fleet-release (clusters/prod/sources.yaml) follows branch release, and this check is of branch main; its path "./apps/prod" is not checked here',
        'notice clusters/prod/sync.yaml:38: Flux Kustomization flux-system/apps-pinned: GitRepository flux-system/fleet-pinned (clusters/prod/sources.yaml) is pinned to tag v1.4.0: a change on a branch reaches it only once tagged or pinned; its path "./apps/prod" is not checked here',
        'notice clusters/prod/sync.yaml:51: Flux Kustomization flux-system/podinfo: GitRepository flux-system/podinfo (https://github.com/stefanprodan/podinfo, clusters/prod/sources.yaml) is another repository than git@github.com:acme/fleet.git (git remote); its path "./kustomize" is not checked here',
        'notice clusters/prod/sync.yaml:64: Flux Kustomization flux-system/oci-apps: OCIRepository flux-system/manifests (oci://ghcr.io/acme/fleet-manifests, clusters/prod/sources.yaml) is an artifact in a registry (flux push artifact): kubeproof cannot tell which folder of which repository it was built from; declare that folder in .kubeproof.yaml to check it; its path "./" is not checked here',
        'notice clusters/prod/sync.yaml:77: Flux Kustomization flux-system/bucket-configs: Bucket flux-system/configs (acme-configs, clusters/prod/sources.yaml) is not a git repository kubeproof can read; declare the folder in .kubeproof.yaml to check it; its path "./prod" is not checked here',
      ],
    });
  });

  it('checked on the release branch, the release GitRepository is the one kept', async () => {
    const { environments } = await discoverEnvironments(
      memoryFileSource(layout('layout-flux-sources')),
      undefined,
      {
        repository: { ...FLEET, branch: 'release' },
      },
    );
    expect(environments.map((environment) => environment.detail)).toEqual([
      'Flux Kustomization flux-system/apps-release at clusters/prod/sync.yaml:25',
    ]);
  });

  it('the config adds URLs a mirror gives this repository', async () => {
    const files = {
      ...layout('layout-flux-sources'),
      '.kubeproof.yaml': 'version: 1\nrepository:\n  urls: [https://github.com/stefanprodan/podinfo]\n',
    };
    const { notices } = await seen(memoryFileSource(files), FLEET);
    const podinfo = notices.filter((notice) => notice.includes('GitRepository flux-system/podinfo'));
    // Now this repository: what keeps it out is the branch it follows.
    expect(podinfo).toEqual([
      'notice clusters/prod/sync.yaml:51: Flux Kustomization flux-system/podinfo: GitRepository flux-system/podinfo (clusters/prod/sources.yaml) follows branch master, and this check is of branch main; its path "./kustomize" is not checked here',
    ]);
  });
});

describe('Argo CD ApplicationSet: a change lists only the generated environments that change', () => {
  const SHOP: RepositoryIdentity = { urls: ['https://github.com/acme/shop-deploy'] };

  it('moving prod to release v2 reports prod, not dev nor staging', async () => {
    const base = layout('layout-argocd-applicationset');
    const set = base['argocd/releases.yaml'] as string;
    const head = {
      ...base,
      'argocd/releases.yaml': set.replace(
        '- stage: prod\n            release: v1',
        '- stage: prod\n            release: v2',
      ),
    };
    expect(head['argocd/releases.yaml']).not.toBe(set);
    expect((await pullRequest(base, head, SHOP)).rows).toEqual([['shop-prod', 'changed']]);
  });

  it('a change to a release folder reports the environment deployed from it', async () => {
    const base = layout('layout-argocd-applicationset');
    const head = {
      ...base,
      'releases/v2/dev/config.yaml': (base['releases/v2/dev/config.yaml'] as string).replace(
        'v2-dev',
        'v2-dev-2',
      ),
    };
    expect((await pullRequest(base, head, SHOP)).rows).toEqual([['shop-dev', 'changed']]);
  });
});

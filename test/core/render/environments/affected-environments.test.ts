import { describe, expect, it } from 'vitest';
import { affectedEnvironments } from '../../../../core/render/environments/affected-environments.ts';
import { discoverEnvironments } from '../../../../core/render/environments/discover-environments.ts';
import type { Environment } from '../../../../core/render/environments/types.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';
import { fixtureRepo } from './fixture-repo.ts';

function environment(name: string, path: string, extra: Partial<Environment> = {}): Environment {
  return { name, path, source: 'config', renderer: 'builtin', ...extra };
}

describe('affectedEnvironments on the fixture repository', () => {
  const files = fixtureRepo();
  const discovered = discoverEnvironments(files);

  it.each([
    ['a base resource', ['apps/web/base/deployment.yaml'], ['dev', 'prod', 'staging', 'web/prod']],
    [
      'a base generator source',
      ['apps/web/base/config/app.properties'],
      ['dev', 'prod', 'staging', 'web/prod'],
    ],
    ['a component of a base', ['components/monitoring/servicemonitor.yaml'], ['dev', 'prod', 'staging']],
    ['a prod patch', ['envs/prod/patch.yaml'], ['prod']],
    ['a prod replacement outside its folder', ['shared/replacements.yaml'], ['prod']],
    ['a staging JSON 6902 patch', ['envs/staging/replicas.json'], ['staging']],
    ['a dev env file of a generator', ['envs/dev/dev.env'], ['dev']],
    ['a kustomization', ['envs/dev/kustomization.yaml'], ['dev']],
    ['an overlay patch', ['apps/web/overlays/prod/replicas.yaml'], ['web/prod']],
    ['a chart template', ['charts/web/templates/deployment.yaml'], ['web-helm']],
    [
      'a values file used by a chart, in a kustomize folder',
      ['envs/prod/web-values.yaml'],
      ['prod', 'web-helm'],
    ],
    ['an Argo CD Application', ['argocd/staging.yaml'], ['staging']],
    ['an ApplicationSet', ['argocd/platform-appset.yaml'], ['platform-backups', 'platform-crds']],
    ['Flux Kustomizations', ['clusters/prod-eu/apps.yaml'], ['flux-system', 'ingress', 'prod']],
    ['a plain manifest folder', ['platform/crds/backup-crd.yaml'], ['platform-crds']],
    ['the README', ['README.md'], []],
  ])('%s', async (_, changed, affected) => {
    const { environments } = await discovered;

    const result = await affectedEnvironments(environments, changed, files);

    expect([...result.affected].sort()).toEqual(affected);
    expect(result.unknown).toEqual(affected.length === 0 ? changed : []);
  });

  it('lists affected environments in their order and the files no environment reaches', async () => {
    const { environments } = await discovered;
    const changed = ['README.md', 'envs/prod/patch.yaml', './envs/dev/patch.yaml', 'docs/runbook.md'];

    const result = await affectedEnvironments(environments, changed, files);

    expect(result).toEqual({ affected: ['dev', 'prod'], unknown: ['README.md', 'docs/runbook.md'] });
  });
});

describe('affectedEnvironments through kustomizations', () => {
  it('follows every kind of reference, skipping remote ones', async () => {
    const files = memoryFileSource({
      'env/kustomization.yaml': `
resources:
  - ../base
  - deployment.yaml
  - https://github.com/acme/bases//web?ref=v1
  - github.com/acme/bases/api?ref=v2
bases: [../legacy-base]
components: [../component]
patches:
  - path: ../patches/a.yaml
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 2
patchesStrategicMerge:
  - ../patches/b.yaml
  - |-
    apiVersion: v1
    kind: ConfigMap
patchesJson6902:
  - path: ../patches/c.yaml
configMapGenerator:
  - name: a
    files: [key=../data/a.txt, ../data/b.txt]
    envs: [../data/c.env]
secretGenerator:
  - name: b
    env: ../data/d.env
crds: [../crds/crd.yaml]
replacements:
  - path: ../data/replacements.yaml
configurations: [../data/config.yaml]
openapi:
  path: ../data/openapi.json
transformers: [../transformers]
generators: [../data/generator.yaml]
validators: [../data/validator.yaml]
helmGlobals:
  chartHome: ../charts
helmCharts:
  - name: redis
    valuesFile: ../data/values.yaml
    additionalValuesFiles: [../data/more-values.yaml]
`,
      'env/deployment.yaml': 'kind: Deployment\n',
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': 'kind: ConfigMap\n',
      'legacy-base/kustomization.yaml': 'resources: []\n',
      'component/kustomization.yaml': 'kind: Component\n',
      'transformers/kustomization.yaml': 'resources: [labels.yaml]\n',
      'transformers/labels.yaml': 'kind: LabelTransformer\n',
      'charts/redis/templates/sts.yaml': 'kind: StatefulSet\n',
      'data/a.txt': 'a\n',
    });
    const reached = [
      'env/anything-new.yaml',
      'base/cm.yaml',
      'legacy-base/kustomization.yaml',
      'component/kustomization.yaml',
      'patches/a.yaml',
      'patches/b.yaml',
      'patches/c.yaml',
      'data/a.txt',
      'data/b.txt',
      'data/c.env',
      'data/d.env',
      'crds/crd.yaml',
      'data/replacements.yaml',
      'data/config.yaml',
      'data/openapi.json',
      'transformers/labels.yaml',
      'data/generator.yaml',
      'data/validator.yaml',
      'charts/redis/templates/sts.yaml',
      'data/values.yaml',
      'data/more-values.yaml',
    ];
    const notReached = [
      'data/unused.txt',
      'patches/other.yaml',
      'base/sub/x.yaml',
      'github.com/acme/bases/api',
    ];

    const { affected, unknown } = await affectedEnvironments(
      [environment('env', 'env')],
      [...reached, ...notReached],
      files,
    );

    expect(affected).toEqual(['env']);
    expect(unknown).toEqual(notReached);
  });

  it('stops at cycles', async () => {
    const files = memoryFileSource({
      'a/kustomization.yaml': 'resources: [../b]\n',
      'b/kustomization.yaml': 'resources: [../a, ../c]\n',
      'c/kustomization.yaml': 'resources: [../b]\n',
      'c/cm.yaml': 'kind: ConfigMap\n',
    });

    const result = await affectedEnvironments([environment('a', 'a')], ['c/cm.yaml', 'd/cm.yaml'], files);

    expect(result).toEqual({ affected: ['a'], unknown: ['d/cm.yaml'] });
  });

  it('counts a folder without kustomization whole, and references to deleted files or folders', async () => {
    const files = memoryFileSource({
      'env/kustomization.yaml': 'resources: [../plain, gone.yaml, ../gone-folder]\n',
      'plain/sub/cm.yaml': 'kind: ConfigMap\n',
    });
    const changed = ['plain/sub/cm.yaml', 'env/gone.yaml', 'gone-folder/kustomization.yaml', 'other/x.yaml'];

    const result = await affectedEnvironments([environment('env', 'env')], changed, files);

    expect(result).toEqual({ affected: ['env'], unknown: ['other/x.yaml'] });
  });

  it('ignores references that leave the repository and survives broken kustomizations', async () => {
    const files = memoryFileSource({
      'a/kustomization.yaml': 'resources: [../../outside]\n',
      'b/kustomization.yaml': 'resources: [\n',
    });

    const result = await affectedEnvironments(
      [environment('a', 'a'), environment('b', 'b')],
      ['outside/x.yaml', 'b/kustomization.yaml'],
      files,
    );

    expect(result).toEqual({ affected: ['b'], unknown: ['outside/x.yaml'] });
  });

  it('reads Helm environments as their chart, values files and folder', async () => {
    const files = memoryFileSource({ 'charts/web/Chart.yaml': 'name: web\n' });
    const helm = environment('web', 'envs/web', {
      renderer: 'helm',
      helm: { chart: 'charts/web', valuesFiles: ['values/web.yaml'] },
    });
    const changed = [
      'charts/web/templates/a.yaml',
      'values/web.yaml',
      'envs/web/notes.txt',
      'values/api.yaml',
    ];

    const result = await affectedEnvironments([helm], changed, files);

    expect(result).toEqual({ affected: ['web'], unknown: ['values/api.yaml'] });
  });
});

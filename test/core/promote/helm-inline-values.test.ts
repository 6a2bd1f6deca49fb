/**
 * Helm values written inline (Flux HelmRelease `spec.values`, Argo CD `helm.valuesObject`,
 * `helm.values: |`, `helm.parameters`) and whole references under `*image` keys: a bump changes
 * the tag's bytes only, bumping back restores every byte, and a file with nothing to change is
 * never rewritten.
 */
import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { planPromotion, type PromotionPlan } from '../../../core/promote/plan-promotion.ts';
import type { Environment, PromotionConfig } from '../../../core/render/environments/types.ts';

const FOLDER: Environment[] = [{ name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' }];

const crlf = (text: string): string => text.replaceAll('\n', '\r\n');

const HELM_RELEASE_PATCH = crlf(
  'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\nspec:\n  values:\n    image:\n      repository: ghcr.io/acme/web\n      tag: "1.2.3" # prod\n    tag: v1 # bare, not an image',
);

const APPLICATION = (helm: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    repoURL: https://example.com/gitops.git\n    path: charts/web\n    helm:\n${helm}  destination:\n    namespace: web\n`;

interface Layout {
  name: string;
  files: Record<string, string>;
  environments?: Environment[];
  settings?: PromotionConfig;
  /** The file that changes and the line it gets. */
  file: string;
  line: string;
}

const kustomization = (extra: string): string => `resources:\n  - ../../base\n${extra}`;

const LAYOUTS: Layout[] = [
  {
    name: 'a HelmRelease patch file (CRLF, no final newline, a comment on the tag line)',
    files: {
      'envs/prod/kustomization.yaml': kustomization('patches:\n  - path: values.yaml\n'),
      'envs/prod/values.yaml': HELM_RELEASE_PATCH,
    },
    file: 'envs/prod/values.yaml',
    line: '      tag: "2.0.0" # prod\r',
  },
  {
    name: 'a HelmRelease in an inline patch block',
    files: {
      'envs/prod/kustomization.yaml': kustomization(
        "patches:\n  - patch: |\n      apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata:\n        name: web\n      spec:\n        values:\n          image: {repository: ghcr.io/acme/web, tag: '1.2.3'}\n",
      ),
    },
    file: 'envs/prod/kustomization.yaml',
    line: "          image: {repository: ghcr.io/acme/web, tag: '2.0.0'}",
  },
  {
    name: 'a kustomization helmCharts valuesInline',
    files: {
      'envs/prod/kustomization.yaml': kustomization(
        'helmCharts:\n  - name: web\n    valuesInline:\n      image:\n        repository: ghcr.io/acme/web\n        tag: 1.2.3  # inline\n',
      ),
    },
    file: 'envs/prod/kustomization.yaml',
    line: '        tag: 2.0.0  # inline',
  },
  {
    name: 'an Application in the folder (app of apps): helm.valuesObject',
    files: {
      'envs/prod/kustomization.yaml': kustomization('  - web.yaml\n'),
      'envs/prod/web.yaml': APPLICATION(
        '      valuesObject:\n        image:\n          repository: ghcr.io/acme/web\n          tag: 1.2.3\n',
      ),
    },
    file: 'envs/prod/web.yaml',
    line: '          tag: 2.0.0',
  },
  {
    name: 'an Application helm.values block (CRLF)',
    files: {
      'envs/prod/kustomization.yaml': kustomization('  - web.yaml\n'),
      'envs/prod/web.yaml': crlf(
        APPLICATION(
          '      values: |\n        # the web tier\n        image:\n          repository: ghcr.io/acme/web\n          tag: "1.2.3"   # promoted\n',
        ),
      ),
    },
    file: 'envs/prod/web.yaml',
    line: '          tag: "2.0.0"   # promoted\r',
  },
  {
    name: 'Application helm.parameters, the repository in valuesObject',
    files: {
      'envs/prod/kustomization.yaml': kustomization('  - web.yaml\n'),
      'envs/prod/web.yaml': APPLICATION(
        '      valuesObject:\n        image: {repository: ghcr.io/acme/web}\n      parameters:\n        - {name: replicaCount, value: "3"}\n        - name: image.tag\n          value: "1.2.3"\n',
      ),
    },
    file: 'envs/prod/web.yaml',
    line: '          value: "2.0.0"',
  },
  {
    name: 'Application helm.parameters holding a whole reference',
    files: {
      'envs/prod/kustomization.yaml': kustomization('  - web.yaml\n'),
      'envs/prod/web.yaml': APPLICATION(
        '      parameters:\n        - name: web.image\n          value: ghcr.io/acme/web:1.2.3 # set by CI\n',
      ),
    },
    file: 'envs/prod/web.yaml',
    line: '          value: ghcr.io/acme/web:2.0.0 # set by CI',
  },
  {
    name: 'a values file with a whole reference under an *Image key',
    files: {
      'envs/prod/kustomization.yaml': kustomization(
        'helmCharts:\n  - name: web\n    valuesFile: values.yaml\n',
      ),
      'envs/prod/values.yaml':
        'web:\n  initImage: "ghcr.io/acme/web:1.2.3"\n  image: nginx # no tag: not a version\n',
    },
    file: 'envs/prod/values.yaml',
    line: '  initImage: "ghcr.io/acme/web:2.0.0"',
  },
  {
    name: 'a values file with a whole reference at a promotion.tagFields reference',
    files: {
      'envs/prod/kustomization.yaml': kustomization(
        'helmCharts:\n  - name: web\n    valuesFile: values.yaml\n',
      ),
      'envs/prod/values.yaml': 'web:\n  container: ghcr.io/acme/web:1.2.3\n',
    },
    settings: { tagFields: [{ reference: 'web.container' }] },
    file: 'envs/prod/values.yaml',
    line: '  container: ghcr.io/acme/web:2.0.0',
  },
  {
    name: "the declaring Application of a Helm environment, not its file's other Application",
    files: {
      'argocd/apps.yaml': `${APPLICATION('      valuesObject:\n        image: {repository: ghcr.io/acme/web, tag: 1.2.3}\n')}---\n${APPLICATION('      valuesObject:\n        image: {repository: ghcr.io/acme/web, tag: 1.2.3}\n        job: ghcr.io/acme/web:1.2.3 # {"$imagepolicy": "flux-system:web"}\n').replace('name: web', 'name: web-canary').replace('charts/web', 'charts/canary')}`,
    },
    environments: [
      {
        name: 'web',
        path: 'charts/web',
        source: 'argocd',
        renderer: 'helm',
        helm: { chart: 'charts/web', valuesFiles: [] },
        declaredIn: ['argocd/apps.yaml'],
      },
    ],
    file: 'argocd/apps.yaml',
    line: '        image: {repository: ghcr.io/acme/web, tag: 2.0.0}',
  },
  {
    name: 'one source of a multi-source Application (the other renders another environment)',
    files: {
      'argocd/web.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  sources:\n    - path: charts/web\n      helm:\n        valuesObject:\n          image: {repository: ghcr.io/acme/web, tag: 1.2.3}\n    - path: charts/edge\n      helm:\n        valuesObject:\n          image: {repository: ghcr.io/acme/web, tag: 1.2.3}\n',
    },
    environments: [
      {
        name: 'web-0',
        path: 'charts/web',
        source: 'argocd',
        renderer: 'helm',
        helm: { chart: 'charts/web', valuesFiles: [] },
        declaredIn: ['argocd/web.yaml'],
      },
    ],
    file: 'argocd/web.yaml',
    line: '          image: {repository: ghcr.io/acme/web, tag: 2.0.0}',
  },
];

async function bump(layout: Layout, files: Record<string, string>, tag: string): Promise<PromotionPlan> {
  const paths = [...Object.keys(files), 'base/kustomization.yaml'];
  return planPromotion(
    layout.environments ?? FOLDER,
    memoryFileSource({ ...files, 'base/kustomization.yaml': 'resources: []\n' }),
    paths,
    {
      pairs: [{ target: layout.environments?.[0]?.name ?? 'prod' }],
      images: ['ghcr.io/acme/web'],
      version: { tag, digest: '' },
      settings: layout.settings ?? {},
    },
  );
}

describe('inline Helm values', () => {
  it.each(LAYOUTS)('$name: one line changes, and bumping back restores every byte', async (layout) => {
    const original = layout.files[layout.file] as string;
    const plan = await bump(layout, layout.files, '2.0.0');
    expect(plan.refused).toBe(false);
    expect(plan.files.map((file) => file.path)).toEqual([layout.file]);
    const text = plan.files[0]?.text ?? '';
    const before = original.split('\n');
    const after = text.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([layout.line]);

    const back = await bump(layout, { ...layout.files, [layout.file]: text }, '1.2.3');
    expect(back.refused).toBe(false);
    expect(back.files[0]?.text).toBe(original);

    // Already there: nothing is rewritten.
    const again = await bump(layout, layout.files, '1.2.3');
    expect(again.files).toEqual([]);
    expect(again.rows.map((row) => row.status)).toEqual(again.rows.map(() => 'unchanged'));
  });

  it('reports an Application helm.values that is not a literal block, and edits nothing in it', async () => {
    const files = {
      'envs/prod/kustomization.yaml': kustomization('  - web.yaml\n'),
      'envs/prod/web.yaml': APPLICATION(
        '      values: "image:\\n  repository: ghcr.io/acme/web\\n  tag: 1.2.3\\n"\n',
      ),
    };
    const plan = await bump({ name: '', files, file: '', line: '' }, files, '2.0.0');
    expect(plan.refused).toBe(true);
    expect(plan.files).toEqual([]);
    expect(plan.notes.map((note) => [note.file, note.line, note.message])).toEqual([
      [
        'envs/prod/web.yaml',
        10,
        'spec.source.helm.values at line 10 is not a literal block (values: |) kubeproof can edit; its images are left alone (or write them in helm.valuesObject)',
      ],
    ]);
  });

  it('never reads an ApplicationSet template as an environment its own', async () => {
    const files = {
      'argocd/appset.yaml': APPLICATION(
        '      valuesObject:\n        image: {repository: ghcr.io/acme/web, tag: 1.2.3}\n',
      ),
    };
    const environments: Environment[] = [
      {
        name: 'web',
        path: 'charts/web',
        source: 'argocd',
        renderer: 'helm',
        helm: { chart: 'charts/web', valuesFiles: [] },
        declaredIn: ['argocd/appset.yaml'],
        generatedBy: ['argocd/appset.yaml'],
      },
    ];
    const plan = await bump({ name: '', files, file: '', line: '', environments }, files, '2.0.0');
    expect(plan.refused).toBe(true);
    expect(plan.rows.map((row) => row.message)).toEqual([
      "web's own files write no image ghcr.io/acme/web (a shared base is never edited)",
    ]);
  });

  it('leaves a HelmRelease in a shared base alone', async () => {
    const files = {
      'envs/prod/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
      'envs/dev/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
      'apps/web/kustomization.yaml': 'resources:\n  - release.yaml\n',
      'apps/web/release.yaml': HELM_RELEASE_PATCH,
    };
    const environments: Environment[] = [
      ...FOLDER,
      { name: 'dev', path: 'envs/dev', source: 'folder', renderer: 'builtin' },
    ];
    const plan = await bump({ name: '', files, file: '', line: '', environments: FOLDER }, files, '2.0.0');
    expect(plan.rows.map((row) => row.status)).toEqual(['changed']);
    const shared = await planPromotion(environments, memoryFileSource(files), Object.keys(files), {
      pairs: [{ target: 'prod' }],
      images: ['ghcr.io/acme/web'],
      version: { tag: '2.0.0', digest: '' },
      settings: {},
    });
    expect(shared.refused).toBe(true);
    expect(shared.files).toEqual([]);
  });
});

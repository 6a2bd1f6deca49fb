import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../core/manifests/json-value.ts';
import {
  fluxHelmReleaseSettings,
  fluxReleaseName,
} from '../../../../core/render/external/flux-helm-release.ts';
import { mergeValues } from '../../../../core/render/external/flux-values.ts';

function release(spec: JsonObject, metadata: JsonObject = { name: 'web', namespace: 'apps' }): JsonObject {
  return { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata, spec };
}

const gitChart = {
  spec: { chart: './charts/web', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
};

describe('fluxHelmReleaseSettings', () => {
  it('takes a GitRepository chart path from the repository root', async () => {
    const result = await fluxHelmReleaseSettings({
      file: 'apps/web.yaml',
      content: release({ chart: gitChart }),
    });
    expect(result).toEqual({
      settings: {
        chart: 'charts/web',
        valuesFiles: [],
        releaseName: 'web',
        namespace: 'apps',
        skipTests: true,
      },
      notes: ['source GitRepository/flux-system taken to be this repository'],
      findings: [],
    });
  });

  it('composes release name and namespace from targetNamespace; maps crds, tests, valuesFiles', async () => {
    const chart = {
      spec: { ...gitChart.spec, valuesFiles: ['./charts/web/values.yaml', './envs/prod/values.yaml'] },
    };
    const spec = { chart, targetNamespace: 'shop', install: { crds: 'Skip' }, test: { enable: true } };
    const result = await fluxHelmReleaseSettings({ file: 'apps/web.yaml', content: release(spec) });
    expect(result.settings).toEqual({
      chart: 'charts/web',
      valuesFiles: ['charts/web/values.yaml', 'envs/prod/values.yaml'],
      releaseName: 'shop-web',
      namespace: 'shop',
      skipCrds: true,
    });
  });

  it('notes that valuesFiles replace the chart’s values.yaml in Flux', async () => {
    const chart = { spec: { ...gitChart.spec, valuesFiles: ['envs/prod/values.yaml'] } };
    const result = await fluxHelmReleaseSettings({ file: 'f.yaml', content: release({ chart }) });
    expect(result.notes).toContain(
      "Flux replaces the chart's values.yaml with valuesFiles; kubeproof merges them over it",
    );
  });

  it('shortens a release name past 53 characters as helm-controller does', async () => {
    const long = 'a-very-long-namespace-name-for-testing-purposes-and-a-release';
    expect(await fluxReleaseName(long)).toMatch(/^a-very-long-namespace-name-for-testing-p-[0-9a-f]{12}$/);
    expect(await fluxReleaseName('short')).toBe('short');
  });

  it('merges resolved valuesFrom in order, then spec.values; warns about the rest', async () => {
    // Arrange
    const resources: Record<string, JsonObject> = {
      'ConfigMap/web-values': {
        kind: 'ConfigMap',
        data: { 'values.yaml': 'replicas: 2\nimage:\n  tag: v1\n  pull: Always\n' },
      },
      'Secret/web-secret': { kind: 'Secret', data: { token: btoa('s3cr3t') } },
      'Secret/sealed': { kind: 'Secret', sops: { version: '3' }, data: { 'values.yaml': 'ENC[...]' } },
    };
    const spec = {
      chart: gitChart,
      valuesFrom: [
        { kind: 'ConfigMap', name: 'web-values' },
        { kind: 'Secret', name: 'web-secret', valuesKey: 'token', targetPath: 'auth.token' },
        { kind: 'ConfigMap', name: 'cluster-values' },
        { kind: 'Secret', name: 'sealed' },
        { kind: 'ConfigMap', name: 'maybe', optional: true },
      ],
      values: { image: { tag: 'v2' } },
    };
    const seen: string[] = [];
    // Act
    const result = await fluxHelmReleaseSettings(
      {
        file: 'apps/web.yaml',
        content: release(spec),
        locate: (pointer) => ({ line: pointer.length, column: 3 }),
      },
      (ref) => {
        seen.push(`${ref.kind}/${ref.namespace}/${ref.name}`);
        return resources[`${ref.kind}/${ref.name}`];
      },
    );
    // Assert
    expect(seen[0]).toBe('ConfigMap/apps/web-values');
    expect(JSON.parse(result.settings?.values ?? '')).toEqual({
      replicas: 2,
      image: { tag: 'v2', pull: 'Always' },
      auth: { token: 's3cr3t' },
    });
    expect(result.findings).toEqual([
      {
        ruleId: 'environments',
        severity: 'warning',
        message: 'valuesFrom ConfigMap/cluster-values is not in this repository: rendered without it',
        path: 'apps/web.yaml',
        line: '/spec/valuesFrom/2'.length,
      },
      {
        ruleId: 'environments',
        severity: 'warning',
        message: 'valuesFrom Secret/sealed is encrypted with SOPS: rendered without it',
        path: 'apps/web.yaml',
        line: '/spec/valuesFrom/3'.length,
      },
      {
        ruleId: 'environments',
        severity: 'notice',
        message: 'valuesFrom ConfigMap/maybe is not in this repository: rendered without it (optional)',
        path: 'apps/web.yaml',
        line: '/spec/valuesFrom/4'.length,
      },
    ]);
  });

  it.each([
    [
      { chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } } },
      'chart podinfo from HelmRepository/podinfo',
    ],
    [{ chartRef: { kind: 'OCIRepository', name: 'podinfo' } }, 'chartRef OCIRepository/podinfo'],
  ])('does not render a chart from outside the repository', async (spec, what) => {
    const result = await fluxHelmReleaseSettings({ file: 'apps/web.yaml', content: release(spec) });
    expect(result.settings).toBeUndefined();
    expect(result.findings).toEqual([
      {
        ruleId: 'environments',
        severity: 'notice',
        message: `Flux HelmRelease apps/web: ${what} is not in this repository; not rendered`,
        path: 'apps/web.yaml',
      },
    ]);
  });
});

describe('mergeValues', () => {
  it('merges maps key by key and replaces everything else', () => {
    expect(mergeValues({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: null }, d: { x: 1 } })).toEqual({
      a: { b: 1, c: [2], e: null },
      d: { x: 1 },
    });
  });
});

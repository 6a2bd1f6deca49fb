import { describe, expect, it } from 'vitest';
import { diffEnvironment, diffEnvironments, pairEnvironments } from '../../../core/diff/diff-environments.ts';
import { InvalidPathError } from '../../../core/diff/object-path.ts';
import type { JsonObject } from '../../../core/manifests/json-value.ts';
import { configMap, deployment, rendered, secret } from './helpers.ts';

const web = (image: string, replicas = 2): JsonObject =>
  deployment('web', [{ name: 'web', image }], { replicas });

describe('matching resources', () => {
  it('classifies added, removed, changed and unchanged, counting each and listing only the first three', () => {
    const diff = diffEnvironment(
      rendered([web('app:1.2'), configMap('keep', { a: '1' }), configMap('old', { a: '1' })]),
      rendered([web('app:1.3'), configMap('keep', { a: '1' }), configMap('new', { a: '1' })]),
    );
    expect(diff.status).toBe('changed');
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(diff.resources.map((r) => [r.change, r.resource.kind, r.resource.name])).toEqual([
      ['added', 'ConfigMap', 'new'],
      ['removed', 'ConfigMap', 'old'],
      ['changed', 'Deployment', 'web'],
    ]);
  });

  it('matches across API versions of the same group, not across groups', () => {
    const v1beta1 = { ...web('app:1'), apiVersion: 'apps/v1beta2' };
    const other = { ...web('app:1'), apiVersion: 'example.com/v1' };
    const diff = diffEnvironment(rendered([v1beta1, other]), rendered([web('app:1')]));
    expect(diff.resources.map((r) => [r.change, r.resource.apiVersion])).toEqual([
      ['changed', 'apps/v1'],
      ['removed', 'example.com/v1'],
    ]);
    expect(diff.resources[0]?.notes).toEqual([
      {
        kind: 'field',
        text: 'apiVersion: apps/v1beta2 -> apps/v1',
        parts: { label: '', subject: 'apiVersion', from: 'apps/v1beta2', to: 'apps/v1' },
      },
    ]);
  });

  it('tells namespaces apart, and cluster-scoped resources have no namespace', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const diff = diffEnvironment(
      rendered([configMap('c', {}, 'a')]),
      rendered([configMap('c', {}, 'b'), ns]),
    );
    expect(diff.resources.map((r) => [r.change, r.resource])).toEqual([
      ['removed', { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'a' }],
      ['added', { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'b' }],
      ['added', { apiVersion: 'v1', kind: 'Namespace', name: 'shop' }],
    ]);
    expect(diff.resources[2]?.unifiedDiff.split('\n')[0]).toBe('# Namespace shop');
  });

  it('keeps origins of the head side (base side for removals)', () => {
    const diff = diffEnvironment(
      rendered([configMap('gone', {})]),
      rendered([configMap('x', {}), configMap('new', {})]),
    );
    expect(diff.resources.map((r) => r.origin)).toEqual([
      { path: 'envs/prod/r.yaml', line: 1 },
      { path: 'envs/prod/r.yaml', line: 2 },
      { path: 'envs/prod/r.yaml', line: 1 },
    ]);
  });
});

describe('kustomize hash-suffix renames', () => {
  it.each([
    ['both suffixed', 'web-config-5h7k2m9b4c', 'web-config-8d6f4g2t9m'],
    ['suffix dropped', 'web-config-5h7k2m9b4c', 'web-config'],
    ['suffix added', 'web-config', 'web-config-8d6f4g2t9m'],
  ])('pairs a ConfigMap whose name changed (%s) as one changed resource', (_, from, to) => {
    const diff = diffEnvironment(
      rendered([configMap(from, { a: '1' })]),
      rendered([configMap(to, { a: '2' })]),
    );
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
    const [resource] = diff.resources;
    expect(resource?.renamed).toEqual({ from, to });
    expect(resource?.resource.name).toBe(to);
    expect(resource?.notes).toEqual([
      {
        kind: 'generated-name',
        text: `generated name ${from} -> ${to}`,
        parts: { label: 'generated name', from, to },
      },
      {
        kind: 'config-key',
        text: 'key a: 1 -> 2',
        parts: { label: 'key', subject: 'a', from: '1', to: '2' },
      },
    ]);
  });

  it('pairs Secrets too, but not other kinds, and not names whose suffix is not a kustomize hash', () => {
    const deploy = (name: string): JsonObject => deployment(name, [{ name: 'c', image: 'i' }]);
    const diff = diffEnvironment(
      rendered([
        secret('s-5h7k2m9b4c', { a: 'YQ==' }),
        deploy('d-5h7k2m9b4c'),
        configMap('c-aaaaaaaaaa', {}),
      ]),
      rendered([
        secret('s-8d6f4g2t9m', { a: 'YQ==' }),
        deploy('d-8d6f4g2t9m'),
        configMap('c-bbbbbbbbbb', {}),
      ]),
    );
    expect(diff.resources.map((r) => [r.change, r.resource.kind, r.resource.name])).toEqual([
      ['removed', 'ConfigMap', 'c-aaaaaaaaaa'],
      ['added', 'ConfigMap', 'c-bbbbbbbbbb'],
      ['removed', 'Deployment', 'd-5h7k2m9b4c'],
      ['added', 'Deployment', 'd-8d6f4g2t9m'],
      ['changed', 'Secret', 's-8d6f4g2t9m'],
    ]);
    expect(diff.resources[4]?.notes).toEqual([
      {
        kind: 'generated-name',
        text: 'generated name s-5h7k2m9b4c -> s-8d6f4g2t9m',
        parts: { label: 'generated name', from: 's-5h7k2m9b4c', to: 's-8d6f4g2t9m' },
      },
    ]);
  });
});

describe('environments that are new, removed or did not render', () => {
  it('adds every resource of a new environment', () => {
    const diff = diffEnvironment(undefined, rendered([web('app:1')], 'preview'));
    expect(diff).toMatchObject({ environment: 'preview', path: 'envs/preview', status: 'changed' });
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 0, unchanged: 0 });
    expect(diff.resources[0]?.notes).toEqual([
      { kind: 'image', text: 'image app:1' },
      { kind: 'replicas', text: 'replicas 2' },
    ]);
    expect(diff.findings.map((f) => f.ruleId)).toEqual(['diff-environment-added']);
  });

  it('removes every resource of a removed environment', () => {
    const diff = diffEnvironment(rendered([web('app:1')], 'old'), undefined);
    expect(diff.counts.removed).toBe(1);
    expect(diff.resources[0]?.notes).toEqual([]);
    expect(diff.resources[0]?.unifiedDiff).toMatch(/^# Deployment shop\/web\n-apiVersion: apps\/v1\n/);
    expect(diff.findings.map((f) => f.ruleId)).toEqual(['diff-environment-removed']);
  });

  it.each([
    ['base', false, true],
    ['head', true, false],
  ])('is an error, comparing nothing, when the %s side failed', (side, baseOk, headOk) => {
    const failing = (ok: boolean): ReturnType<typeof rendered> => ({
      ...rendered(ok ? [web('app:1')] : []),
      ok,
      findings: ok
        ? []
        : [{ ruleId: 'kustomization', severity: 'error', message: 'no kustomization', path: 'envs/prod' }],
    });
    const diff = diffEnvironment(failing(baseOk), failing(headOk));
    expect(diff.status).toBe('error');
    expect(diff.resources).toEqual([]);
    expect(diff.findings).toEqual([
      { ruleId: 'kustomization', severity: 'error', message: `${side}: no kustomization`, path: 'envs/prod' },
    ]);
  });

  it('is unchanged when nothing changed', () => {
    const diff = diffEnvironment(rendered([web('app:1')]), rendered([web('app:1')]));
    expect(diff).toMatchObject({ status: 'unchanged', resources: [], counts: { unchanged: 1 } });
  });

  it('pairs environments by name, head order first, then base-only ones', () => {
    const pairs = pairEnvironments(
      [rendered([], 'a'), rendered([], 'gone')],
      [rendered([], 'new'), rendered([], 'a')],
    );
    expect(pairs.map((p) => [p.base?.environment.name, p.head?.environment.name])).toEqual([
      [undefined, 'new'],
      ['a', 'a'],
      ['gone', undefined],
    ]);
    expect(diffEnvironments(pairs).map((d) => d.environment)).toEqual(['new', 'a', 'gone']);
  });
});

describe('noise control', () => {
  const annotated = (checksum: string, instance: string, replicas: number): JsonObject => {
    const object = deployment('web', [{ name: 'web', image: 'app:1' }], {
      replicas,
      labels: { 'argocd.argoproj.io/instance': instance, team: 'a' },
    });
    (object.metadata as JsonObject).annotations = { 'checksum/config': checksum };
    return object;
  };

  it('removes ignored paths on both sides before comparing (bracket keys, kind filters)', () => {
    const options = {
      ignorePaths: [
        'metadata.annotations["checksum/config"]',
        "metadata.labels['argocd.argoproj.io/instance']",
        'Deployment:spec.replicas',
      ],
    };
    const diff = diffEnvironment(
      rendered([annotated('abc', 'x', 2)]),
      rendered([annotated('def', 'y', 3)]),
      options,
    );
    expect(diff.status).toBe('unchanged');
    const stillDiff = diffEnvironment(
      rendered([annotated('abc', 'x', 2)]),
      rendered([annotated('def', 'y', 2)]),
      { ignorePaths: ['metadata.annotations["checksum/config"]'] },
    );
    expect(stillDiff.resources[0]?.notes).toEqual([
      {
        kind: 'label',
        text: 'label argocd.argoproj.io/instance: x -> y',
        parts: { label: 'label', subject: 'argocd.argoproj.io/instance', from: 'x', to: 'y' },
      },
    ]);
    expect(stillDiff.resources[0]?.unifiedDiff).not.toContain('checksum');
  });

  it('drops objects the ignore rules leave empty, at any depth with **', () => {
    const withChecksum = deployment('web', [{ name: 'web', image: 'app:1' }]);
    const template = (withChecksum.spec as JsonObject).template as JsonObject;
    template.metadata = { labels: { app: 'web' }, annotations: { 'checksum/config': 'abc' } };
    const diff = diffEnvironment(
      rendered([withChecksum]),
      rendered([deployment('web', [{ name: 'web', image: 'app:1' }])]),
      {
        ignorePaths: ['**.annotations["checksum/config"]'],
      },
    );
    expect(diff.status).toBe('unchanged');
  });

  it('drops ignored resources by kind, name glob and namespace', () => {
    const options = {
      ignoreResources: [
        { kind: 'ConfigMap', name: 'kube-root-*' },
        { namespace: 'monitoring' },
        { group: 'apps' },
      ],
    };
    const diff = diffEnvironment(
      rendered([]),
      rendered([
        configMap('kube-root-ca.crt', {}),
        configMap('x', {}, 'monitoring'),
        web('app:1'),
        configMap('kept', {}),
      ]),
      options,
    );
    expect(diff.resources.map((r) => r.resource.name)).toEqual(['kept']);
    expect(diff.counts.added).toBe(1);
  });

  it('throws a typed error on a path it cannot read', () => {
    expect(() => diffEnvironment(rendered([]), rendered([]), { ignorePaths: ['metadata..name'] })).toThrow(
      InvalidPathError,
    );
  });
});

describe('duplicates', () => {
  it('warns about a resource rendered twice and compares the last one', () => {
    const diff = diffEnvironment(
      rendered([configMap('c', { a: '1' })]),
      rendered([configMap('c', { a: '0' }), configMap('c', { a: '1' })]),
    );
    expect(diff.status).toBe('unchanged');
    expect(diff.findings).toEqual([
      {
        ruleId: 'diff-duplicate-resource',
        severity: 'warning',
        message: 'head: ConfigMap shop/c is rendered more than once; the diff compares the last one',
        path: 'envs/prod/r.yaml',
        line: 1,
        resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'shop' },
      },
    ]);
  });
});

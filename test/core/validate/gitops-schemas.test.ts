import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGitOpsSchemas } from '../../../core/validate/gitops-schemas.ts';

function installed(name: string): { version: string; inputs: string[] } {
  const manifest = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as {
    version: string;
    'crd-generate'?: { input?: string[] };
  };
  return { version: manifest.version, inputs: manifest['crd-generate']?.input ?? [] };
}

const schemas = createGitOpsSchemas();

const APPLICATION = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://github.com/acme/deploy.git', path: 'apps/web', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
  },
};

describe('the GitOps schemas', () => {
  it('name the installed packages and the upstream CRDs they were generated from', async () => {
    const argo = installed('@kubernetes-models/argo-cd');
    expect(argo.inputs.every((url) => url.includes('/argo-cd/v2.14.11/'))).toBe(true);
    expect((await schemas.lookup('Application', 'argoproj.io/v1alpha1'))?.source).toBe(
      `@kubernetes-models/argo-cd ${argo.version} (Argo CD 2.14.11 CRDs, not strict)`,
    );
    const flux = installed('@kubernetes-models/flux-cd');
    // Flux v2.2.3 ships these controllers.
    for (const controller of [
      'source-controller/releases/download/v1.2.4/',
      'kustomize-controller/releases/download/v1.2.2/',
      'helm-controller/releases/download/v0.37.4/',
    ])
      expect(flux.inputs.some((url) => url.includes(controller))).toBe(true);
    expect((await schemas.lookup('Kustomization', 'kustomize.toolkit.fluxcd.io/v1'))?.source).toBe(
      `@kubernetes-models/flux-cd ${flux.version} (Flux 2.2 CRDs, not strict)`,
    );
  });

  it.each([
    ['Application', 'argoproj.io/v1alpha1'],
    ['ApplicationSet', 'argoproj.io/v1alpha1'],
    ['AppProject', 'argoproj.io/v1alpha1'],
    ['Kustomization', 'kustomize.toolkit.fluxcd.io/v1'],
    ['Kustomization', 'kustomize.toolkit.fluxcd.io/v1beta2'],
    ['HelmRelease', 'helm.toolkit.fluxcd.io/v2beta2'],
    ['HelmRelease', 'helm.toolkit.fluxcd.io/v2beta1'],
    ['GitRepository', 'source.toolkit.fluxcd.io/v1'],
    ['GitRepository', 'source.toolkit.fluxcd.io/v1beta2'],
    ['OCIRepository', 'source.toolkit.fluxcd.io/v1beta2'],
    ['HelmRepository', 'source.toolkit.fluxcd.io/v1beta2'],
  ])('have %s %s', async (kind, apiVersion) => {
    const schema = await schemas.lookup(kind, apiVersion);
    expect(schema).toBeDefined();
    // Every one requires apiVersion and kind, and types metadata.name.
    expect(schema?.validate({ apiVersion, kind, metadata: { name: 7 } })).toContainEqual(
      expect.objectContaining({ instancePath: '/metadata/name' }),
    );
  });

  it.each([
    ['HelmRelease', 'helm.toolkit.fluxcd.io/v2'],
    ['HelmRepository', 'source.toolkit.fluxcd.io/v1'],
    ['OCIRepository', 'source.toolkit.fluxcd.io/v1'],
    ['SealedSecret', 'bitnami.com/v1alpha1'],
    ['Rollout', 'argoproj.io/v1alpha1'],
    ['Deployment', 'apps/v1'],
    ['Application', 'argoproj.io/../v1alpha1'],
  ])('have no schema for %s %s', async (kind, apiVersion) => {
    expect(await schemas.lookup(kind, apiVersion)).toBeUndefined();
  });

  it('pass a valid Application and find a missing required field and a wrong type', async () => {
    const schema = await schemas.lookup('Application', 'argoproj.io/v1alpha1');
    expect(schema?.validate(APPLICATION)).toBeNull();
    const { destination, ...rest } = APPLICATION.spec;
    expect(destination).toBeDefined();
    const misspelled = {
      ...APPLICATION,
      spec: { ...rest, destinaton: destination, syncPolicy: { automated: { prune: 'yes' } } },
    };
    expect(schema?.validate(misspelled)).toEqual([
      expect.objectContaining({ instancePath: '/spec', params: { missingProperty: 'destination' } }),
      expect.objectContaining({ instancePath: '/spec/syncPolicy/automated/prune', keyword: 'type' }),
    ]);
  });

  it('cannot see unknown fields (not strict)', async () => {
    const schema = await schemas.lookup('Application', 'argoproj.io/v1alpha1');
    expect(schemas.strict).toBe(false);
    expect(schema?.validate({ ...APPLICATION, spec: { ...APPLICATION.spec, extra: true } })).toBeNull();
  });

  it('imports each kind once, and only the package of its group', async () => {
    const asked: string[] = [];
    const counting = createGitOpsSchemas(async (specifier) => {
      asked.push(specifier);
      throw new Error('not installed');
    });
    expect(await counting.lookup('Kustomization', 'kustomize.toolkit.fluxcd.io/v1')).toBeUndefined();
    expect(await counting.lookup('Kustomization', 'kustomize.toolkit.fluxcd.io/v1')).toBeUndefined();
    expect(await counting.lookup('SealedSecret', 'bitnami.com/v1alpha1')).toBeUndefined();
    expect(asked).toEqual(['@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization']);
  });
});

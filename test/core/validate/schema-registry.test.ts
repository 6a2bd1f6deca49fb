import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../../core/validate/compile-schema.ts';
import { createAjv } from '../../../core/validate/create-ajv.ts';
import { createGitOpsSchemas } from '../../../core/validate/gitops-schemas.ts';
import { createOfflineSchemas } from '../../../core/validate/offline-schemas.ts';
import { parseSchemaLocation } from '../../../core/validate/schema-location.ts';
import type { LoadResult, SchemaLoader } from '../../../core/validate/schema-loader.ts';
import { createSchemaRegistry, type SchemaRegistryOptions } from '../../../core/validate/schema-registry.ts';

type WithoutUrl<T> = T extends unknown ? Omit<T, 'url'> : never;
type Entry = WithoutUrl<LoadResult>;

const OBJECT_SCHEMA = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
};

/** A loader answering from a table of URL -> result; everything else is not found. */
function fakeLoader(table: Record<string, Entry>): SchemaLoader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async load(url) {
      calls.push(url);
      const hit = table[url];
      return hit
        ? ({ ...hit, url } as LoadResult)
        : { status: 'not-found', url, message: `could not find schema at ${url}` };
    },
  };
}

function registry(table: Record<string, Entry>, options: Partial<SchemaRegistryOptions> = {}) {
  const loader = fakeLoader(table);
  const notices: string[] = [];
  const reg = createSchemaRegistry(
    {
      locations: [
        'https://a.example/{{ .ResourceKind }}.json',
        'https://b.example/{{ .ResourceKind }}.json',
      ].map(parseSchemaLocation),
      kubernetesVersion: '1.31.0',
      strict: false,
      offlineFallback: false,
      baseDirectory: '/repo',
      ...options,
    },
    {
      loader,
      compile: createSchemaCompiler(createAjv(), loader),
      offline: createOfflineSchemas(),
      gitops: createGitOpsSchemas(),
      notice: (m) => notices.push(m),
    },
  );
  return { reg, loader, notices };
}

describe('createSchemaRegistry', () => {
  it('takes the first location that has the schema', async () => {
    const { reg, loader } = registry({
      'https://b.example/widget.json': { status: 'found', document: OBJECT_SCHEMA },
    });
    const hit = await reg.lookup('Widget', 'acme.example/v1');
    expect(hit).toMatchObject({ status: 'found', source: 'https://b.example/widget.json' });
    expect(loader.calls).toEqual(['https://a.example/widget.json', 'https://b.example/widget.json']);
  });

  it('caches hits and misses for the run', async () => {
    const { reg, loader } = registry({});
    expect(await reg.lookup('Widget', 'acme.example/v1')).toEqual({ status: 'missing' });
    expect(await reg.lookup('Widget', 'acme.example/v1')).toEqual({ status: 'missing' });
    expect(loader.calls).toHaveLength(2);
  });

  it('falls through an unreachable location with one notice, instead of failing the resource (kubeconform #329)', async () => {
    const { reg, notices } = registry({
      'https://a.example/widget.json': {
        status: 'unreachable',
        message: 'error while downloading schema at https://a.example/widget.json - received HTTP status 503',
      },
      'https://a.example/gadget.json': {
        status: 'unreachable',
        message: 'error while downloading schema at https://a.example/gadget.json - received HTTP status 503',
      },
      'https://b.example/widget.json': { status: 'found', document: OBJECT_SCHEMA },
    });
    expect((await reg.lookup('Widget', 'acme.example/v1')).status).toBe('found');
    expect(await reg.lookup('Gadget', 'acme.example/v1')).toEqual({
      status: 'missing',
      detail: '1 schema location(s) unreachable',
      unreachable: true,
    });
    expect(notices).toEqual([
      'error while downloading schema at https://a.example/widget.json - received HTTP status 503; trying the next schema location',
    ]);
  });

  it('stops at a hard error', async () => {
    const { reg } = registry({
      'https://a.example/widget.json': { status: 'error', message: 'received HTTP status 403' },
    });
    expect(await reg.lookup('Widget', 'acme.example/v1')).toEqual({
      status: 'error',
      message: 'received HTTP status 403',
    });
  });

  it('moves on when a schema does not compile, and says so', async () => {
    const { reg, notices } = registry({
      'https://a.example/widget.json': {
        status: 'found',
        document: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } },
      },
      'https://b.example/widget.json': { status: 'found', document: OBJECT_SCHEMA },
    });
    expect(await reg.lookup('Widget', 'acme.example/v1')).toMatchObject({
      status: 'found',
      source: 'https://b.example/widget.json',
    });
    expect(notices[0]).toMatch(/^the schema at https:\/\/a\.example\/widget\.json does not compile/);
  });

  it('falls back to the offline schemas when the default location is unreachable', async () => {
    const { reg, notices } = registry(
      {
        'https://a.example/deployment.json': {
          status: 'unreachable',
          message: 'failed downloading schema: getaddrinfo ENOTFOUND',
        },
      },
      {
        locations: [parseSchemaLocation('https://a.example/{{ .ResourceKind }}.json')],
        offlineFallback: true,
        strict: true,
      },
    );
    const hit = await reg.lookup('Deployment', 'apps/v1');
    expect(hit).toMatchObject({ status: 'found', source: 'kubernetes-models 4.5.1: apps/v1/Deployment' });
    if (hit.status !== 'found') throw new Error('unreachable');
    expect(
      hit.validate({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'two' } }),
    ).toContainEqual(expect.objectContaining({ instancePath: '/spec/replicas', keyword: 'type' }));
    expect(hit.validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } })).toBeNull();
    // -strict cannot be honoured by them: the lookup says so, and a resource they pass is not validated.
    expect(hit.shortfall).toMatch(
      /^not validated: no schema location could be reached; .*cannot honour -strict/,
    );
    expect(notices).toEqual([
      'failed downloading schema: getaddrinfo ENOTFOUND; trying the next schema location',
      'schemas: no schema location could be reached; the offline kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict) cannot honour -strict (they cannot see unknown fields) or -kubernetes-version 1.31.0 (they model Kubernetes 1.27): resources they pass are reported as not validated',
    ]);
    expect(reg.usedOffline).toBe(true);
  });

  it('lets the offline schemas stand in without a shortfall when they honour the request, or when asked for', async () => {
    const unreachable = {
      'https://a.example/deployment.json': { status: 'unreachable' as const, message: 'down' },
    };
    const location = parseSchemaLocation('https://a.example/{{ .ResourceKind }}.json');
    const honoured = registry(unreachable, {
      locations: [location],
      offlineFallback: true,
      strict: false,
      kubernetesVersion: '1.27.1',
    });
    const hit = await honoured.reg.lookup('Deployment', 'apps/v1');
    expect(hit).toMatchObject({ status: 'found', use: { origin: 'offline', strict: false } });
    expect(hit.status === 'found' && hit.shortfall).toBeUndefined();
    const explicit = registry({}, { locations: ['offline'], strict: true, offlineAccepts: 'any' });
    const asked = await explicit.reg.lookup('Deployment', 'apps/v1');
    expect(asked.status === 'found' && asked.shortfall).toBeUndefined();
  });

  it('validates CustomResourceDefinitions with the bundled schema when no location has one', async () => {
    const { reg, notices } = registry({});
    expect(await reg.lookup('CustomResourceDefinition', 'apiextensions.k8s.io/v1')).toMatchObject({
      status: 'found',
    });
    expect(notices[0]).toMatch(/CustomResourceDefinition manifests are validated with kubernetes-models/);
  });

  it('prefers schemas registered from CRDs in the input', async () => {
    const { reg, loader } = registry({
      'https://a.example/widget.json': { status: 'found', document: OBJECT_SCHEMA },
    });
    reg.register('Widget', 'acme.example/v1', 'crd.yaml:1', () => null);
    expect(await reg.lookup('Widget', 'acme.example/v1')).toMatchObject({
      status: 'found',
      source: 'crd.yaml:1',
    });
    expect(loader.calls).toEqual([]);
  });

  describe('Argo CD and Flux kinds', () => {
    const APPLICATION = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc' } },
    };
    const ARGO = '@kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict)';

    it('are validated with the bundled package when no location has them, said once', async () => {
      const { reg, notices, loader } = registry({});
      const hit = await reg.lookup('Application', 'argoproj.io/v1alpha1');
      await reg.lookup('AppProject', 'argoproj.io/v1alpha1');
      expect(hit).toMatchObject({
        status: 'found',
        source: '@kubernetes-models/argo-cd 2.7.2: argoproj.io/v1alpha1/Application',
        use: { source: ARGO, origin: 'offline', strict: false, kubernetesVersion: '1.31.0' },
      });
      if (hit.status !== 'found') throw new Error('not found');
      expect(hit.shortfall).toBeUndefined();
      expect(hit.missingIfPassed).toBeUndefined();
      expect(hit.validate(APPLICATION)).toBeNull();
      expect(loader.calls).toContain('https://b.example/application.json');
      expect(notices).toEqual([`schemas: kinds no schema location has are validated with ${ARGO}`]);
    });

    it('a location that has the kind wins over the bundled package', async () => {
      const { reg } = registry({
        'https://a.example/application.json': { status: 'found', document: OBJECT_SCHEMA },
      });
      expect(await reg.lookup('Application', 'argoproj.io/v1alpha1')).toMatchObject({
        status: 'found',
        source: 'https://a.example/application.json',
      });
    });

    it('with -strict, fill the gap only as far as they can: a pass counts as no schema', async () => {
      const { reg, notices } = registry({}, { strict: true });
      const hit = await reg.lookup('Kustomization', 'kustomize.toolkit.fluxcd.io/v1');
      expect(hit).toMatchObject({
        status: 'found',
        missingIfPassed:
          'no strict schema: @kubernetes-models/flux-cd 2.3.4 found no error but cannot see unknown fields',
      });
      expect(hit.status === 'found' && hit.shortfall).toBeUndefined();
      expect(notices[0]).toMatch(
        /cannot honour -strict: resources they pass are reported as without a schema$/,
      );
    });

    it('stand in for unreachable locations only where they honour the request', async () => {
      const down = {
        'https://a.example/application.json': { status: 'unreachable' as const, message: 'down' },
      };
      const location = [parseSchemaLocation('https://a.example/{{ .ResourceKind }}.json')];
      const strict = registry(down, { locations: location, offlineFallback: true, strict: true });
      const hit = await strict.reg.lookup('Application', 'argoproj.io/v1alpha1');
      expect(hit.status === 'found' && hit.shortfall).toMatch(
        /^not validated: no schema location could be reached; the offline schemas \(@kubernetes-models\/argo-cd .*\) cannot honour -strict/,
      );
      const loose = registry(down, { locations: location, offlineFallback: true, strict: false });
      const fine = await loose.reg.lookup('Application', 'argoproj.io/v1alpha1');
      expect(fine).toMatchObject({ status: 'found', use: { source: ARGO } });
      expect(fine.status === 'found' && (fine.shortfall ?? fine.missingIfPassed)).toBeUndefined();
      // Without the fallback (locations given by the user), an unreachable location is not a gap.
      const given = registry(down, { locations: location, offlineFallback: false });
      expect(await given.reg.lookup('Application', 'argoproj.io/v1alpha1')).toMatchObject({
        status: 'missing',
        unreachable: true,
      });
    });

    it('are part of the offline location, an explicit weaker check even with -strict', async () => {
      const { reg, notices } = registry({}, { locations: ['offline'], strict: true, offlineAccepts: 'any' });
      const hit = await reg.lookup('GitRepository', 'source.toolkit.fluxcd.io/v1');
      expect(hit).toMatchObject({ status: 'found' });
      expect(hit.status === 'found' && (hit.shortfall ?? hit.missingIfPassed)).toBeUndefined();
      expect(notices).toEqual([
        'schemas: offline, from @kubernetes-models/flux-cd 2.3.4 (Flux 2.2 CRDs, not strict); -strict cannot report unknown fields with them',
      ]);
    });

    it('kinds the packages do not model stay missing', async () => {
      const { reg } = registry({});
      expect(await reg.lookup('SealedSecret', 'bitnami.com/v1alpha1')).toEqual({ status: 'missing' });
      expect(await reg.lookup('HelmRelease', 'helm.toolkit.fluxcd.io/v2')).toEqual({ status: 'missing' });
    });
  });
});

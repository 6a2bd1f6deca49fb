import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../../core/validate/compile-schema.ts';
import { createAjv } from '../../../core/validate/create-ajv.ts';
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
});

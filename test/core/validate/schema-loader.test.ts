import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import nock from 'nock';
import { createSchemaLoader, type SchemaCache } from '../../../core/validate/schema-loader.ts';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function memoryCache(): SchemaCache & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: async (url) => entries.get(url),
    set: async (url, body) => void entries.set(url, body),
  };
}

const fetchViaGlobal = (url: string) => globalThis.fetch(url);
const noFiles = async (path: string): Promise<string> => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

describe('createSchemaLoader over HTTP', () => {
  it('loads a schema and caches it by URL', async () => {
    const scope = nock('https://schemas.example').get('/a.json').once().reply(200, '{"type":"object"}');
    const cache = memoryCache();
    const loader = createSchemaLoader({
      fetch: fetchViaGlobal,
      readFile: noFiles,
      cache,
      sleep: async () => {},
    });
    expect(await loader.load('https://schemas.example/a.json')).toEqual({
      status: 'found',
      url: 'https://schemas.example/a.json',
      document: { type: 'object' },
    });
    // The second load is served from the cache: nock would fail a second request.
    expect((await loader.load('https://schemas.example/a.json')).status).toBe('found');
    expect([...cache.entries.keys()]).toEqual(['https://schemas.example/a.json']);
    scope.done();
  });

  it('treats 404 and non-JSON bodies as not found, and does not cache them', async () => {
    nock('https://schemas.example')
      .get('/missing.json')
      .reply(404)
      .get('/html.json')
      .reply(200, '<html>rate limited</html>');
    const cache = memoryCache();
    const loader = createSchemaLoader({
      fetch: fetchViaGlobal,
      readFile: noFiles,
      cache,
      sleep: async () => {},
    });
    expect((await loader.load('https://schemas.example/missing.json')).status).toBe('not-found');
    expect((await loader.load('https://schemas.example/html.json')).status).toBe('not-found');
    expect(cache.entries.size).toBe(0);
  });

  it('retries 429 and 5xx twice, then reports the location unreachable instead of failing the resource', async () => {
    const scope = nock('https://schemas.example').get('/busy.json').times(3).reply(503);
    const waits: number[] = [];
    const loader = createSchemaLoader({
      fetch: fetchViaGlobal,
      readFile: noFiles,
      sleep: async (ms) => void waits.push(ms),
    });
    const result = await loader.load('https://schemas.example/busy.json');
    expect(result).toEqual({
      status: 'unreachable',
      url: 'https://schemas.example/busy.json',
      message:
        'error while downloading schema at https://schemas.example/busy.json - received HTTP status 503',
    });
    expect(waits).toEqual([1000, 2000]);
    scope.done();
  });

  it('recovers when a retry succeeds', async () => {
    nock('https://schemas.example').get('/flaky.json').reply(429).get('/flaky.json').reply(200, '{}');
    const loader = createSchemaLoader({ fetch: fetchViaGlobal, readFile: noFiles, sleep: async () => {} });
    expect((await loader.load('https://schemas.example/flaky.json')).status).toBe('found');
  });

  it('reports other statuses as errors, as kubeconform does', async () => {
    nock('https://schemas.example').get('/forbidden.json').reply(403);
    const loader = createSchemaLoader({ fetch: fetchViaGlobal, readFile: noFiles, sleep: async () => {} });
    expect(await loader.load('https://schemas.example/forbidden.json')).toMatchObject({
      status: 'error',
      message:
        'error while downloading schema at https://schemas.example/forbidden.json - received HTTP status 403',
    });
  });

  it('marks a host that cannot be reached as down and does not try it again', async () => {
    let calls = 0;
    const loader = createSchemaLoader({
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND schemas.example') });
      },
      readFile: noFiles,
      sleep: async () => {},
    });
    const first = await loader.load('https://schemas.example/a.json');
    expect(first).toMatchObject({
      status: 'unreachable',
      message: expect.stringContaining('getaddrinfo ENOTFOUND schemas.example'),
    });
    // A name that does not resolve is not retried, and the host is not tried again in this run.
    expect(calls).toBe(1);
    expect((await loader.load('https://schemas.example/b.json')).status).toBe('unreachable');
    expect(calls).toBe(1);
  });

  it('retries connection resets', async () => {
    let calls = 0;
    const loader = createSchemaLoader({
      fetch: async () => {
        calls++;
        if (calls < 3) throw new TypeError('fetch failed', { cause: new Error('read ECONNRESET') });
        return { status: 200, text: async () => '{}' };
      },
      readFile: noFiles,
      sleep: async () => {},
    });
    expect((await loader.load('https://schemas.example/a.json')).status).toBe('found');
    expect(calls).toBe(3);
  });

  it('refuses HTTP when there is no fetch (offline mode)', async () => {
    const loader = createSchemaLoader({ readFile: noFiles });
    expect(await loader.load('https://schemas.example/a.json')).toMatchObject({
      status: 'unreachable',
      message: expect.stringContaining('offline'),
    });
  });

  it('names disk cache files by the sha256 of the URL', () => {
    // The platform cache uses this naming; kubeconform's cache folders are interchangeable with ours.
    expect(createHash('sha256').update('https://schemas.example/a.json').digest('hex')).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});

describe('createSchemaLoader on disk', () => {
  it.each([
    [{ code: 'ENOENT' }, 'not-found'],
    [{ code: 'EACCES' }, 'error'],
  ])('maps a read failure %o to %s', async (failure, status) => {
    const loader = createSchemaLoader({
      readFile: async () => Promise.reject(Object.assign(new Error('x'), failure)),
    });
    expect((await loader.load('/schemas/a.json')).status).toBe(status);
  });

  it('reports a local file that is not JSON as an error', async () => {
    const loader = createSchemaLoader({ readFile: async () => 'not json' });
    expect(await loader.load('file:///schemas/a.json')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^failed parsing schema from \/schemas\/a\.json: /),
    });
  });
});

import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { readTarball, TarballError, TarballTooLargeError } from '../../../platform/github/read-tarball.ts';
import { API, tarGz, testPort, useNock } from './github-test-kit.ts';

useNock();

const decode = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);
const TOP = 'octo-gitops-0123abc';
const LONG_DIR = `apps/${'very-long-application-name-'.repeat(5)}x`;

/** A repository as GitHub's tarball holds it: everything under one top folder. */
const archive = tarGz([
  { type: 'global-pax', records: { comment: '0123abc0123abc0123abc0123abc0123abc0123a' } },
  { type: 'directory', path: `${TOP}/` },
  { type: 'directory', path: `${TOP}/envs/` },
  { type: 'directory', path: `${TOP}/envs/prod/` },
  { type: 'file', path: `${TOP}/envs/prod/kustomization.yaml`, content: 'resources:\n- ../../base\n' },
  { type: 'directory', path: `${TOP}/empty/` },
  { type: 'directory', path: `${TOP}/base/` },
  { type: 'file', path: `${TOP}/base/cm.yaml`, content: 'kind: ConfigMap\n' },
  { type: 'file', path: `${TOP}/bin.dat`, content: new Uint8Array([0, 1, 2, 10, 255]) },
  { type: 'file', path: `${TOP}/${LONG_DIR}/deployment.yaml`, content: 'kind: Deployment\n' },
  { type: 'symlink', path: `${TOP}/envs/staging`, target: 'prod' },
  { type: 'symlink', path: `${TOP}/link.yaml`, target: 'base/cm.yaml' },
  { type: 'symlink', path: `${TOP}/long-link.yaml`, target: `${LONG_DIR}/deployment.yaml` },
  { type: 'symlink', path: `${TOP}/escape.yaml`, target: '../../etc/passwd' },
  { type: 'symlink', path: `${TOP}/absolute.yaml`, target: '/etc/passwd' },
]);

describe('getTree', () => {
  it('downloads one tarball (following the codeload redirect) and drops its top folder', async () => {
    nock(API)
      .get('/repos/octo/gitops/tarball/0123abc')
      .reply(302, '', { location: 'https://codeload.github.com/octo/gitops/legacy.tar.gz/0123abc' });
    nock('https://codeload.github.com')
      .get('/octo/gitops/legacy.tar.gz/0123abc')
      .reply(200, Buffer.from(archive), { 'content-type': 'application/x-gzip' });
    const { port } = testPort();

    const files = await port.getTree({ owner: 'octo', repo: 'gitops' }, '0123abc');

    expect(decode(await files.readFile('envs/prod/kustomization.yaml'))).toBe('resources:\n- ../../base\n');
    expect([...((await files.readFile('bin.dat')) ?? [])]).toEqual([0, 1, 2, 10, 255]);
    expect(await files.listDirectory('')).toEqual([
      { name: 'absolute.yaml', type: 'symlink' },
      { name: 'apps', type: 'directory' },
      { name: 'base', type: 'directory' },
      { name: 'bin.dat', type: 'file' },
      { name: 'empty', type: 'directory' },
      { name: 'envs', type: 'directory' },
      { name: 'escape.yaml', type: 'symlink' },
      { name: 'link.yaml', type: 'symlink', target: 'base/cm.yaml' },
      { name: 'long-link.yaml', type: 'symlink', target: `${LONG_DIR}/deployment.yaml` },
    ]);
    expect(await files.listDirectory('empty')).toEqual([]);
    expect(await files.listDirectory('missing')).toBeUndefined();
    expect(await files.readFile('missing.yaml')).toBeUndefined();
  });

  it('reads long paths from pax headers and resolves symlinks inside the tree only', async () => {
    nock(API).get('/repos/octo/gitops/tarball/main').reply(200, Buffer.from(archive), {
      'content-type': 'application/x-gzip',
    });
    const { port } = testPort();

    const files = await port.getTree({ owner: 'octo', repo: 'gitops' }, 'main');

    expect(decode(await files.readFile(`${LONG_DIR}/deployment.yaml`))).toBe('kind: Deployment\n');
    expect(decode(await files.readFile('long-link.yaml'))).toBe('kind: Deployment\n');
    expect(decode(await files.readFile('link.yaml'))).toBe('kind: ConfigMap\n');
    expect(decode(await files.readFile('envs/staging/kustomization.yaml'))).toBe(
      'resources:\n- ../../base\n',
    );
    expect(await files.listDirectory('envs/staging')).toEqual([{ name: 'kustomization.yaml', type: 'file' }]);
    expect(await files.listDirectory('envs')).toEqual([
      { name: 'prod', type: 'directory' },
      { name: 'staging', type: 'symlink', target: 'envs/prod' },
    ]);
    expect(await files.readFile('escape.yaml')).toBeUndefined();
    expect(await files.readFile('absolute.yaml')).toBeUndefined();
  });

  it('refuses a tarball that unpacks past maxTarballBytes, saying what to do', async () => {
    const big = tarGz([{ type: 'file', path: `${TOP}/big.yaml`, content: 'x'.repeat(64 * 1024) }]);
    nock(API).get('/repos/octo/gitops/tarball/main').reply(200, Buffer.from(big), {
      'content-type': 'application/x-gzip',
    });
    const { port } = testPort({ maxTarballBytes: 32 * 1024 });

    const error = await port.getTree({ owner: 'octo', repo: 'gitops' }, 'main').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TarballTooLargeError);
    expect((error as Error).message).toBe(
      'the tarball of octo/gitops at main is too large to download: it unpacks to more than 32 KiB; ' +
        'check the commit out with actions/checkout (fetch-depth: 0 for a base) so kubeproof reads it from the clone',
    );
  });
});

describe('readTarball', () => {
  it('lists entries with their full paths, skipping the global pax header', async () => {
    const entries = await readTarball(archive);
    expect(entries.map((entry) => `${entry.type} ${entry.path}`)).toContain(
      `file ${TOP}/${LONG_DIR}/deployment.yaml`,
    );
    expect(entries.some((entry) => entry.path.includes('pax_global_header'))).toBe(false);
    expect(entries).toHaveLength(14);
  });

  it.each([
    ['not gzip', new Uint8Array([1, 2, 3]), /not gzip/],
    ['a bad checksum', gzipSync(Buffer.alloc(1024, 7)), /checksum/],
  ])('rejects %s', async (_, bytes, message) => {
    await expect(readTarball(bytes)).rejects.toThrow(TarballError);
    await expect(readTarball(bytes)).rejects.toThrow(message);
  });
});

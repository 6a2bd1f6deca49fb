import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const REPO = { owner: 'octo', repo: 'gitops' };

describe('getBranch', () => {
  it('reads the default branch and its commit (2 calls)', async () => {
    nock(API).get('/repos/octo/gitops').reply(200, { default_branch: 'trunk' });
    nock(API)
      .get('/repos/octo/gitops/branches/trunk')
      .reply(200, { name: 'trunk', commit: { sha: 'c'.repeat(40) } });
    const { port } = testPort();

    expect(await port.getBranch(REPO)).toEqual({ name: 'trunk', sha: 'c'.repeat(40) });
  });

  it('reads a named branch in one call', async () => {
    nock(API)
      .get('/repos/octo/gitops/branches/release%2F1.x')
      .reply(200, { name: 'release/1.x', commit: { sha: 'd'.repeat(40) } });
    const { port } = testPort();

    expect(await port.getBranch(REPO, 'release/1.x')).toEqual({ name: 'release/1.x', sha: 'd'.repeat(40) });
  });

  it('says which branch does not exist', async () => {
    nock(API).get('/repos/octo/gitops/branches/nope').reply(404, { message: 'Branch not found' });
    const { port } = testPort();

    await expect(port.getBranch(REPO, 'nope')).rejects.toThrow(/branch nope of octo\/gitops/);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRepositoryIdentity } from '../../platform/git-repository-identity.ts';

const root = mkdtempSync(join(tmpdir(), 'kubeproof-identity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

describe('gitRepositoryIdentity', () => {
  it('reads the fetch URLs of the remotes and the branch of a repository top (no network)', async () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/fleet.git');
    git(repo, 'remote', 'add', 'mirror', 'https://gitlab.example.com/acme/fleet');
    expect(await gitRepositoryIdentity(repo)).toEqual({
      urls: ['https://gitlab.example.com/acme/fleet', 'git@github.com:acme/fleet.git'],
      branch: 'main',
      origin: 'git remote',
    });
  });

  it('gives nothing for a subfolder of a repository, a repository without remotes, a file or a plain folder', async () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'gitops'), { recursive: true });
    expect(await gitRepositoryIdentity(join(repo, 'gitops'))).toBeUndefined();
    const bare = join(root, 'no-remote');
    mkdirSync(bare);
    git(bare, 'init', '--quiet');
    expect(await gitRepositoryIdentity(bare)).toBeUndefined();
    expect(await gitRepositoryIdentity(new URL(import.meta.url).pathname)).toBeUndefined();
    const plain = mkdtempSync(join(tmpdir(), 'kubeproof-plain-'));
    try {
      expect(await gitRepositoryIdentity(plain)).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitTreeError, gitFileSource } from '../../platform/git-file-source.ts';

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'kubeproof-git-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'envs/prod'), { recursive: true });
  writeFileSync(join(repo, 'envs/prod/kustomization.yaml'), 'resources:\n- cm.yaml\n');
  writeFileSync(join(repo, 'envs/prod/cm.yaml'), 'v1\n');
  writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 1, 2, 10, 255]));
  symlinkSync('envs/prod/cm.yaml', join(repo, 'link.yaml'));
  symlinkSync('../outside.yaml', join(repo, 'escape.yaml'));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(repo, 'envs/prod/cm.yaml'), 'v2\n');
  git('commit', '-q', '-am', 'head');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('gitFileSource', () => {
  it('reads the files of a ref, not of the work tree', async () => {
    const { files } = await gitFileSource(repo, 'HEAD~1');
    expect(new TextDecoder().decode(await files.readFile('envs/prod/cm.yaml'))).toBe('v1\n');
    const head = await gitFileSource(join(repo, 'envs'), 'HEAD');
    expect(new TextDecoder().decode(await head.files.readFile('envs/prod/cm.yaml'))).toBe('v2\n');
    expect([...((await files.readFile('bin.dat')) ?? [])]).toEqual([0, 1, 2, 10, 255]);
  });

  it('lists folders, follows symlinks inside the tree and not outside', async () => {
    const { files } = await gitFileSource(repo, 'HEAD');
    expect((await files.listDirectory(''))?.map((e) => [e.name, e.type, e.target])).toEqual([
      ['bin.dat', 'file', undefined],
      ['envs', 'directory', undefined],
      ['escape.yaml', 'symlink', undefined],
      ['link.yaml', 'symlink', 'envs/prod/cm.yaml'],
    ]);
    expect((await files.listDirectory('envs/prod'))?.map((e) => e.name)).toEqual([
      'cm.yaml',
      'kustomization.yaml',
    ]);
    expect(new TextDecoder().decode(await files.readFile('link.yaml'))).toBe('v2\n');
    expect(await files.readFile('escape.yaml')).toBeUndefined();
    expect(await files.listDirectory('nope')).toBeUndefined();
  });

  it('explains an unknown ref', async () => {
    await expect(gitFileSource(repo, 'no-such-ref')).rejects.toBeInstanceOf(GitTreeError);
  });
});

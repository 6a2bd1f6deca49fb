import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { TEST_BUNDLE_DIR } from '../global-setup.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/promote');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function copy(name: string): string {
  const work = mkdtempSync(join(tmpdir(), 'kubeproof-promote-cli-'));
  folders.push(work);
  cpSync(join(FIXTURES, name, 'repo'), work, { recursive: true });
  return work;
}

async function run(argv: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env: {},
    cwd,
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const PROD_WEB = 'apps/web/envs/prod/kustomization.yaml';

describe('kubeproof promote and bump', () => {
  it.each([
    [['promote', '--to', 'prod'], 'kubeproof promote: -from is required\n'],
    [
      ['promote', '--from', 'staging', '-o', 'sarif'],
      'kubeproof promote: -output must be one of text, json, markdown, not "sarif"\n',
    ],
    [
      ['promote', '--from', 'staging', '--to', 'prod', '--tag', '1.0'],
      'kubeproof promote: -tag sets one image: give exactly one -image with it\n',
    ],
    [
      ['bump', '--env', 'prod', '--image', 'x', '--tag', '1', '--digest', 'sha256:12'],
      expect.stringMatching(/-digest must be sha256: and 64/),
    ],
    [['bump', '--env', 'prod', '--image', 'x', '--tag', '-x'], expect.stringMatching(/is not an image tag/)],
    [['bump', '--env', 'prod', '--tag', '1'], 'kubeproof bump: -image is required\n'],
  ])('refuses %j as a usage error (exit 1, one line)', async (argv, message) => {
    const result = await run(argv);
    expect(result).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('prints its help with exit 0', async () => {
    const result = await run(['promote', '-h']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kubeproof promote -from SRC -to DST/);
  });

  it('writes nothing with --dry-run, and prints the JSON plan a pull-request opener can commit', async () => {
    const work = copy('app-stages');
    const before = readFileSync(join(work, PROD_WEB), 'utf8');
    const result = await run([
      'promote',
      '-C',
      work,
      '--from',
      'staging',
      '--to',
      'prod',
      '--app',
      'web',
      '--dry-run',
      '-o',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(work, PROD_WEB), 'utf8')).toBe(before);
    const json = JSON.parse(result.stdout) as {
      written: boolean;
      rows: { environment: string }[];
      files: { path: string; content: string }[];
    };
    expect(json.written).toBe(false);
    expect(new Set(json.rows.map((row) => row.environment))).toEqual(new Set(['web/prod']));
    expect(json.files.map((file) => file.path)).toEqual([PROD_WEB]);
    expect(json.files[0]?.content).toContain('newTag: "1.10" # pinned after incident 42\n');
  });

  it('names the environments there are when a pair does not exist', async () => {
    const work = copy('app-stages');
    const result = await run(['promote', '-C', work, '--from', 'staging', '--to', 'qa']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining(
        'no environments staging and qa (environments: api/prod, api/staging, web/prod, web/staging)',
      ),
    });
  });
});

describe('the kubeproof process', () => {
  it('promotes from the command line and exits 0, then finds nothing to promote', () => {
    const work = copy('helm-values');
    const cli = join(TEST_BUNDLE_DIR, 'kubeproof.js');
    const first = spawnSync(process.execPath, [cli, 'promote', '--from', 'staging', '-C', work], {
      encoding: 'utf8',
    });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^changed 3 image versions in 1 file\n/);
    expect(readFileSync(join(work, 'envs/values-prod.yaml'), 'utf8')).toContain(
      '  tag: 2.4.1   # promoted\r\n',
    );
    const second = spawnSync(process.execPath, [cli, 'promote', '--from', 'staging', '-C', work], {
      encoding: 'utf8',
    });
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(
      'nothing to promote: every image is already there\n\nENVIRONMENT  IMAGE                FROM   TO     FILE:LINE                NOTE\nprod         ghcr.io/acme/web     2.4.1  2.4.1  envs/values-prod.yaml:4  already there\nprod         ghcr.io/acme/proxy   1.2.0  1.2.0  envs/values-prod.yaml:6  already there\nprod         ghcr.io/acme/worker  7.0.1  7.0.1  envs/values-prod.yaml:8  already there\n',
    );
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BUNDLE_DIR } from '../global-setup.ts';

const CLI = join(TEST_BUNDLE_DIR, 'kubeproof.js');
const FIXTURES = 'test/fixtures/check';

/** Runs the bundled CLI as a process, exactly as `npx kubeproof` would. */
function kubeproof(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kubeproof check and diff as a process', () => {
  it('check -base -o markdown prints the review comment and exits 0', async () => {
    const { code, stdout, stderr } = await kubeproof([
      'check',
      '-base',
      `${FIXTURES}/image-bump/base`,
      '-o',
      'markdown',
      `${FIXTURES}/image-bump/head`,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.startsWith('<!-- kubeproof:report -->\n')).toBe(true);
    expect(stdout).toContain('#### prod: 1 changed');
    expect(stdout).toContain('image `ghcr.io/acme/web` `1.4.2` → `1.5.0`');
    // The footer's duration depends on the machine: only its shape is checked.
    expect(stdout).toMatch(/<sub>Rendered 1 environment \(.*\) in \d+(\.\d+)? s · .*<\/sub>\n$/);
  });

  it('check exits 1 on a validation error; diff of the same change exits 0', async () => {
    const args = [`${FIXTURES}/invalid-head/base`, `${FIXTURES}/invalid-head/head`];
    const checked = await kubeproof(['check', '-o', 'markdown', '-base', ...args]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/\/spec\/replicas: got string, want integer/);
    const diffed = await kubeproof(['diff', '-o', 'json', ...args]);
    expect(diffed.code).toBe(0);
    expect(JSON.parse(diffed.stdout)).toMatchObject({ summary: { changed: 1 } });
  });

  it('exits 1 when an environment cannot be rendered', async () => {
    const { code, stdout } = await kubeproof([
      'diff',
      `${FIXTURES}/render-failure/base`,
      `${FIXTURES}/render-failure/head`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('not rendered');
  });
});

import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';

/**
 * What a newcomer and CI rely on (issue 9, "the newcomer's two commands"): without the upstream
 * schemas the tests that need them skip and say why, while `.ci/run` refuses to run at all, so CI
 * never skips them; and the worker pool stays small enough for a loaded 2-core machine.
 */
describe('the upstream schemas folder', () => {
  it('.ci/run fails before anything else when it is absent, and says how to point at it', () => {
    const run = spawnSync('bash', ['.ci/run'], {
      env: { ...process.env, KUBEPROOF_TEST_SCHEMAS: '/nonexistent-kubeproof-schemas' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('upstream schemas not found at /nonexistent-kubeproof-schemas');
    expect(run.stdout).toContain('set KUBEPROOF_TEST_SCHEMAS');
    // It stopped at the check: npm ci did not start.
    expect(run.stdout).not.toContain('npm');
  });

  it('the tests that need it skip, printing why, and the others still run', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', 'test/core/validate/validate-manifests.test.ts'],
      {
        env: { ...process.env, KUBEPROOF_TEST_SCHEMAS: '/nonexistent-kubeproof-schemas', CI: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(0);
    expect(output).toContain('kubeproof tests skipped: they need the upstream Kubernetes schemas');
    expect(output).toMatch(/\d+ passed/);
    expect(output).toMatch(/\d+ skipped/);
  });
});

describe('the test pool', () => {
  it('uses at most half the cores and limits that hold on a loaded machine', () => {
    const test = config.test ?? {};
    expect(test.maxWorkers).toBeLessThanOrEqual(Math.max(1, Math.floor(availableParallelism() / 2)));
    expect(test.testTimeout).toBeGreaterThanOrEqual(30_000);
    expect(test.hookTimeout).toBeGreaterThanOrEqual(30_000);
  });
});

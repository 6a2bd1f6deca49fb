import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Many tests spawn the bundled CLI or an Action (each a Node process, `-n 2` two threads), so a test
 * worker can keep more than one core busy: half the cores, at least one (one on a 2-core machine).
 * `VITEST_MAX_WORKERS` still overrides it.
 */
const maxWorkers = Math.max(1, Math.floor(availableParallelism() / 2));

/** A spawned process can take seconds to start on a loaded machine: generous limits, never a verdict. */
const TIMEOUT_MS = 60_000;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers,
    testTimeout: TIMEOUT_MS,
    hookTimeout: TIMEOUT_MS,
  },
});

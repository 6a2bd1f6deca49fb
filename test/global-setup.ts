import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error: plain ESM build script without types
import { actionBuildOptions, buildOptions } from '../scripts/build-options.mjs';

/** Where the process-level tests find the freshly bundled CLI (inside node_modules so its dependencies resolve). */
export const TEST_BUNDLE_DIR = fileURLToPath(
  new URL('../node_modules/.cache/kubeproof-test', import.meta.url),
);

/**
 * Where they find the freshly bundled Actions: outside the project, with no node_modules above it,
 * as on a runner (an import the bundle failed to inline fails there as it would in a workflow).
 */
export const TEST_ACTIONS_DIR = join(
  tmpdir(),
  `kubeproof-test-actions-${createHash('sha256')
    .update(fileURLToPath(import.meta.url))
    .digest('hex')
    .slice(0, 12)}`,
);

/** Bundles the CLI and the Actions from the current sources, so process tests run exactly what `npm run build` ships. */
export default async function setup(): Promise<void> {
  mkdirSync(TEST_BUNDLE_DIR, { recursive: true });
  mkdirSync(TEST_ACTIONS_DIR, { recursive: true });
  await build(buildOptions(TEST_BUNDLE_DIR));
  await build(actionBuildOptions(TEST_ACTIONS_DIR));
}

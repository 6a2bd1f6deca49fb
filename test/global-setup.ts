import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error: plain ESM build script without types
import { buildOptions } from '../scripts/build-options.mjs';

/** Where the process-level tests find the freshly bundled CLI (inside node_modules so its dependencies resolve). */
export const TEST_BUNDLE_DIR = fileURLToPath(
  new URL('../node_modules/.cache/kubeproof-test', import.meta.url),
);

/** Bundles the CLI from the current sources, so process tests run exactly what `npm run build` ships. */
export default async function setup(): Promise<void> {
  mkdirSync(TEST_BUNDLE_DIR, { recursive: true });
  await build(buildOptions(TEST_BUNDLE_DIR));
}

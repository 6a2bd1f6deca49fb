// Bundles the entry points into dist/ (committed: `bin` points at the CLI, the Actions run from it).
import { build } from 'esbuild';
import { allBuildOptions } from './build-options.mjs';

for (const options of allBuildOptions('dist')) await build(options);

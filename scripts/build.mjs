// Bundles the entry points into dist/ (committed: `bin` points at it, the Actions will run from it).
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

await build(buildOptions('dist'));

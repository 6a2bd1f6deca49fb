/** esbuild options shared by `npm run build` and the test setup (which bundles into a temp folder). */
export function buildOptions(outdir) {
  return {
    entryPoints: { kubeproof: 'cli/kubeproof.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The offline schemas are thousands of modules loaded one kind at a time: keep them a runtime dependency.
    external: ['kubernetes-models', 'kubernetes-models/*'],
    banner: {
      js: "import { createRequire as __kpCreateRequire } from 'node:module'; const require = __kpCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

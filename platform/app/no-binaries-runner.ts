import type { ProcessRunner } from '../../core/render/external/process-runner.ts';

/**
 * The App's process runner: it runs nothing. The App serves every installation from one server, so
 * no repository's `.kubeproof.yaml` (the base's included) makes it run kustomize, kubectl or helm,
 * which read and fetch what the files say. Such environments are reported as not rendered.
 */
export const noBinariesRunner: ProcessRunner = {
  run: async () => ({ notFound: true }),
};

/** What a refused environment's finding tells the user to do. */
export const APP_RENDERER_HELP =
  'the kubeproof App renders only with the built-in Kustomize engine (renderer: builtin); check environments that need kustomize, kubectl or helm with the kubeproof Action';

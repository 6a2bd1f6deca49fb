/**
 * Every environment that needs an external tool, rendered in one batch: `renderer: kustomize`,
 * `kubectl` and `helm`. Environments with `builtin` or `none` are not for this module and are
 * left out of the results.
 */
import type { Environment } from '../environments/types.ts';
import { renderBatch } from './render-batch.ts';
import { helmEngine } from './render-helm.ts';
import { kustomizeBinaryEngine } from './render-with-kustomize-binary.ts';
import type { ExternalRenderBatch, ExternalRenderDeps } from './types.ts';

/** True when the environment is rendered by an external binary. */
export function needsExternalTool(environment: Environment): boolean {
  return (
    environment.renderer === 'kustomize' ||
    environment.renderer === 'kubectl' ||
    environment.renderer === 'helm'
  );
}

/**
 * Renders the environments whose renderer is `kustomize`, `kubectl` or `helm`, in the order given,
 * with one error finding per missing tool naming the environments it left unrendered.
 */
export function renderExternalEnvironments(
  environments: readonly Environment[],
  deps: ExternalRenderDeps,
): Promise<ExternalRenderBatch> {
  const kustomize = kustomizeBinaryEngine(deps);
  const helm = helmEngine(deps);
  const pick = (environment: Environment) => (environment.renderer === 'helm' ? helm : kustomize);
  return renderBatch(
    environments.filter(needsExternalTool),
    {
      tool: (environment) => pick(environment).tool(environment),
      render: (environment) => pick(environment).render(environment),
      anchor: (environment) => pick(environment).anchor(environment),
    },
    { concurrency: deps.concurrency ?? 4, command: (tool) => deps.commands?.[tool] ?? tool },
  );
}

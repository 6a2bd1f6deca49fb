import type { Environment, Renderer } from '../render/environments/types.ts';
import { needsExternalTool } from '../render/external/render-external.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import type { RuleId } from '../rules/rule-catalog.ts';

export const RENDERER_REFUSED_RULE = 'renderer-refused' satisfies RuleId;

/**
 * Which binaries the head's `.kubeproof.yaml` may have kubeproof run, when the head is not trusted
 * (a pull request): `kustomize`, `kubectl` and `helm` would run on files the pull request controls,
 * and `kubectl kustomize` fetches remote resources.
 */
export interface TrustedRenderers {
  /** Allowed by whoever runs the check (an action input). */
  renderers: readonly Renderer[];
  /** What to do about a refusal, said in its finding: "allow it in … or with the input …". */
  help: string;
}

/** The renderers allowed: the given ones, plus the binaries the base's own config already runs. */
export function trustedRendererSet(
  trusted: TrustedRenderers,
  baseEnvironments: readonly Environment[],
): Set<Renderer> {
  const set = new Set<Renderer>(trusted.renderers);
  for (const environment of baseEnvironments)
    if (environment.source === 'config' && needsExternalTool(environment)) set.add(environment.renderer);
  return set;
}

/** True for an environment of the head's config that needs a binary the base did not allow. */
export function isRefused(environment: Environment, allowed: ReadonlySet<Renderer>): boolean {
  return (
    environment.source === 'config' && needsExternalTool(environment) && !allowed.has(environment.renderer)
  );
}

/** The refused environment as not rendered, with an error that says why and what to do. */
export function refusedEnvironment(
  environment: Environment,
  configPath: string,
  help: string,
): RenderedEnvironment {
  return {
    environment,
    ok: false,
    resources: [],
    findings: [
      {
        ruleId: RENDERER_REFUSED_RULE,
        severity: 'error',
        message:
          `environment ${environment.name} needs the ${environment.renderer} binary, which only the change's ` +
          `${configPath} asks for: kubeproof does not run binaries on files a pull request controls unless ` +
          `the base allows it, so it is not rendered; ${help}`,
        path: configPath,
      },
    ],
  };
}

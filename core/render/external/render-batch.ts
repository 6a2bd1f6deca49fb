/**
 * Rendering a list of environments with external tools: a few processes at a time, and one
 * finding per missing tool instead of one per environment.
 */
import type { Finding } from '../../findings.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import type { Environment } from '../environments/types.ts';
import { mapLimited } from './process-output.ts';
import type { ExternalRenderBatch, ExternalRenderResult, ExternalTool } from './types.ts';

/** ruleId of the finding that a tool is not installed. */
export const MISSING_TOOL_RULE = 'renderer-missing' satisfies RuleId;

/** How one kind of environment is rendered. */
export interface ExternalEngine {
  tool(environment: Environment): ExternalTool;
  /** Renders one environment; a missing tool is a result with `missingTool` set. */
  render(environment: Environment): Promise<ExternalRenderResult>;
  /** The repository file findings about the environment point at (its kustomization, Chart.yaml). */
  anchor(environment: Environment): Promise<string>;
}

const ADVICE: Record<ExternalTool, string> = {
  kustomize:
    'Install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/), or set `renderer: builtin` for these environments in .kubeproof.yaml to use kubeproof’s built-in kustomize engine.',
  kubectl:
    'Install kubectl (https://kubernetes.io/docs/tasks/tools/), or set `renderer: builtin` for these environments in .kubeproof.yaml to use kubeproof’s built-in kustomize engine.',
  helm: 'Install Helm 3 (https://helm.sh/docs/intro/install/): kubeproof has no built-in Helm engine.',
};

/**
 * The one finding for a tool that is not installed: an error, so environments that were not
 * rendered are never a silent pass. `command` is the command that was not found.
 */
export function missingToolFinding(
  tool: ExternalTool,
  command: string,
  environments: readonly Environment[],
  path: string,
): Finding {
  const who = command === tool ? tool : `${tool} (${command})`;
  const count = environments.length;
  const names = environments.map((environment) => environment.name).join(', ');
  const message = `${who} is not installed: ${count} environment${count === 1 ? '' : 's'} not rendered (${names}). ${ADVICE[tool]}`;
  return { ruleId: MISSING_TOOL_RULE, severity: 'error', message, path };
}

/**
 * Renders `environments` with `engine`, `concurrency` at a time. Once a tool is known to be
 * missing, the environments that need it are not tried again.
 */
export async function renderBatch(
  environments: readonly Environment[],
  engine: ExternalEngine,
  options: { concurrency: number; command(tool: ExternalTool): string },
): Promise<ExternalRenderBatch> {
  const missing = new Set<ExternalTool>();
  const results = await mapLimited(environments, options.concurrency, async (environment) => {
    const tool = engine.tool(environment);
    if (missing.has(tool)) return { environment: environment.name, findings: [], missingTool: tool };
    const result = await engine.render(environment);
    if (result.missingTool) missing.add(result.missingTool);
    return result;
  });
  const findings: Finding[] = [];
  const byTool = new Map<ExternalTool, Environment[]>();
  for (const [index, result] of results.entries()) {
    if (!result.missingTool) continue;
    const list = byTool.get(result.missingTool) ?? [];
    list.push(environments[index] as Environment);
    byTool.set(result.missingTool, list);
  }
  for (const [tool, list] of byTool) {
    const path = await engine.anchor(list[0] as Environment);
    findings.push(missingToolFinding(tool, options.command(tool), list, path));
  }
  return { results, findings };
}

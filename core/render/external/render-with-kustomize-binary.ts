/**
 * Environments with `renderer: kustomize` or `renderer: kubectl`: the folder, on disk at
 * `repoRoot/<path>`, is built by `kustomize build <dir>` or `kubectl kustomize <dir>` with no
 * other flag, as Argo CD and `kustomize build` users run it (load restrictor `rootOnly`, no plugins).
 * https://kubectl.docs.kubernetes.io/references/kustomize/cmd/build/
 */
import type { Finding } from '../../findings.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import type { Environment } from '../environments/types.ts';
import { folderPrefix, showPath } from '../environments/repo-path.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import type { FileSource } from '../../files/file-source.ts';
import { diskPath, runProblem, stderrSummary } from './process-output.ts';
import { isNotFound } from './process-runner.ts';
import { renderBatch, type ExternalEngine } from './render-batch.ts';
import {
  DEFAULT_TIMEOUT_MS,
  type ExternalRenderBatch,
  type ExternalRenderDeps,
  type ExternalRenderResult,
} from './types.ts';

/** ruleId of the findings of a kustomize build (the same as the built-in engine's). */
export const KUSTOMIZE_BUILD_RULE = 'kustomize-build' satisfies RuleId;

/** The command line for a folder: `kustomize build <dir>` or `kubectl kustomize <dir>`. */
export function kustomizeCommandLine(
  renderer: 'kustomize' | 'kubectl',
  dir: string,
): { tool: 'kustomize' | 'kubectl'; args: string[] } {
  return renderer === 'kubectl'
    ? { tool: 'kubectl', args: ['kustomize', dir] }
    : { tool: 'kustomize', args: ['build', dir] };
}

/** The folder's kustomization file under the name present, `<folder>/kustomization.yaml` when none is. */
export async function kustomizationFile(files: FileSource, folder: string): Promise<string> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = `${folderPrefix(folder)}${name}`;
    if ((await files.readFile(path)) !== undefined) return path;
  }
  return `${folderPrefix(folder)}kustomization.yaml`;
}

function rendererOf(environment: Environment): 'kustomize' | 'kubectl' {
  return environment.renderer === 'kubectl' ? 'kubectl' : 'kustomize';
}

/**
 * Builds one environment with the kustomize or kubectl binary. A failed build is an error finding
 * on the folder's kustomization file carrying the first lines of the binary's stderr; warnings it
 * prints on success are a notice; a missing binary is a result with `missingTool` and no finding
 * (the batch summarises them).
 */
export async function renderWithKustomizeBinary(
  environment: Environment,
  deps: ExternalRenderDeps,
): Promise<ExternalRenderResult> {
  const { tool, args } = kustomizeCommandLine(
    rendererOf(environment),
    diskPath(deps.repoRoot, environment.path),
  );
  const command = deps.commands?.[tool] ?? tool;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcome = await deps.runner.run(command, args, {
    cwd: diskPath(deps.repoRoot, ''),
    timeoutMs,
    ...(deps.env ? { env: deps.env } : {}),
  });
  if (isNotFound(outcome)) return { environment: environment.name, findings: [], missingTool: tool };
  const what = `${tool === 'kubectl' ? 'kubectl kustomize' : 'kustomize build'} ${showPath(environment.path)}`;
  const path = await kustomizationFile(deps.files, environment.path);
  const problem = runProblem(outcome, what, timeoutMs, deps.repoRoot);
  if (problem !== undefined) {
    const finding: Finding = { ruleId: KUSTOMIZE_BUILD_RULE, severity: 'error', message: problem, path };
    return { environment: environment.name, findings: [finding] };
  }
  const findings: Finding[] = [];
  const warnings = stderrSummary(outcome.stderr, deps.repoRoot);
  if (warnings !== '')
    findings.push({
      ruleId: KUSTOMIZE_BUILD_RULE,
      severity: 'notice',
      message: `${what}: ${warnings}`,
      path,
    });
  return { environment: environment.name, yaml: outcome.stdout, findings };
}

/** The engine for `renderer: kustomize` / `renderer: kubectl` environments. */
export function kustomizeBinaryEngine(deps: ExternalRenderDeps): ExternalEngine {
  return {
    tool: rendererOf,
    render: (environment) => renderWithKustomizeBinary(environment, deps),
    anchor: (environment) => kustomizationFile(deps.files, environment.path),
  };
}

/**
 * Builds every environment with its binary; each missing binary is one error finding naming the
 * environments it left unrendered.
 */
export function renderWithKustomizeBinaries(
  environments: readonly Environment[],
  deps: ExternalRenderDeps,
): Promise<ExternalRenderBatch> {
  return renderBatch(environments, kustomizeBinaryEngine(deps), {
    concurrency: deps.concurrency ?? 4,
    command: (tool) => deps.commands?.[tool] ?? tool,
  });
}

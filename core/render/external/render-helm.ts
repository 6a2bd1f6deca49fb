/**
 * Environments with `renderer: helm`: `helm template` over a chart folder of the repository, on
 * disk at `repoRoot/<chart>` (helm-template-args.ts lists the flags and why).
 */
import type { Finding } from '../../findings.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import { folderPrefix, showPath } from '../environments/repo-path.ts';
import type { Environment, HelmSettings } from '../environments/types.ts';
import type { FileSource } from '../../files/file-source.ts';
import { helmReleaseName, helmTemplateCommandLine } from './helm-template-args.ts';
import { runProblem, stderrSummary } from './process-output.ts';
import { isNotFound } from './process-runner.ts';
import { renderBatch, type ExternalEngine } from './render-batch.ts';
import {
  DEFAULT_TIMEOUT_MS,
  type ExternalRenderBatch,
  type ExternalRenderDeps,
  type ExternalRenderResult,
} from './types.ts';

/** ruleId of the findings of `helm template`. */
export const HELM_TEMPLATE_RULE = 'helm-template' satisfies RuleId;

/**
 * A release name helm accepts: a DNS-1123 subdomain of at most 53 characters.
 * https://helm.sh/docs/chart_best_practices/conventions/ (pkg/chartutil ValidateReleaseName)
 */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_RELEASE_NAME = 53;

/** The environment's Helm settings; without any, the environment's folder is the chart. */
export function helmSettingsOf(environment: Environment): HelmSettings {
  return environment.helm ?? { chart: environment.path, valuesFiles: [] };
}

function chartFile(settings: HelmSettings): string {
  return `${folderPrefix(settings.chart)}Chart.yaml`;
}

/** Where helm's error points in the chart (`template: web/templates/x.yaml:12:5: ...`). */
async function errorLocation(
  files: FileSource,
  settings: HelmSettings,
  stderr: string,
): Promise<Partial<Finding>> {
  const match =
    /(?:template: |YAML parse error on |error at \()[\w.-]+\/([^\s:()]+)(?::(\d+))?(?::(\d+))?/.exec(stderr);
  if (!match) return {};
  const path = `${folderPrefix(settings.chart)}${match[1] as string}`;
  if ((await files.readFile(path)) === undefined) return {};
  const location: Partial<Finding> = { path };
  if (match[2] !== undefined) location.line = Number(match[2]);
  if (match[3] !== undefined) location.column = Number(match[3]);
  return location;
}

interface ValuesCheck {
  present: string[];
  findings: Finding[];
}

/** The values files that exist; a missing one is an error unless `ignoreMissingValueFiles`. */
async function checkValuesFiles(
  environment: Environment,
  settings: HelmSettings,
  files: FileSource,
): Promise<ValuesCheck> {
  const check: ValuesCheck = { present: [], findings: [] };
  const path = environment.declaredIn?.[0] ?? chartFile(settings);
  for (const file of settings.valuesFiles) {
    if ((await files.readFile(file)) !== undefined) check.present.push(file);
    else if (settings.ignoreMissingValueFiles) {
      const message = `environment ${environment.name}: Helm values file ${file} does not exist; skipped (ignoreMissingValueFiles)`;
      check.findings.push({ ruleId: HELM_TEMPLATE_RULE, severity: 'notice', message, path });
    } else {
      const message = `environment ${environment.name}: Helm values file ${file} does not exist; not rendered`;
      check.findings.push({ ruleId: HELM_TEMPLATE_RULE, severity: 'error', message, path });
    }
  }
  return check;
}

/**
 * Renders one environment with `helm template`. Problems are error findings (on the template
 * file and line helm names when it is in the repository, else on Chart.yaml): an invalid release
 * name, a missing values file, a failed or timed-out run. A missing helm is a result with
 * `missingTool` and no finding (the batch summarises them).
 */
export async function renderHelm(
  environment: Environment,
  deps: ExternalRenderDeps,
): Promise<ExternalRenderResult> {
  const settings = helmSettingsOf(environment);
  const name = environment.name;
  const anchor = chartFile(settings);
  const release = helmReleaseName(environment, settings);
  if (release.length > MAX_RELEASE_NAME || !RELEASE_NAME.test(release)) {
    const message = `environment ${name}: ${JSON.stringify(release)} is not a Helm release name (lowercase letters, digits, '-' and '.', at most ${MAX_RELEASE_NAME} characters); set helm.releaseName`;
    return {
      environment: name,
      findings: [{ ruleId: HELM_TEMPLATE_RULE, severity: 'error', message, path: anchor }],
    };
  }
  const values = await checkValuesFiles(environment, settings, deps.files);
  if (values.findings.some((finding) => finding.severity === 'error'))
    return { environment: name, findings: values.findings };

  const commandLine = helmTemplateCommandLine(environment, settings, deps.repoRoot, values.present);
  const command = deps.commands?.helm ?? 'helm';
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcome = await deps.runner.run(command, commandLine.args, {
    cwd: commandLine.cwd,
    timeoutMs,
    ...(commandLine.input !== undefined ? { input: commandLine.input } : {}),
    ...(deps.env ? { env: deps.env } : {}),
  });
  if (isNotFound(outcome)) return { environment: name, findings: values.findings, missingTool: 'helm' };
  const what = `helm template ${showPath(settings.chart)}`;
  const findings = [...values.findings];
  const problem = runProblem(outcome, what, timeoutMs, deps.repoRoot);
  if (problem !== undefined) {
    const location = outcome.killed ? {} : await errorLocation(deps.files, settings, outcome.stderr);
    findings.push({
      ruleId: HELM_TEMPLATE_RULE,
      severity: 'error',
      message: problem,
      path: anchor,
      ...location,
    });
    return { environment: name, findings };
  }
  const warnings = stderrSummary(outcome.stderr, deps.repoRoot);
  if (warnings !== '')
    findings.push({
      ruleId: HELM_TEMPLATE_RULE,
      severity: 'notice',
      message: `${what}: ${warnings}`,
      path: anchor,
    });
  return { environment: name, yaml: outcome.stdout, findings };
}

/** The engine for `renderer: helm` environments. */
export function helmEngine(deps: ExternalRenderDeps): ExternalEngine {
  return {
    tool: () => 'helm',
    render: (environment) => renderHelm(environment, deps),
    anchor: async (environment) => chartFile(helmSettingsOf(environment)),
  };
}

/**
 * Renders every environment with `helm template`. Without helm: one error finding, "helm is not
 * installed: N environments not rendered (names)", so the run never passes silently.
 */
export function renderHelmEnvironments(
  environments: readonly Environment[],
  deps: ExternalRenderDeps,
): Promise<ExternalRenderBatch> {
  return renderBatch(environments, helmEngine(deps), {
    concurrency: deps.concurrency ?? 4,
    command: () => deps.commands?.helm ?? 'helm',
  });
}

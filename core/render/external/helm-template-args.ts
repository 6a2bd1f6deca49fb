/**
 * The `helm template` command line for a chart in the repository. Flags, and why:
 * - `--namespace <ns>` always (default `default`): without it helm takes the namespace of the
 *   machine's kubeconfig context, and the output would depend on the machine.
 * - `--include-crds` unless `skipCrds`: plain `helm template` leaves the chart's `crds/` out, but
 *   Argo CD (unless `skipCrds`) and Flux (`install.crds: Create`, the default) apply them.
 * - `--skip-tests` when `skipTests`: Argo CD's `skipTests`; Flux runs tests only when `test.enable`.
 * - `--kube-version` from the settings or the environment's `kubernetesVersion`, so
 *   `.Capabilities.KubeVersion` matches the version validated against; `--api-versions` as given.
 * - `-f <file>` per values file in merge order, then `-f -` (stdin) for inline values, then
 *   `--set` / `--set-string` / `--set-file`: Argo CD's precedence (parameters over inline values
 *   over files). https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#helm-value-precedence
 * https://helm.sh/docs/helm/helm_template/
 */
import type { Environment, HelmParameter, HelmSettings } from '../environments/types.ts';
import { diskPath } from './process-output.ts';

export interface HelmCommandLine {
  args: string[];
  /** Inline values for `-f -`. */
  input?: string;
  /** The chart's folder on disk. */
  cwd: string;
}

/** Helm's default when no namespace is set. */
export const DEFAULT_HELM_NAMESPACE = 'default';

/**
 * A `--set` value as Argo CD passes it: commas are escaped (helm's `--set` would split on them)
 * unless already escaped or the value is a `{a,b}` list.
 * https://github.com/argoproj/argo-cd/blob/master/util/helm/cmd.go (cleanSetParameters)
 */
export function escapeSetValue(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return value;
  return value.replace(/(?<!\\),/g, '\\,');
}

function parameterArgs(parameter: HelmParameter, repoRoot: string): string[] {
  if (parameter.flag === 'set-file')
    return ['--set-file', `${parameter.name}=${diskPath(repoRoot, parameter.value)}`];
  return [`--${parameter.flag}`, `${parameter.name}=${escapeSetValue(parameter.value)}`];
}

/** The release name: the settings' or the environment's name. */
export function helmReleaseName(environment: Environment, settings: HelmSettings): string {
  return settings.releaseName ?? environment.name;
}

/**
 * `helm template <release> <chartDir> --namespace <ns> [flags] -f <file>... [-f -] [--set ...]`.
 * `valuesFiles` are the repository-relative files to pass (the settings' files that exist).
 */
export function helmTemplateCommandLine(
  environment: Environment,
  settings: HelmSettings,
  repoRoot: string,
  valuesFiles: readonly string[] = settings.valuesFiles,
): HelmCommandLine {
  const chartDir = diskPath(repoRoot, settings.chart);
  const args = ['template', helmReleaseName(environment, settings), chartDir];
  args.push('--namespace', settings.namespace ?? DEFAULT_HELM_NAMESPACE);
  if (!settings.skipCrds) args.push('--include-crds');
  if (settings.skipTests) args.push('--skip-tests');
  const kubeVersion = settings.kubeVersion ?? environment.kubernetesVersion;
  if (kubeVersion !== undefined) args.push('--kube-version', kubeVersion);
  for (const apiVersion of settings.apiVersions ?? []) args.push('--api-versions', apiVersion);
  for (const file of valuesFiles) args.push('-f', diskPath(repoRoot, file));
  if (settings.values !== undefined) args.push('-f', '-');
  for (const parameter of settings.parameters ?? []) args.push(...parameterArgs(parameter, repoRoot));
  const commandLine: HelmCommandLine = { args, cwd: chartDir };
  if (settings.values !== undefined) commandLine.input = settings.values;
  return commandLine;
}

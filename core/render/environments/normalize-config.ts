import { normalizeRepoPath } from './repo-path.ts';
import type { EnvironmentConfig, KubeproofConfig } from './types.ts';

function normal(path: string): string {
  // Paths that are absolute or leave the repository stay as written: check-config reports them.
  return normalizeRepoPath(path) ?? path;
}

function normalizeEnvironment(environment: EnvironmentConfig): EnvironmentConfig {
  const out: EnvironmentConfig = { ...environment, path: normal(environment.path) };
  if (environment.helm) {
    out.helm = {
      ...environment.helm,
      chart: normal(environment.helm.chart),
      valuesFiles: (environment.helm.valuesFiles ?? []).map(normal),
    };
  }
  return out;
}

/** A schema-valid config with repository paths in their canonical form (`./envs/prod/` -> `envs/prod`). */
export function normalizeConfig(config: KubeproofConfig): KubeproofConfig {
  if (!config.environments) return config;
  return { ...config, environments: config.environments.map(normalizeEnvironment) };
}

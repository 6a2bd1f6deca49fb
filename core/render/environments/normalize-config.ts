import { normalizeRepoPath } from './repo-path.ts';
import type {
  EnvironmentConfig,
  PolicyConfig,
  PolicyRuleSetting,
  WrittenPolicyConfig,
  WrittenPolicyRuleSetting,
  HelmSettings,
  KubeproofConfig,
  WrittenHelmConfig,
  WrittenKubeproofConfig,
} from './types.ts';

type WrittenEnvironment = NonNullable<WrittenKubeproofConfig['environments']>[number];

function normal(path: string): string {
  // Paths that are absolute or leave the repository stay as written: check-config reports them.
  return normalizeRepoPath(path) ?? path;
}

function normalizeHelm(helm: WrittenHelmConfig): HelmSettings {
  const { values, parameters, ...rest } = helm;
  const out: HelmSettings = {
    ...rest,
    chart: normal(helm.chart),
    valuesFiles: (helm.valuesFiles ?? []).map(normal),
  };
  // Inline values travel as YAML text (JSON is YAML), as Argo CD's and Flux's do.
  if (values !== undefined) out.values = `${JSON.stringify(values, null, 2)}\n`;
  if (parameters !== undefined) {
    out.parameters = parameters.map(({ name, value, flag = 'set' }) => ({
      flag,
      name,
      value: flag === 'set-file' ? normal(value) : value,
    }));
  }
  return out;
}

function normalizeEnvironment(environment: WrittenEnvironment): EnvironmentConfig {
  const { helm, ...rest } = environment;
  const out: EnvironmentConfig = { ...rest, path: normal(environment.path) };
  if (helm) out.helm = normalizeHelm(helm);
  return out;
}

function normalizeRules(
  rules: Record<string, WrittenPolicyRuleSetting> | undefined,
): Record<string, PolicyRuleSetting> | undefined {
  if (rules === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(rules).map(([id, setting]) => [
      id,
      setting === false ? 'off' : setting === true ? 'on' : setting,
    ]),
  );
}

function normalizePolicy(policy: WrittenPolicyConfig): PolicyConfig {
  const { admissionPolicies, rules, environments, ...rest } = policy;
  const out: PolicyConfig = { ...rest };
  const global = normalizeRules(rules);
  if (global !== undefined) out.rules = global;
  if (environments !== undefined)
    out.environments = Object.fromEntries(
      Object.entries(environments).map(([name, settings]) => {
        const own = normalizeRules(settings.rules);
        return [name, own === undefined ? {} : { rules: own }];
      }),
    );
  if (admissionPolicies !== undefined) out.admissionPolicies = admissionPolicies.map(normal);
  return out;
}

/**
 * A schema-valid config with repository paths in their canonical form (`./envs/prod/` -> `envs/prod`),
 * inline Helm values as text and every Helm parameter's flag spelled out.
 */
export function normalizeConfig(config: WrittenKubeproofConfig): KubeproofConfig {
  const { environments, policy, ...rest } = config;
  const out: KubeproofConfig = rest;
  if (policy !== undefined) out.policy = normalizePolicy(policy);
  if (!environments) return out;
  return { ...out, environments: environments.map(normalizeEnvironment) };
}

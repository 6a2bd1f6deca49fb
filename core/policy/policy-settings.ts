import { namesEnvironment } from '../render/environments/check-policy-config.ts';
import type { KubeproofConfig, PolicyRuleSetting } from '../render/environments/types.ts';
import type { RuleId } from '../rules/rule-catalog.ts';

/** What `.kubeproof.yaml` says about policy in one environment. */
export interface EnvironmentPolicySettings {
  /** A rule's setting: the environment's (`policy.environments`), else `policy.rules`; undefined: its default. */
  setting(ruleId: RuleId): PolicyRuleSetting | undefined;
  production: boolean;
  protected: boolean;
  mutableTags: string[];
}

/**
 * The policy settings of one environment. Production is `policy.production` when given, else the
 * last of `promotion.order` (as the report marks it); protected is `promotion.protected`. A name
 * may be an environment's whole name or the stage of an APP/STAGE environment.
 */
export function environmentPolicySettings(
  config: KubeproofConfig | undefined,
  environment: string,
): EnvironmentPolicySettings {
  const policy = config?.policy;
  const order = config?.promotion?.order ?? [];
  const production = policy?.production ?? (order.length > 1 ? order.slice(-1) : []);
  const own = Object.entries(policy?.environments ?? {})
    .filter(([name]) => namesEnvironment([name], environment))
    // The whole name wins over a stage.
    .sort(([a], [b]) => Number(a === environment) - Number(b === environment))
    .map(([, settings]) => settings.rules ?? {});
  const global = policy?.rules ?? {};
  return {
    setting(ruleId) {
      for (const rules of own.slice().reverse()) if (Object.hasOwn(rules, ruleId)) return rules[ruleId];
      return Object.hasOwn(global, ruleId) ? global[ruleId] : undefined;
    },
    production: namesEnvironment(production, environment),
    protected: namesEnvironment(config?.promotion?.protected, environment),
    mutableTags: config?.promotion?.mutableTags ?? [],
  };
}

import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';

/**
 * `duplicate-env`: a container's `env` names a variable twice; the last entry wins. The message
 * names the variable, never its value.
 */
export function duplicateEnv(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers) {
      const env = site.container['env'];
      if (!Array.isArray(env)) continue;
      const first = new Map<string, number>();
      env.forEach((entry, index) => {
        if (!isJsonObject(entry) || typeof entry['name'] !== 'string') return;
        const name = entry['name'];
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, index);
          return;
        }
        hits.push({
          ruleId: 'duplicate-env',
          resource: pod.resource,
          pointer: `${site.pointer}/env/${index}/name`,
          message: `${workloadLabel(pod)}: ${containerLabel(site)} sets ${name} twice (env[${earlier}] and env[${index}]); only the last counts`,
        });
      });
    }
  return hits;
}

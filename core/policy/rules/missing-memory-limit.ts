import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, deepestPointer, workloadLabel } from '../pod-specs.ts';

/** `missing-memory-limit`: a container (or init container) without `resources.limits.memory`. */
export function missingMemoryLimit(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers) {
      if (site.list === 'ephemeralContainers') continue;
      const resources = site.container['resources'];
      const limits = isJsonObject(resources) ? resources['limits'] : undefined;
      if (isJsonObject(limits) && limits['memory'] !== undefined && limits['memory'] !== null) continue;
      const object = context.resources[pod.resource]?.object ?? {};
      hits.push({
        ruleId: 'missing-memory-limit',
        resource: pod.resource,
        pointer: deepestPointer(object, site.pointer, ['resources', 'limits']),
        message: `${workloadLabel(pod)}: ${containerLabel(site)} has no memory limit: set resources.limits.memory`,
      });
    }
  return hits;
}

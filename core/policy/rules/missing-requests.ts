import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, deepestPointer, workloadLabel } from '../pod-specs.ts';

function has(resources: unknown, section: string, name: string): boolean {
  if (!isJsonObject(resources)) return false;
  const values = resources[section];
  return isJsonObject(values) && values[name] !== undefined && values[name] !== null;
}

/**
 * `missing-requests`: a container (or init container) without a CPU or a memory request. A limit
 * without a request counts as the request: Kubernetes copies it
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
 */
export function missingRequests(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers) {
      if (site.list === 'ephemeralContainers') continue;
      const resources = site.container['resources'];
      const missing = ['cpu', 'memory'].filter(
        (name) => !has(resources, 'requests', name) && !has(resources, 'limits', name),
      );
      if (missing.length === 0) continue;
      const object = context.resources[pod.resource]?.object ?? {};
      hits.push({
        ruleId: 'missing-requests',
        resource: pod.resource,
        pointer: deepestPointer(object, site.pointer, ['resources', 'requests']),
        message: `${workloadLabel(pod)}: ${containerLabel(site)} requests no ${missing.join(' and no ')}: set resources.requests`,
      });
    }
  return hits;
}

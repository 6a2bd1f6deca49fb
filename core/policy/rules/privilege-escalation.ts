import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, deepestPointer, workloadLabel } from '../pod-specs.ts';
import { containerSecurity } from './security-context.ts';

/**
 * `privilege-escalation`: a container that does not set `allowPrivilegeEscalation: false` (unset
 * means allowed, https://kubernetes.io/docs/tasks/configure-pod-container/security-context/).
 */
export function privilegeEscalation(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers) {
      const value = containerSecurity(site)['allowPrivilegeEscalation'];
      if (value === false) continue;
      const object = context.resources[pod.resource]?.object ?? {};
      hits.push({
        ruleId: 'privilege-escalation',
        resource: pod.resource,
        pointer: deepestPointer(object, site.pointer, ['securityContext', 'allowPrivilegeEscalation']),
        message: `${workloadLabel(pod)}: ${containerLabel(site)} ${value === true ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation: false'}`,
      });
    }
  return hits;
}

import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { containerSecurity } from './security-context.ts';

/** `privileged-container`: `securityContext.privileged: true` on any container. */
export function privilegedContainer(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers)
      if (containerSecurity(site)['privileged'] === true)
        hits.push({
          ruleId: 'privileged-container',
          resource: pod.resource,
          pointer: `${site.pointer}/securityContext/privileged`,
          message: `${workloadLabel(pod)}: ${containerLabel(site)} runs privileged, with the devices and every capability of its node`,
        });
  return hits;
}

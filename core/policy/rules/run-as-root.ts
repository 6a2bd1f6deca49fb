import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { containerSecurity, podSecurity } from './security-context.ts';

/**
 * `run-as-root`: a container whose user is root (`runAsUser: 0`, the container's or else the
 * pod's), or may be: no `runAsNonRoot: true` and no non-zero `runAsUser`, so the image decides.
 * Windows pods (`spec.os.name: windows`) are left out: these fields do not apply to them.
 */
export function runAsRoot(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods) {
    const os = pod.spec['os'];
    if (isJsonObject(os) && os['name'] === 'windows') continue;
    const podContext = podSecurity(pod);
    for (const site of pod.containers) {
      if (site.list === 'ephemeralContainers') continue;
      const own = containerSecurity(site);
      const user = own['runAsUser'] ?? podContext['runAsUser'];
      const nonRoot = own['runAsNonRoot'] ?? podContext['runAsNonRoot'];
      const where =
        own['runAsUser'] !== undefined
          ? `${site.pointer}/securityContext/runAsUser`
          : `${pod.pointer}/securityContext/runAsUser`;
      const label = `${workloadLabel(pod)}: ${containerLabel(site)}`;
      if (user === 0)
        hits.push({
          ruleId: 'run-as-root',
          resource: pod.resource,
          pointer: where,
          message:
            nonRoot === true
              ? `${label} sets runAsUser: 0 and runAsNonRoot: true: the kubelet refuses to start it`
              : `${label} runs as root (runAsUser: 0)`,
        });
      else if (nonRoot !== true && typeof user !== 'number')
        hits.push({
          ruleId: 'run-as-root',
          resource: pod.resource,
          pointer: site.pointer,
          message: `${label} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set, so the image decides`,
        });
    }
  }
  return hits;
}

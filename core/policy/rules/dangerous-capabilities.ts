import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { containerSecurity } from './security-context.ts';

/**
 * The capabilities the Pod Security Standards' baseline profile lets a container add; any other is
 * reported (https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline).
 */
const BASELINE = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** `dangerous-capabilities`: `securityContext.capabilities.add` beyond the baseline. */
export function dangerousCapabilities(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const site of pod.containers) {
      const capabilities = containerSecurity(site)['capabilities'];
      const added = isJsonObject(capabilities) ? capabilities['add'] : undefined;
      if (!Array.isArray(added)) continue;
      added.forEach((capability, index) => {
        if (typeof capability !== 'string') return;
        const name = capability.toUpperCase().replace(/^CAP_/, '');
        if (BASELINE.has(name)) return;
        hits.push({
          ruleId: 'dangerous-capabilities',
          resource: pod.resource,
          pointer: `${site.pointer}/securityContext/capabilities/add/${index}`,
          message: `${workloadLabel(pod)}: ${containerLabel(site)} adds the capability ${capability}, beyond the Pod Security Standards baseline`,
        });
      });
    }
  return hits;
}

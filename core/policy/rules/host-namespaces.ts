import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { workloadLabel } from '../pod-specs.ts';

const NAMESPACES = { hostNetwork: 'network', hostPID: 'process', hostIPC: 'IPC' } as const;

/** `host-namespaces`: a pod with `hostNetwork`, `hostPID` or `hostIPC` set to true. */
export function hostNamespaces(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const [field, what] of Object.entries(NAMESPACES))
      if (pod.spec[field] === true)
        hits.push({
          ruleId: 'host-namespaces',
          resource: pod.resource,
          pointer: `${pod.pointer}/${field}`,
          message: `${workloadLabel(pod)} shares the ${what} namespace of its node (${field}: true)`,
        });
  return hits;
}

import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';

/**
 * The kinds that run until stopped. Jobs and CronJobs finish, and a bare Pod is most often a
 * one-off (a test hook): they are not asked for probes.
 */
const LONG_RUNNING = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
]);

/** `missing-probes`: a long-running workload's container without a liveness or a readiness probe. */
export function missingProbes(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods) {
    if (!LONG_RUNNING.has(pod.kind)) continue;
    for (const site of pod.containers) {
      if (site.list !== 'containers') continue;
      const missing = ['livenessProbe', 'readinessProbe'].filter((probe) => site.container[probe] == null);
      if (missing.length === 0) continue;
      hits.push({
        ruleId: 'missing-probes',
        resource: pod.resource,
        pointer: site.pointer,
        message: `${workloadLabel(pod)}: ${containerLabel(site)} has no ${missing.join(' and no ')}`,
      });
    }
  }
  return hits;
}

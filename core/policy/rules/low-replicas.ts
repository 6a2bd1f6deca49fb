import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { sameNamespace } from '../label-selector.ts';
import { resourceName } from '../pod-specs.ts';

/** Kinds with `spec.replicas` (a DaemonSet runs one pod per node; a Job finishes). */
const SCALED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

interface Autoscaler {
  namespace: string | undefined;
  minimum: number;
}

/** The HorizontalPodAutoscalers of the environment, by `kind/name` of what they scale. */
function autoscalers(context: PolicyContext): Map<string, Autoscaler[]> {
  const byTarget = new Map<string, Autoscaler[]>();
  for (const { object } of context.resources) {
    if (object['kind'] !== 'HorizontalPodAutoscaler') continue;
    const spec = object['spec'];
    if (!isJsonObject(spec) || !isJsonObject(spec['scaleTargetRef'])) continue;
    const target = spec['scaleTargetRef'];
    const key = `${String(target['kind'])}/${String(target['name'])}`;
    const minimum = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
    byTarget.set(key, [...(byTarget.get(key) ?? []), { namespace: resourceName(object).namespace, minimum }]);
  }
  return byTarget;
}

/**
 * `low-replicas`: in a production environment, a workload with one replica (`spec.replicas` unset
 * is 1), or scaled by a HorizontalPodAutoscaler whose `minReplicas` is below 2. `replicas: 0` is a
 * workload switched off on purpose and is left out.
 */
export function lowReplicas(context: PolicyContext): PolicyHit[] {
  if (!context.production) return [];
  const hits: PolicyHit[] = [];
  const scaled = autoscalers(context);
  context.resources.forEach(({ object }, index) => {
    const kind = object['kind'];
    if (typeof kind !== 'string' || !SCALED.has(kind)) return;
    const spec = object['spec'];
    if (!isJsonObject(spec)) return;
    const { name, namespace } = resourceName(object);
    const minimum = scaled
      .get(`${kind}/${name}`)
      ?.find((autoscaler) => sameNamespace(autoscaler.namespace, namespace))?.minimum;
    if (minimum !== undefined) {
      if (minimum >= 2) return;
      hits.push({
        ruleId: 'low-replicas',
        resource: index,
        pointer: '/spec',
        message: `${kind} ${name} can scale down to ${minimum} replica in production environment ${context.environment} (its HorizontalPodAutoscaler's minReplicas): set minReplicas to 2 or more`,
      });
      return;
    }
    const replicas = spec['replicas'] ?? 1;
    if (typeof replicas !== 'number' || replicas === 0 || replicas >= 2) return;
    hits.push({
      ruleId: 'low-replicas',
      resource: index,
      pointer: spec['replicas'] === undefined ? '/spec' : '/spec/replicas',
      message: `${kind} ${name} runs ${replicas} replica${spec['replicas'] === undefined ? ' (replicas is not set)' : ''} in production environment ${context.environment}: one failure stops it; set replicas to 2 or more`,
    });
  });
  return hits;
}

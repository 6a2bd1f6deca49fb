import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { mapSelectorMatches, selectorMatches } from '../label-selector.ts';
import { stringMap, workloadLabel } from '../pod-specs.ts';

/** Kinds whose `spec.selector` is a LabelSelector that must select their own template. */
const LABEL_SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * `selector-mismatch`: a workload's selector that does not select its pod template's labels; the
 * API server refuses such a workload ("selector does not match template labels"). A Job is
 * checked only with `manualSelector: true` (otherwise Kubernetes writes the selector); a
 * ReplicationController's plain selector defaults to the template's labels when absent.
 */
export function selectorMismatch(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods) {
    const object = context.resources[pod.resource]?.object;
    const spec = object?.['spec'];
    if (!isJsonObject(spec)) continue;
    const selector = spec['selector'];
    if (selector === undefined || selector === null) continue;
    let matches: boolean;
    if (LABEL_SELECTOR_KINDS.has(pod.kind) || (pod.kind === 'Job' && spec['manualSelector'] === true))
      matches = selectorMatches(selector, pod.labels);
    else if (pod.kind === 'ReplicationController')
      matches = mapSelectorMatches(stringMap(selector), pod.labels);
    else continue;
    if (matches) continue;
    hits.push({
      ruleId: 'selector-mismatch',
      resource: pod.resource,
      pointer: '/spec/selector',
      message: `${workloadLabel(pod)}: spec.selector does not select the labels of its pod template (${
        Object.keys(pod.labels).length === 0
          ? 'none'
          : Object.entries(pod.labels)
              .map(([key, value]) => `${key}=${value}`)
              .join(', ')
      }); the API server refuses it`,
    });
  }
  return hits;
}

import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { mapSelectorMatches, sameNamespace } from '../label-selector.ts';
import { resourceName, stringMap } from '../pod-specs.ts';

/**
 * `service-selects-nothing`: a Service whose selector matches the pod labels of no workload of the
 * environment in its namespace (a resource without a namespace may be in any). A Service without
 * a selector (its endpoints are managed by hand) and an ExternalName Service are left out.
 */
export function serviceSelectsNothing(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  context.resources.forEach(({ object }, index) => {
    if (object['kind'] !== 'Service' || object['apiVersion'] !== 'v1') return;
    const spec = object['spec'];
    if (!isJsonObject(spec) || spec['type'] === 'ExternalName') return;
    const selector = stringMap(spec['selector']);
    if (Object.keys(selector).length === 0) return;
    const { name, namespace } = resourceName(object);
    const selected = context.pods.some(
      (pod) => sameNamespace(pod.namespace, namespace) && mapSelectorMatches(selector, pod.labels),
    );
    if (selected) return;
    hits.push({
      ruleId: 'service-selects-nothing',
      resource: index,
      pointer: '/spec/selector',
      message: `Service ${name} selects ${Object.entries(selector)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')}, which no pod of the environment has: it would have no endpoints`,
    });
  });
  return hits;
}

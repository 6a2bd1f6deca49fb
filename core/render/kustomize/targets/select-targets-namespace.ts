import { type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { isClusterScoped } from '../transformers/transform-cluster-scoped.ts';

export { isClusterScoped };

/** kustomize's namespace for cluster-scoped resources when it matches or records namespaces. */
export const NOT_A_NAMESPACE = '_non_namespaceable_';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * kustomize's EffectiveNamespace: `_non_namespaceable_` for cluster-scoped kinds (whatever
 * metadata.namespace says), `default` for an empty or `default` namespace, else the namespace.
 */
export function effectiveNamespace(resource: JsonObject, namespace?: string): string {
  if (isClusterScoped(text(resource['apiVersion']), text(resource['kind']))) return NOT_A_NAMESPACE;
  const metadata = resource['metadata'];
  const own = namespace ?? (isJsonObject(metadata) ? text(metadata['namespace']) : '');
  return own === '' ? 'default' : own;
}

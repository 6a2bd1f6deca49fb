/** Splits an apiVersion into group (`''` for core) and version, as kustomize does. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export { isClusterScopedKind } from '../transformers/transform-cluster-scoped.ts';

/** kustomize's "effective" namespace of a namespaced object: none means `default`. */
export function effectiveNamespace(namespace: string): string {
  return namespace === '' ? 'default' : namespace;
}

import type { JsonObject } from '../../manifests/json-value.ts';
import { currentId, textOf, type TrackedResource } from './build-types.ts';
import { parseApiVersion } from './field-specs.ts';

/** `''` and `default` are the same namespace to kustomize. */
function namespaceKey(namespace: string): string {
  return namespace === '' ? 'default' : namespace;
}

/** Group, version, kind, namespace and name: kustomize refuses two resources with the same ResId. */
export function resourceKey(resource: JsonObject): string {
  const { group, version } = parseApiVersion(textOf(resource['apiVersion']));
  const { name, namespace } = currentId(resource);
  return `${group}|${version}|${textOf(resource['kind'])}|${namespaceKey(namespace)}|${name}`;
}

/** `Kind group/name namespace` for messages. */
export function describeResource(resource: JsonObject): string {
  const { group } = parseApiVersion(textOf(resource['apiVersion']));
  const { name, namespace } = currentId(resource);
  const gk = group === '' ? textOf(resource['kind']) : `${textOf(resource['kind'])}.${group}`;
  return `${gk} ${namespace === '' ? '' : `${namespace}/`}${name}`;
}

/**
 * Whether a resource is the one an id names (kind, group, name, namespace), by its name now or any
 * name it had: kustomize finds patch and generator targets by any of their ids.
 */
export function hasAnyId(
  tracked: TrackedResource,
  id: { group: string; version?: string; kind: string; name: string; namespace: string },
): boolean {
  const resource = tracked.object;
  if (textOf(resource['kind']) !== id.kind) return false;
  const { group, version } = parseApiVersion(textOf(resource['apiVersion']));
  if (group !== id.group) return false;
  if (id.version !== undefined && id.version !== '' && version !== id.version) return false;
  const ids = [currentId(resource), ...tracked.previous];
  return ids.some(
    (candidate) =>
      candidate.name === id.name && namespaceKey(candidate.namespace) === namespaceKey(id.namespace),
  );
}

/** Adds resources to an accumulation; a second resource with the same id is an error message. */
export function appendResources(
  into: TrackedResource[],
  added: readonly TrackedResource[],
): string | undefined {
  const seen = new Map(into.map((tracked) => [resourceKey(tracked.object), tracked]));
  for (const tracked of added) {
    const key = resourceKey(tracked.object);
    const other = seen.get(key);
    if (other !== undefined)
      return `${describeResource(tracked.object)} (${tracked.origin.path}:${tracked.origin.line}) has the same id as the one from ${other.origin.path}:${other.origin.line}: kustomize refuses two resources with one id`;
    seen.set(key, tracked);
    into.push(tracked);
  }
  return undefined;
}

import { isJsonObject, type JsonObject } from '../../manifests/json-value.ts';
import type { ContainerSite, PodSpecSite } from '../pod-specs.ts';

/** A container's `securityContext`, or an empty one. */
export function containerSecurity(site: ContainerSite): JsonObject {
  const context = site.container['securityContext'];
  return isJsonObject(context) ? context : {};
}

/** A pod's `securityContext`, or an empty one. */
export function podSecurity(pod: PodSpecSite): JsonObject {
  const context = pod.spec['securityContext'];
  return isJsonObject(context) ? context : {};
}

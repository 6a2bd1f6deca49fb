/**
 * Pairs the resources of base and head: same group, kind, namespace and name; then, among the
 * ConfigMaps and Secrets left over, names that differ only by kustomize's hash suffix.
 */
import type { RenderedResource } from '../render/kustomize/build-kustomization.ts';
import { identityKey, nameStem, resourceIdentity, type ResourceIdentity } from './resource-identity.ts';

export interface SideResource {
  resource: RenderedResource;
  identity: ResourceIdentity;
}

export interface ResourcePair {
  base?: SideResource;
  head?: SideResource;
}

/** The resources of a side by identity key (a later duplicate replaces an earlier one, as `kubectl apply` would). */
export function indexResources(resources: readonly RenderedResource[]): {
  byKey: Map<string, SideResource>;
  duplicates: SideResource[];
} {
  const byKey = new Map<string, SideResource>();
  const duplicates: SideResource[] = [];
  for (const resource of resources) {
    const identity = resourceIdentity(resource.object);
    const key = identityKey(identity);
    const previous = byKey.get(key);
    if (previous !== undefined) duplicates.push(previous);
    byKey.set(key, { resource, identity });
  }
  return { byKey, duplicates };
}

/** The name a generated resource is matched by across a hash change: its stem, or its name when it has no suffix. */
function stemKey(side: SideResource): string {
  return identityKey(side.identity, nameStem(side.identity) ?? side.identity.name);
}

/** Matches two indexed sides: exact identities first, then hash-suffix renames (at least one side suffixed). */
export function matchResources(
  base: Map<string, SideResource>,
  head: Map<string, SideResource>,
): ResourcePair[] {
  const pairs: ResourcePair[] = [];
  const baseLeft = new Map<string, SideResource>();
  for (const [key, side] of base) {
    const other = head.get(key);
    if (other !== undefined) pairs.push({ base: side, head: other });
    else baseLeft.set(key, side);
  }
  const byStem = new Map<string, SideResource[]>();
  for (const side of baseLeft.values()) {
    const key = stemKey(side);
    byStem.set(key, [...(byStem.get(key) ?? []), side]);
  }
  const renamed = new Set<SideResource>();
  for (const [key, side] of head) {
    if (base.has(key)) continue;
    const candidates = byStem.get(stemKey(side));
    const match = candidates?.find(
      (candidate) =>
        !renamed.has(candidate) &&
        (nameStem(candidate.identity) !== undefined || nameStem(side.identity) !== undefined),
    );
    if (match === undefined) {
      pairs.push({ head: side });
      continue;
    }
    renamed.add(match);
    pairs.push({ base: match, head: side });
  }
  for (const side of baseLeft.values()) if (!renamed.has(side)) pairs.push({ base: side });
  return pairs;
}

import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import {
  type Candidate,
  type ResourceIdentity,
  describeId,
  sameNamespace,
} from './name-reference-candidates.ts';
import { effectiveNamespace } from './name-reference-scope.ts';
import type { GvkSelector } from './name-reference-table.ts';

/** What a referrer can see: kustomize's `SubsetThatCouldBeReferencedByResource`. */
export interface ReferrerScope {
  referrer: JsonObject;
  identity: ResourceIdentity;
  prefixes: readonly string[];
  suffixes: readonly string[];
  /** Renamed resources the referrer could refer to. */
  candidates: Candidate[];
  /** Effective original namespaces of every namespaced resource the referrer could refer to. */
  originalNamespaces: Set<string>;
}

/** A resource of the build with the namespace it had before the namespace transformer. */
export interface ScopedResource {
  identity: ResourceIdentity;
  originalNamespace: string;
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** Namespaces of the ServiceAccount subjects of a RoleBinding: it may refer to those namespaces too. */
function roleBindingNamespaces(referrer: JsonObject, identity: ResourceIdentity): Set<string> {
  const result = new Set<string>();
  const subjects = referrer['subjects'];
  if (identity.kind !== 'RoleBinding' || !Array.isArray(subjects)) return result;
  for (const item of subjects) {
    const subject = asObject(item);
    const namespace = subject?.['namespace'];
    if (subject?.['kind'] === 'ServiceAccount' && typeof namespace === 'string') result.add(namespace);
  }
  return result;
}

/**
 * The candidates a referrer can see: everything when the referrer is cluster-scoped; otherwise
 * cluster-scoped resources, resources in its namespace and, for a RoleBinding, resources in the
 * namespaces of its ServiceAccount subjects.
 */
export function scopeOf(
  referrer: JsonObject,
  identity: ResourceIdentity,
  affixes: { prefixes: readonly string[]; suffixes: readonly string[] },
  candidates: readonly Candidate[],
  resources: readonly ScopedResource[],
): ReferrerScope {
  const extra = roleBindingNamespaces(referrer, identity);
  const visible = (target: { clusterScoped: boolean; namespace: string }): boolean =>
    identity.clusterScoped ||
    target.clusterScoped ||
    sameNamespace(target.namespace, identity.namespace) ||
    extra.has(target.namespace);
  const originalNamespaces = new Set<string>();
  for (const resource of resources) {
    if (visible(resource.identity) && !resource.identity.clusterScoped)
      originalNamespaces.add(effectiveNamespace(resource.originalNamespace));
  }
  const seen = candidates.filter(visible);
  for (const candidate of seen) {
    if (!candidate.clusterScoped) originalNamespaces.add(effectiveNamespace(candidate.originalNamespace));
  }
  return { referrer, identity, ...affixes, candidates: seen, originalNamespaces };
}

/**
 * The candidates for a reference that names its namespace: those originally in that namespace
 * when any visible resource was, otherwise those in it now.
 */
export function candidatesInNamespace(scope: ReferrerScope, namespace: string): Candidate[] {
  const namespaced = scope.candidates.filter((candidate) => !candidate.clusterScoped);
  if (scope.originalNamespaces.has(namespace))
    return namespaced.filter((candidate) => effectiveNamespace(candidate.originalNamespace) === namespace);
  return namespaced.filter((candidate) => effectiveNamespace(candidate.namespace) === namespace);
}

function selects(selector: GvkSelector, candidate: Candidate): boolean {
  if (selector.group && selector.group !== candidate.group) return false;
  if (selector.version && candidate.version !== undefined && selector.version !== candidate.version)
    return false;
  return !selector.kind || selector.kind === candidate.kind;
}

/** For `roleRef/name`, the kind and apiGroup written beside the name narrow the candidates. */
function roleRefSelector(scope: ReferrerScope, path: string): GvkSelector | undefined {
  if (!path.endsWith('roleRef/name')) return undefined;
  const roleRef = asObject(scope.referrer['roleRef']);
  if (roleRef === undefined || !('apiGroup' in roleRef) || !('kind' in roleRef)) return undefined;
  return { group: String(roleRef['apiGroup'] ?? ''), kind: String(roleRef['kind'] ?? '') };
}

/** kustomize's SameEndingSubSlice: one list ends with the other (two empty lists match). */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 0) return longer.length === 0;
  const offset = longer.length - shorter.length;
  return shorter.every((item, i) => longer[i + offset] === item);
}

/** Outcome of choosing a referral: the resource, none (leave the field alone), or an ambiguity. */
export type Selection = { referral: Candidate | undefined } | { problem: string };

/**
 * kustomize's selectReferral: keep candidates that had the old name, are of the target kind,
 * match a roleRef's kind, and share the referrer's namespace (cluster-scoped and ServiceAccount
 * candidates always do); if several remain, keep those with the referrer's prefixes and suffixes;
 * if several still remain and differ (`identical`), it is an error.
 */
export function selectReferral(
  oldName: string,
  candidates: readonly Candidate[],
  target: GvkSelector,
  scope: ReferrerScope,
  path: string,
  identical: (candidates: readonly Candidate[]) => boolean,
): Selection {
  const roleRef = roleRefSelector(scope, path);
  let found = candidates.filter(
    (candidate) =>
      candidate.previousNames.has(oldName) &&
      selects(target, candidate) &&
      (roleRef === undefined || selects(roleRef, candidate)) &&
      (scope.identity.clusterScoped ||
        candidate.clusterScoped ||
        candidate.kind === 'ServiceAccount' ||
        sameNamespace(candidate.namespace, scope.identity.namespace)),
  );
  if (found.length === 1) return { referral: found[0] };
  found = found.filter(
    (candidate) =>
      sameEnding(candidate.prefixes, scope.prefixes) && sameEnding(candidate.suffixes, scope.suffixes),
  );
  if (found.length <= 1 || identical(found)) return { referral: found[0] };
  return { problem: `found multiple possible referrals: ${found.map(describeId).join(', ')}` };
}

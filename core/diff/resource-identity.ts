/**
 * How resources of base and head are matched: by API group (not version: `apps/v1beta2` ->
 * `apps/v1` is a change of the same Deployment), kind, namespace and name.
 */
import type { ResourceRef } from '../findings.ts';
import { type JsonObject, stringAt } from '../manifests/json-value.ts';

export interface ResourceIdentity {
  apiVersion: string;
  /** `''` for the core group. */
  group: string;
  kind: string;
  /** `''` for cluster-scoped resources (or namespaced ones without a namespace). */
  namespace: string;
  name: string;
}

/** The identity of a rendered resource. */
export function resourceIdentity(object: JsonObject): ResourceIdentity {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  return {
    apiVersion,
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace: stringAt(object, 'metadata', 'namespace') ?? '',
    name: stringAt(object, 'metadata', 'name') ?? '',
  };
}

/** The key resources are matched by. */
export function identityKey(identity: ResourceIdentity, name = identity.name): string {
  return JSON.stringify([identity.group, identity.kind, identity.namespace, name]);
}

/** kustomize's content-hash suffix: `-` and ten characters of its vowel-free alphabet. */
const HASH_SUFFIX = /-[bcdfghkmt2456789]{10}$/;

/** A name without its kustomize hash suffix (the name itself when it has none). */
export function stripHashSuffix(name: string): string {
  return name.replace(HASH_SUFFIX, '');
}

/** Kinds kustomize's generators make, whose names may carry a content hash. */
const GENERATED_KINDS = new Set(['ConfigMap', 'Secret']);

/** The name without its kustomize hash suffix, or undefined when it has none (or cannot have one). */
export function nameStem(identity: ResourceIdentity): string | undefined {
  if (identity.group !== '' || !GENERATED_KINDS.has(identity.kind)) return undefined;
  return HASH_SUFFIX.test(identity.name) ? identity.name.replace(HASH_SUFFIX, '') : undefined;
}

/** The ResourceRef of an identity (no namespace field for cluster-scoped resources). */
export function toResourceRef(identity: ResourceIdentity): ResourceRef {
  const ref: ResourceRef = { apiVersion: identity.apiVersion, kind: identity.kind, name: identity.name };
  if (identity.namespace !== '') ref.namespace = identity.namespace;
  return ref;
}

/** `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function describeIdentity(identity: ResourceIdentity): string {
  return identity.namespace === ''
    ? `${identity.kind} ${identity.name}`
    : `${identity.kind} ${identity.namespace}/${identity.name}`;
}

/** Output order: kind, namespace, name, then group. */
export function compareIdentities(a: ResourceIdentity, b: ResourceIdentity): number {
  for (const field of ['kind', 'namespace', 'name', 'group'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}

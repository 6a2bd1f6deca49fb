import { type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { isClusterScopedKind, splitApiVersion } from './name-reference-scope.ts';

/**
 * A change of name (or namespace) that kustomize made to one resource: namePrefix/nameSuffix,
 * a generator's content-hash suffix, or the namespace transformer (then `from` equals `to`).
 * A resource renamed in several steps has one entry per step, all with the same kind, group,
 * namespace and `to`; kustomize matches a reference against every previous name.
 */
export interface Rename {
  kind: string;
  /** `''` for the core group. */
  group: string;
  /** The resource's version; taken from the matching resource when absent. */
  version?: string;
  /** The resource's namespace now (absent: none). */
  namespace?: string;
  /** Its namespace before this step, when the namespace transformer moved it (default: `namespace`). */
  fromNamespace?: string;
  from: string;
  to: string;
  /** The non-empty namePrefix values applied to the resource, innermost kustomization first. */
  prefixes?: readonly string[];
  /** The non-empty nameSuffix values applied to the resource, innermost kustomization first. */
  suffixes?: readonly string[];
}

/** A resource as a possible referral target: its identity now and the names it had before. */
export interface Candidate {
  kind: string;
  group: string;
  /** Undefined when neither the rename nor a resource says. */
  version: string | undefined;
  name: string;
  namespace: string;
  originalNamespace: string;
  previousNames: Set<string>;
  prefixes: readonly string[];
  suffixes: readonly string[];
  clusterScoped: boolean;
}

/** The identity of a resource of the build, as the name reference fix-up sees it. */
export interface ResourceIdentity {
  kind: string;
  group: string;
  version: string;
  name: string;
  namespace: string;
  clusterScoped: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Kind, group, version, name and namespace of a resource. */
export function identityOf(resource: JsonObject): ResourceIdentity {
  const { group, version } = splitApiVersion(text(resource['apiVersion']));
  const kind = text(resource['kind']);
  const metadata = resource['metadata'];
  const meta = isJsonObject(metadata) ? metadata : {};
  return {
    kind,
    group,
    version,
    name: text(meta['name']),
    namespace: text(meta['namespace']),
    clusterScoped: isClusterScopedKind(group, version, kind),
  };
}

/** `''` and `default` are the same namespace to kustomize. */
export function sameNamespace(a: string, b: string): boolean {
  return a === b || ((a === '' || a === 'default') && (b === '' || b === 'default'));
}

/** Whether a rename describes this resource (by its name now). */
export function renameDescribes(rename: Rename, id: ResourceIdentity): boolean {
  return (
    rename.kind === id.kind &&
    rename.group === id.group &&
    sameNamespace(rename.namespace ?? '', id.namespace) &&
    rename.to === id.name
  );
}

/** kustomize's ResId string: `Kind.version.group/name.namespace`. */
export function describeId(id: {
  kind: string;
  group: string;
  version: string | undefined;
  name: string;
  namespace: string;
}): string {
  const gvk = `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`;
  return `${gvk}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

function versionFor(rename: Rename, identities: readonly ResourceIdentity[]): string | undefined {
  if (rename.version !== undefined) return rename.version;
  const named = (name: string): ResourceIdentity | undefined =>
    identities.find(
      (id) =>
        id.kind === rename.kind &&
        id.group === rename.group &&
        sameNamespace(id.namespace, rename.namespace ?? '') &&
        id.name === name,
    );
  return (named(rename.to) ?? named(rename.from))?.version;
}

/** One candidate per renamed resource, in the order the renames first mention them. */
export function buildCandidates(
  renames: readonly Rename[],
  identities: readonly ResourceIdentity[],
): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const rename of renames) {
    const namespace = rename.namespace ?? '';
    const key = JSON.stringify([
      rename.kind,
      rename.group,
      namespace === 'default' ? '' : namespace,
      rename.to,
    ]);
    const known = byKey.get(key);
    if (known !== undefined) {
      known.previousNames.add(rename.from);
      if (known.version === undefined && rename.version !== undefined) known.version = rename.version;
      continue;
    }
    const version = versionFor(rename, identities);
    byKey.set(key, {
      kind: rename.kind,
      group: rename.group,
      version,
      name: rename.to,
      namespace,
      originalNamespace: rename.fromNamespace ?? namespace,
      previousNames: new Set([rename.from]),
      prefixes: rename.prefixes ?? [],
      suffixes: rename.suffixes ?? [],
      clusterScoped: isClusterScopedKind(rename.group, version, rename.kind),
    });
  }
  return [...byKey.values()];
}

import { UsageError } from '../errors.ts';
import { LIFECYCLE_GROUPS, expandGroups, type ApiLifecycle } from './deprecated-api-table.ts';

export type { ApiLifecycle } from './deprecated-api-table.ts';

/** Whether a manifest's apiVersion still works on the target release, and the lifecycle that says so. */
export type ApiStatus = { state: 'deprecated' | 'removed'; lifecycle: ApiLifecycle };

export const API_LIFECYCLES: readonly ApiLifecycle[] = Object.freeze(expandGroups(LIFECYCLE_GROUPS));

function lifecycleKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

const BY_API_AND_KIND: ReadonlyMap<string, ApiLifecycle> = new Map(
  API_LIFECYCLES.map((lifecycle) => [lifecycleKey(lifecycle.apiVersion, lifecycle.kind), lifecycle]),
);

/** A Kubernetes minor release as numbers, or `master`, which is newer than every release. */
type TargetVersion = { major: number; minor: number } | 'master';

const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/;

function parseVersion(version: string): TargetVersion {
  if (version === 'master') return 'master';
  const match = VERSION.exec(version);
  if (!match) {
    throw new UsageError(
      `Kubernetes version "${version}" is not understood: use "1.29", "1.29.0", "v1.29.0" or "master"`,
    );
  }
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function compareVersions(a: TargetVersion, b: TargetVersion): number {
  if (a === 'master' || b === 'master') return (a === 'master' ? 1 : 0) - (b === 'master' ? 1 : 0);
  return a.major - b.major || a.minor - b.minor;
}

function stateAt(lifecycle: ApiLifecycle, target: TargetVersion): ApiStatus['state'] | undefined {
  if (compareVersions(target, parseVersion(lifecycle.removedIn)) >= 0) return 'removed';
  if (compareVersions(target, parseVersion(lifecycle.deprecatedIn)) >= 0) return 'deprecated';
  return undefined;
}

/**
 * Whether `apiVersion`/`kind` is deprecated or removed in `kubernetesVersion` ("1.29.0", "v1.29.0",
 * "1.29" or "master", which is newer than any release). Returns undefined when the apiVersion/kind is
 * current for that version, or not a built-in API kubeproof tracks. Matching is exact and case-sensitive.
 * Throws a `UsageError` when `kubernetesVersion` is not a version.
 */
export function apiStatus(
  apiVersion: string,
  kind: string,
  kubernetesVersion: string,
): ApiStatus | undefined {
  const target = parseVersion(kubernetesVersion);
  const lifecycle = BY_API_AND_KIND.get(lifecycleKey(apiVersion, kind));
  if (!lifecycle) return undefined;
  const state = stateAt(lifecycle, target);
  return state === undefined ? undefined : { state, lifecycle };
}

/**
 * The apiVersion to migrate to on `target`: the recorded replacement, or, when that one is itself
 * deprecated or removed there, its own replacement, and so on. Undefined when no successor is served.
 */
function servedReplacement(lifecycle: ApiLifecycle, target: TargetVersion): string | undefined {
  let current = lifecycle;
  for (let hops = 0; hops < API_LIFECYCLES.length; hops++) {
    const replacement = current.replacement;
    if (replacement === undefined) return undefined;
    const next = BY_API_AND_KIND.get(lifecycleKey(replacement, current.kind));
    const state = next && stateAt(next, target);
    if (!next || state === undefined) return replacement;
    if (next.replacement === undefined) return state === 'removed' ? undefined : replacement;
    current = next;
  }
  return undefined;
}

function formatTarget(target: TargetVersion): string {
  return target === 'master' ? 'master' : `v${target.major}.${target.minor}`;
}

/**
 * A one-line message for a finding, for example
 * "extensions/v1beta1 Ingress was removed in Kubernetes v1.22; use networking.k8s.io/v1 (spec.backend ...)".
 * The replacement named is the one `kubernetesVersion` serves, following replacements that are
 * themselves deprecated or removed there (flowcontrol v1beta1 -> v1beta2 -> v1beta3 -> v1).
 */
export function describeApiStatus(status: ApiStatus, kubernetesVersion: string): string {
  const target = parseVersion(kubernetesVersion);
  const { apiVersion, kind, deprecatedIn, removedIn, note } = status.lifecycle;
  const replacement = servedReplacement(status.lifecycle, target);
  const subject = `${apiVersion} ${kind}`;
  const suffix = note === undefined ? '' : ` (${note})`;
  if (status.state === 'removed') {
    const advice =
      replacement === undefined
        ? `no replacement API is served in ${formatTarget(target)}`
        : `use ${replacement}`;
    return `${subject} was removed in Kubernetes v${removedIn}; ${advice}${suffix}`;
  }
  const advice = replacement === undefined ? 'there is no replacement API' : `migrate to ${replacement}`;
  return `${subject} is deprecated since Kubernetes v${deprecatedIn} and will be removed in v${removedIn}; ${advice}${suffix}`;
}

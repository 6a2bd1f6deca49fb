import type { JsonObject } from '../../manifests/json-value.ts';

/**
 * kustomize's default ("legacy") output order: kinds with no dependencies first (Namespace,
 * CustomResourceDefinition, ServiceAccount, RBAC, ConfigMap, Secret, Service, ...), webhooks last,
 * every other kind in between ordered by `group_version_kind` (core group last, as kustomize writes
 * an empty group as `~G`); then by namespace (none last) and name. Observed with kubectl kustomize
 * v5.5.0 (test/fixtures/kustomize/sort).
 */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** kustomize's `legacySortOptions`: kinds printed first and last, in these orders. */
export interface LegacySortOptions {
  orderFirst: readonly string[];
  orderLast: readonly string[];
}

function rankOf(options: LegacySortOptions): Map<string, number> {
  return new Map<string, number>([
    ...options.orderFirst.map((kind, i): [string, number] => [kind, i - options.orderFirst.length]),
    ...options.orderLast.map((kind, i): [string, number] => [kind, i + 1]),
  ]);
}

const RANK = rankOf({ orderFirst: ORDER_FIRST, orderLast: ORDER_LAST });

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function gvkString(resource: JsonObject): string {
  const apiVersion = text(resource['apiVersion']);
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  return `${group || '~G'}_${version || '~V'}_${text(resource['kind']) || '~K'}`;
}

function idString(resource: JsonObject): string {
  const metadata = (resource['metadata'] ?? {}) as JsonObject;
  return `${text(metadata['namespace']) || '~X'}|${text(metadata['name']) || '~N'}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparer(rank: Map<string, number>): (a: JsonObject, b: JsonObject) => number {
  return (a, b) => {
    const rankA = rank.get(text(a['kind'])) ?? 0;
    const rankB = rank.get(text(b['kind'])) ?? 0;
    if (rankA !== rankB) return rankA - rankB;
    return compareStrings(gvkString(a), gvkString(b)) || compareStrings(idString(a), idString(b));
  };
}

/** Compares two resources in kustomize's legacy order. */
export const compareResources = comparer(RANK);

/**
 * Returns the resources in kustomize's legacy output order (a new array), with the default kind
 * lists or those of a kustomization's `sortOptions.legacySortOptions`.
 */
export function sortResources<T extends JsonObject>(
  resources: readonly T[],
  options?: LegacySortOptions,
): T[] {
  return [...resources].sort(options === undefined ? compareResources : comparer(rankOf(options)));
}

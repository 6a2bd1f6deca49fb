import { isJsonObject, type JsonObject } from '../manifests/json-value.ts';
import { POD_SPEC_PATHS } from '../promote/pod-images.ts';
import type { RenderedResource } from '../render/kustomize/build-kustomization.ts';

/** The three lists of containers a pod spec holds. */
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export type ContainerList = (typeof CONTAINER_LISTS)[number];

/** One container of a pod spec. */
export interface ContainerSite {
  container: JsonObject;
  /** JSON pointer of the container in its resource. */
  pointer: string;
  list: ContainerList;
  /** `name`, or `containers[2]` when it has none. */
  name: string;
}

/** A pod spec of a rendered resource: a Pod's, or a workload's pod template. */
export interface PodSpecSite {
  /** Index of the resource in the environment's resources. */
  resource: number;
  kind: string;
  /** `metadata.name` of the resource. */
  name: string;
  namespace: string | undefined;
  spec: JsonObject;
  /** JSON pointer of the pod spec (`/spec/template/spec`). */
  pointer: string;
  /** The pod's labels (the template's, for a workload), and their pointer. */
  labels: Record<string, string>;
  labelsPointer: string;
  containers: ContainerSite[];
}

/** `metadata.name` and `metadata.namespace` of a resource. */
export function resourceName(object: JsonObject): { name: string; namespace: string | undefined } {
  const metadata = isJsonObject(object['metadata']) ? object['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined;
  return { name, namespace };
}

/** A mapping of strings (labels, a selector's matchLabels); other values left out. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
  return out;
}

function walk(object: JsonObject, keys: readonly string[]): JsonObject | undefined {
  let node: unknown = object;
  for (const key of keys) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return isJsonObject(node) ? node : undefined;
}

function containersOf(spec: JsonObject, pointer: string): ContainerSite[] {
  const sites: ContainerSite[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isJsonObject(container)) return;
      const name = typeof container['name'] === 'string' ? container['name'] : `${list}[${index}]`;
      sites.push({ container, pointer: `${pointer}/${list}/${index}`, list, name });
    });
  }
  return sites;
}

/**
 * The pod specs of an environment's resources: Pods, Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, ReplicationControllers, Jobs, and CronJobs' job templates.
 */
export function podSpecs(resources: readonly RenderedResource[]): PodSpecSite[] {
  const sites: PodSpecSite[] = [];
  resources.forEach(({ object }, resource) => {
    const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
    const path = POD_SPEC_PATHS[kind];
    if (path === undefined) return;
    const spec = walk(object, path);
    if (spec === undefined) return;
    const pointer = `/${path.join('/')}`;
    // The pod's metadata sits beside its spec: `/metadata` of a Pod, `/spec/template/metadata`.
    const metadataPath = [...path.slice(0, -1), 'metadata'];
    const labelsPointer = `/${[...metadataPath, 'labels'].join('/')}`;
    sites.push({
      resource,
      kind,
      ...resourceName(object),
      spec,
      pointer,
      labels: stringMap(walk(object, metadataPath)?.['labels']),
      labelsPointer,
      containers: containersOf(spec, pointer),
    });
  });
  return sites;
}

/** `Deployment web`: how a message names a workload. */
export function workloadLabel(site: Pick<PodSpecSite, 'kind' | 'name'>): string {
  return `${site.kind} ${site.name}`;
}

/** `container web`, `init container migrate`, `ephemeral container debugger`. */
export function containerLabel(site: ContainerSite): string {
  const word =
    site.list === 'containers'
      ? 'container'
      : site.list === 'initContainers'
        ? 'init container'
        : 'ephemeral container';
  return `${word} ${site.name}`;
}

/** The pointer of `base` followed by as many of `keys` as exist in `object`: the deepest field there is. */
export function deepestPointer(object: JsonObject, base: string, keys: readonly string[]): string {
  let at = base;
  let node: unknown = valueAtPointer(object, base);
  for (const key of keys) {
    if (!isJsonObject(node) || !(key in node)) return at;
    node = node[key];
    at = `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return at;
}

/** The value a JSON pointer leads to in a resource, or undefined. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let node = value;
  if (pointer === '') return node;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The admission request a rendered resource would make: CREATE when the base does not have it,
 * UPDATE (with `oldObject`) when it does; the request, object, oldObject and namespaceObject as
 * CEL sees them. A namespaced resource written without a namespace is taken to be in `default`,
 * where `kubectl apply` would put it. A Namespace absent from the environment is known only by
 * the label the API server gives every Namespace, `kubernetes.io/metadata.name`.
 */
import type { ResourceRef } from '../../findings.ts';
import { stringAt, type JsonObject } from '../../manifests/json-value.ts';
import type { CelCache } from './cel/cel-values.ts';
import { labelsOf, type Labels } from './label-selector.ts';
import type { RequestAttributes } from './match-resources.ts';
import type { Source } from './admission-types.ts';
import type { KindTable } from './resource-kinds.ts';

export interface AdmissionRequest {
  attributes: RequestAttributes;
  /** Where the resource was written: findings point here. */
  source: Source;
  ref: ResourceRef;
  /** `Deployment prod/web`, `Namespace prod`. */
  label: string;
  namespace: string;
  isSecret: boolean;
  /** object, oldObject, request and namespaceObject as CEL values, made on first use. */
  celContext(): Record<string, unknown>;
  /** The size the cost bound multiplies by. */
  inputSize(): number;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** The Namespace objects of the environment by name, with the label the API server adds. */
export function namespaceIndex(objects: Iterable<JsonObject>): Map<string, JsonObject> {
  const index = new Map<string, JsonObject>();
  for (const object of objects) {
    if (object['kind'] !== 'Namespace' || object['apiVersion'] !== 'v1') continue;
    const name = stringAt(object, 'metadata', 'name');
    if (name !== undefined) index.set(name, withNameLabel(object, name));
  }
  return index;
}

function withNameLabel(object: JsonObject, name: string): JsonObject {
  const metadata = (object['metadata'] ?? {}) as JsonObject;
  const labels = { ...((metadata['labels'] ?? {}) as JsonObject), [NAME_LABEL]: name };
  return { ...object, metadata: { ...metadata, labels } };
}

/** The key that pairs a head resource with its base. */
export function resourceKey(object: JsonObject): string {
  const apiVersion = String(object['apiVersion'] ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return [
    group,
    object['kind'],
    stringAt(object, 'metadata', 'namespace') ?? '',
    stringAt(object, 'metadata', 'name'),
  ].join('|');
}

/** The request of one head resource. */
export function admissionRequest(
  object: JsonObject,
  old: JsonObject | undefined,
  kinds: KindTable,
  namespaces: Map<string, JsonObject>,
  source: Source,
  cache: CelCache,
  authorizer: unknown,
): AdmissionRequest {
  const apiVersion = String(object['apiVersion'] ?? '');
  const [group, version] = apiVersion.includes('/')
    ? (apiVersion.split('/') as [string, string])
    : ['', apiVersion];
  const kind = String(object['kind'] ?? '');
  const info = kinds.info(group, kind);
  const name = stringAt(object, 'metadata', 'name') ?? '';
  const namespace = info.namespaced ? (stringAt(object, 'metadata', 'namespace') ?? 'default') : '';
  const isNamespace = kind === 'Namespace' && group === '';
  const namespaceObject = info.namespaced
    ? (namespaces.get(namespace) ??
      withNameLabel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, namespace))
    : null;
  const namespaceLabels: Labels = isNamespace
    ? labelsOf(withNameLabel(object, name))
    : labelsOf(namespaceObject ?? undefined);
  const operation = old === undefined ? 'CREATE' : 'UPDATE';
  let context: Record<string, unknown> | undefined;
  return {
    source,
    attributes: {
      group,
      version,
      resource: info.resource,
      namespaced: info.namespaced,
      isNamespace,
      name,
      operation,
      labels: labelsOf(object),
      ...(old === undefined ? {} : { oldLabels: labelsOf(old) }),
      namespaceLabels,
    },
    ref: { apiVersion, kind, name, ...(namespace === '' ? {} : { namespace }) },
    label: `${kind} ${namespace === '' ? name : `${namespace}/${name}`}`,
    namespace,
    isSecret: kind === 'Secret' && group === '',
    inputSize: () =>
      cache.size(object) +
      (old === undefined ? 0 : cache.size(old)) +
      (namespaceObject === null ? 1 : cache.size(namespaceObject)),
    celContext() {
      let request: Record<string, unknown> | undefined;
      context ??= lazyContext({
        object: () => cache.value(object),
        oldObject: () => (old === undefined ? null : cache.value(old)),
        namespaceObject: () => (namespaceObject === null ? null : cache.value(namespaceObject)),
        authorizer: () => authorizer,
        request: () =>
          (request ??= requestValue(group, version, kind, info.resource, name, namespace, operation)),
      });
      return context;
    },
  };
}

function requestValue(
  group: string,
  version: string,
  kind: string,
  resource: string,
  name: string,
  namespace: string,
  operation: string,
): Record<string, unknown> {
  const groupVersionKind = { group, version, kind };
  const groupVersionResource = { group, version, resource };
  return {
    uid: '',
    kind: groupVersionKind,
    resource: groupVersionResource,
    subResource: '',
    requestKind: groupVersionKind,
    requestResource: groupVersionResource,
    requestSubResource: '',
    name,
    namespace,
    operation,
    // Who makes the request is not known offline: no user name, no groups.
    userInfo: { username: '', uid: '', groups: [], extra: {} },
    dryRun: false,
    options: {},
  };
}

/**
 * The variables as getters that make each value on first read: most expressions read `object`
 * only, so the base object and the Namespace are converted only for those that read them.
 */
function lazyContext(getters: Record<string, () => unknown>): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const [key, get] of Object.entries(getters))
    Object.defineProperty(context, key, { enumerable: true, get });
  return context;
}

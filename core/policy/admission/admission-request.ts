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
import { labelsOf } from './label-selector.ts';
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

/**
 * The CEL variables of one request, each made on first read: most expressions read `object` only,
 * so the base object and the Namespace are converted only for those that read them. Getters on
 * the prototype, so making one per resource allocates no closures.
 */
class RequestContext {
  // Plain fields, not #private ones: each evaluation's context inherits from this object.
  constructor(
    readonly admission: Admission,
    readonly cache: CelCache,
    readonly authorizer: unknown,
  ) {}
  get object(): unknown {
    return this.cache.value(this.admission.object);
  }
  get oldObject(): unknown {
    return this.admission.old === undefined ? null : this.cache.value(this.admission.old);
  }
  get namespaceObject(): unknown {
    return this.admission.namespaceObject === null ? null : this.cache.value(this.admission.namespaceObject);
  }
  get request(): unknown {
    return this.admission.requestValue();
  }
}

/** What the requests of one evaluation share. */
export interface RequestSetting {
  kinds: KindTable;
  namespaces: Map<string, JsonObject>;
  cache: CelCache;
  authorizer: unknown;
}

class Admission implements AdmissionRequest {
  readonly attributes: RequestAttributes;
  readonly ref: ResourceRef;
  readonly label: string;
  readonly namespace: string;
  readonly isSecret: boolean;
  readonly namespaceObject: JsonObject | null;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  #context: RequestContext | undefined;
  #size: number | undefined;
  #request: Record<string, unknown> | undefined;

  constructor(
    readonly object: JsonObject,
    readonly old: JsonObject | undefined,
    readonly source: Source,
    readonly setting: RequestSetting,
  ) {
    const apiVersion = String(object['apiVersion'] ?? '');
    const slash = apiVersion.indexOf('/');
    this.group = slash < 0 ? '' : apiVersion.slice(0, slash);
    this.version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    this.kind = String(object['kind'] ?? '');
    const info = setting.kinds.info(this.group, this.kind);
    const name = stringAt(object, 'metadata', 'name') ?? '';
    const namespace = info.namespaced ? (stringAt(object, 'metadata', 'namespace') ?? 'default') : '';
    const isNamespace = this.kind === 'Namespace' && this.group === '';
    this.namespaceObject = info.namespaced ? namespaceFor(setting.namespaces, namespace) : null;
    this.attributes = {
      group: this.group,
      version: this.version,
      resource: info.resource,
      namespaced: info.namespaced,
      isNamespace,
      name,
      operation: old === undefined ? 'CREATE' : 'UPDATE',
      labels: labelsOf(object),
      ...(old === undefined ? {} : { oldLabels: labelsOf(old) }),
      namespaceLabels: isNamespace
        ? labelsOf(withNameLabel(object, name))
        : labelsOf(this.namespaceObject ?? undefined),
    };
    this.ref = { apiVersion, kind: this.kind, name, ...(namespace === '' ? {} : { namespace }) };
    this.label = `${this.kind} ${namespace === '' ? name : `${namespace}/${name}`}`;
    this.namespace = namespace;
    this.isSecret = this.kind === 'Secret' && this.group === '';
  }

  celContext(): Record<string, unknown> {
    this.#context ??= new RequestContext(this, this.setting.cache, this.setting.authorizer);
    return this.#context as unknown as Record<string, unknown>;
  }

  requestValue(): Record<string, unknown> {
    return (this.#request ??= requestValue(this));
  }

  inputSize(): number {
    const { cache } = this.setting;
    this.#size ??=
      cache.size(this.object) +
      (this.old === undefined ? 0 : cache.size(this.old)) +
      (this.namespaceObject === null ? 1 : cache.size(this.namespaceObject));
    return this.#size;
  }
}

/** The Namespace of a request: the environment's, or one known only by its name label (kept in the map). */
function namespaceFor(namespaces: Map<string, JsonObject>, name: string): JsonObject {
  let found = namespaces.get(name);
  if (found === undefined) {
    found = withNameLabel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, name);
    namespaces.set(name, found);
  }
  return found;
}

/** The request of one head resource. */
export function admissionRequest(
  object: JsonObject,
  old: JsonObject | undefined,
  source: Source,
  setting: RequestSetting,
): AdmissionRequest {
  return new Admission(object, old, source, setting);
}

function requestValue(admission: Admission): Record<string, unknown> {
  const { group, version, kind, attributes } = admission;
  const groupVersionKind = { group, version, kind };
  const groupVersionResource = { group, version, resource: attributes.resource };
  return {
    uid: '',
    kind: groupVersionKind,
    resource: groupVersionResource,
    subResource: '',
    requestKind: groupVersionKind,
    requestResource: groupVersionResource,
    requestSubResource: '',
    name: attributes.name,
    namespace: admission.namespace,
    operation: attributes.operation,
    // Who makes the request is not known offline: no user name, no groups.
    userInfo: { username: '', uid: '', groups: [], extra: {} },
    dryRun: false,
    options: {},
  };
}

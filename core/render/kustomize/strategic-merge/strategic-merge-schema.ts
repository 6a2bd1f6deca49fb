import { type JsonValue, isJsonObject } from '../../../manifests/json-value.ts';

/**
 * The part of kustomize's built-in OpenAPI schema that strategic merge reads: which lists merge
 * (`x-kubernetes-patch-strategy: merge`) and by which keys (`x-kubernetes-list-map-keys`, else
 * `x-kubernetes-patch-merge-key`). kustomize v5.5.0 embeds the Kubernetes v1.21.2 OpenAPI
 * document (sigs.k8s.io/kustomize/kyaml/openapi/kubernetesapi/v1_21_2), so fields added later
 * (`schedulingGates`, `resourceClaims`) and kinds added later (`autoscaling/v2`) are unknown and
 * their lists are replaced. Every other field of a known kind is known but carries no strategy.
 */
export interface SchemaNode {
  fields?: Readonly<Record<string, SchemaNode>>;
  items?: SchemaNode;
  /** The patch strategy (`merge`, `merge,retainKeys`, ...) of a list. */
  strategy?: string;
  keys?: readonly string[];
}

/** A known field that holds nothing strategic merge cares about. */
const KNOWN: SchemaNode = {};

function mergeList(keys: readonly string[], items: SchemaNode = KNOWN, strategy = 'merge'): SchemaNode {
  return { strategy, keys, items };
}

const objectMeta: SchemaNode = {
  fields: { finalizers: mergeList([]), ownerReferences: mergeList(['uid']) },
};

const container: SchemaNode = {
  fields: {
    env: mergeList(['name']),
    ports: mergeList(['containerPort', 'protocol']),
    volumeDevices: mergeList(['devicePath']),
    volumeMounts: mergeList(['mountPath']),
  },
};

const podSpec: SchemaNode = {
  fields: {
    containers: mergeList(['name'], container),
    ephemeralContainers: mergeList(['name'], container),
    hostAliases: mergeList(['ip']),
    imagePullSecrets: mergeList(['name']),
    initContainers: mergeList(['name'], container),
    topologySpreadConstraints: mergeList(['topologyKey', 'whenUnsatisfiable']),
    volumes: mergeList(['name'], KNOWN, 'merge,retainKeys'),
  },
};

const podTemplate: SchemaNode = { fields: { metadata: objectMeta, spec: podSpec } };
const conditions: SchemaNode = { fields: { conditions: mergeList(['type']) } };

function resource(fields: Record<string, SchemaNode> = {}): SchemaNode {
  return { fields: { metadata: objectMeta, ...fields } };
}

function workload(spec: Record<string, SchemaNode> = {}): SchemaNode {
  return resource({ spec: { fields: { template: podTemplate, ...spec } }, status: conditions });
}

const jobTemplate: SchemaNode = {
  fields: { metadata: objectMeta, spec: { fields: { template: podTemplate } } },
};
const cronJob = resource({ spec: { fields: { jobTemplate } } });
const webhooks = resource({ webhooks: mergeList(['name']) });

/** Kinds of the v1.21.2 document with fields that strategic merge treats specially. */
const SPECIAL: Readonly<Record<string, SchemaNode>> = {
  'v1/Pod': resource({ spec: podSpec, status: conditions }),
  'v1/PodTemplate': resource({ template: podTemplate }),
  'v1/ReplicationController': workload(),
  'v1/Service': resource({
    spec: { fields: { ports: mergeList(['port', 'protocol']) } },
    status: conditions,
  }),
  'v1/ServiceAccount': resource({ secrets: mergeList(['name']) }),
  'v1/Namespace': resource({ status: conditions }),
  'v1/PersistentVolumeClaim': resource({ status: conditions }),
  'apps/v1/DaemonSet': workload(),
  'apps/v1/Deployment': workload(),
  'apps/v1/ReplicaSet': workload(),
  'apps/v1/StatefulSet': workload(),
  'batch/v1/Job': workload(),
  'batch/v1/CronJob': cronJob,
  'batch/v1beta1/CronJob': cronJob,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': webhooks,
};

/** The other kinds of the v1.21.2 document, by apiVersion. */
const OTHER_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Node',
    'PersistentVolume',
    'ResourceQuota',
    'Secret',
  ],
  'admissionregistration.k8s.io/v1': [],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'apps/v1': ['ControllerRevision'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'extensions/v1beta1': ['Ingress'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1': ['PodDisruptionBudget'],
  'policy/v1beta1': ['PodDisruptionBudget', 'PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': [
    'CSIDriver',
    'CSINode',
    'CSIStorageCapacity',
    'StorageClass',
    'VolumeAttachment',
  ],
};

const PLAIN = resource();

/**
 * The schema kustomize uses for a node: the one its parent gives, else (kyaml's walker does this at
 * every level) the schema of the node's own `apiVersion` and `kind`, if kustomize knows that kind.
 */
export function schemaOf(nodes: readonly (JsonValue | undefined)[]): SchemaNode | undefined {
  for (const node of nodes) {
    if (!isJsonObject(node)) continue;
    const { apiVersion, kind } = node;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '')
      continue;
    const special = SPECIAL[`${apiVersion}/${kind}`];
    if (special !== undefined) return special;
    if (OTHER_KINDS[apiVersion]?.includes(kind) === true) return PLAIN;
  }
  return undefined;
}

/** The schema of a field of a node with a known schema. */
export function fieldSchema(schema: SchemaNode | undefined, field: string): SchemaNode | undefined {
  if (schema === undefined) return undefined;
  return schema.fields?.[field] ?? KNOWN;
}

/** The schema of a list's elements. */
export function itemSchema(schema: SchemaNode | undefined): SchemaNode | undefined {
  if (schema === undefined) return undefined;
  return schema.items ?? KNOWN;
}

/** Whether kyaml merges the list by key (or as a set) rather than replacing it. */
export function mergesList(schema: SchemaNode | undefined): boolean {
  return schema?.strategy?.split(',').includes('merge') === true;
}

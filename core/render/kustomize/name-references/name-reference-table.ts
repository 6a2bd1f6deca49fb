/**
 * kustomize's default name reference configuration (v5.5.0, api/konfig/builtinpluginconsts
 * namereference.go): for each kind that can be referred to, the fields of other kinds that hold its
 * name. Order matters: kustomize applies the entries in this order, and a field listed under two
 * targets (or twice under one) is rewritten once per entry, each pass seeing the previous result.
 *
 * Empty group, version or kind in a selector is a wildcard, as in kustomize (`kind: Deployment`
 * with no group matches apps and extensions Deployments alike).
 */

/** A group/version/kind selector; a missing field matches anything. */
export interface GvkSelector {
  group?: string;
  version?: string;
  kind: string;
}

/** A field of a referring kind. Path segments are separated by `/` (`\/` inside a segment). */
export interface ReferrerField extends GvkSelector {
  path: string;
}

/** A kind that can be referred to by name, and the fields that refer to it. */
export interface NameBackReference {
  target: GvkSelector;
  referrers: readonly ReferrerField[];
}

const CONFIG_MAP_POD_FIELDS = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];

const SECRET_POD_FIELDS = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];

/** Where each kind keeps its pod spec. */
const POD_SPEC = {
  Pod: 'spec/',
  PodTemplate: 'template/spec/',
  Deployment: 'spec/template/spec/',
  ReplicaSet: 'spec/template/spec/',
  DaemonSet: 'spec/template/spec/',
  StatefulSet: 'spec/template/spec/',
  Job: 'spec/template/spec/',
  ReplicationController: 'spec/template/spec/',
  CronJob: 'spec/jobTemplate/spec/template/spec/',
} as const;

type PodOwner = keyof typeof POD_SPEC;

/** ConfigMap and Secret references are fixed in these kinds (not ReplicationController). */
const CONFIG_OWNERS: readonly PodOwner[] = [
  'Pod',
  'PodTemplate',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
];

/** ServiceAccount, PVC and PriorityClass references are fixed in these kinds (not ReplicaSet, PodTemplate). */
const WORKLOAD_OWNERS: readonly PodOwner[] = [
  'Pod',
  'StatefulSet',
  'Deployment',
  'ReplicationController',
  'CronJob',
  'Job',
  'DaemonSet',
];

function podFields(owners: readonly PodOwner[], fields: readonly string[]): ReferrerField[] {
  const result: ReferrerField[] = [];
  for (const kind of owners) {
    for (const field of fields) {
      const path = `${POD_SPEC[kind]}${field}`;
      // Only the Pod entries name a version; the others match any group and version.
      result.push(kind === 'Pod' ? { kind, version: 'v1', path } : { kind, path });
    }
  }
  return result;
}

const RBAC = 'rbac.authorization.k8s.io';
const HPA_TARGET = { kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' };

/** The default table, in kustomize's order. */
export const NAME_REFERENCE_TABLE: readonly NameBackReference[] = [
  // The HPA's scaleTargetRef kind is not consulted: the first of these targets with a matching
  // previous name wins.
  { target: { kind: 'Deployment' }, referrers: [HPA_TARGET] },
  { target: { kind: 'ReplicationController' }, referrers: [HPA_TARGET] },
  { target: { kind: 'ReplicaSet' }, referrers: [HPA_TARGET] },
  { target: { kind: 'StatefulSet' }, referrers: [HPA_TARGET] },
  {
    target: { kind: 'ConfigMap', version: 'v1' },
    referrers: [
      ...podFields(CONFIG_OWNERS, CONFIG_MAP_POD_FIELDS),
      { kind: 'Node', path: 'spec/configSource/configMap' },
      { kind: 'Role', path: 'rules/resourceNames' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
      {
        kind: 'Ingress',
        path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap',
      },
    ],
  },
  {
    target: { kind: 'Secret', version: 'v1' },
    referrers: [
      ...podFields(CONFIG_OWNERS, SECRET_POD_FIELDS),
      { kind: 'Ingress', path: 'spec/tls/secretName' },
      { kind: 'Ingress', path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret' },
      { kind: 'Ingress', path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret' },
      { kind: 'Ingress', path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret' },
      // Listed twice in kustomize: the second pass rewrites the first pass's result again.
      { kind: 'Ingress', path: 'spec/tls/secretName' },
      // Only imagePullSecrets: a ServiceAccount's `secrets` list is not fixed.
      { kind: 'ServiceAccount', path: 'imagePullSecrets/name' },
      { kind: 'StorageClass', path: 'parameters/secretName' },
      { kind: 'StorageClass', path: 'parameters/adminSecretName' },
      { kind: 'StorageClass', path: 'parameters/userSecretName' },
      { kind: 'StorageClass', path: 'parameters/secretRef' },
      { kind: 'Role', path: 'rules/resourceNames' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
      {
        group: 'serving.knative.dev',
        version: 'v1',
        kind: 'Service',
        path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name',
      },
      { kind: 'PersistentVolume', path: 'spec/azureFile/secretName' },
    ],
  },
  {
    target: { kind: 'Service', version: 'v1' },
    referrers: [
      { group: 'apps', kind: 'StatefulSet', path: 'spec/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/service/name' },
      { kind: 'Ingress', path: 'spec/defaultBackend/service/name' },
      { group: 'apiregistration.k8s.io', kind: 'APIService', path: 'spec/service/name' },
      // Paths that end at a mapping: its `name` and `namespace` are both read and written.
      {
        group: 'admissionregistration.k8s.io',
        kind: 'ValidatingWebhookConfiguration',
        path: 'webhooks/clientConfig/service',
      },
      {
        group: 'admissionregistration.k8s.io',
        kind: 'MutatingWebhookConfiguration',
        path: 'webhooks/clientConfig/service',
      },
    ],
  },
  {
    target: { group: RBAC, kind: 'Role' },
    referrers: [{ group: RBAC, kind: 'RoleBinding', path: 'roleRef/name' }],
  },
  {
    target: { group: RBAC, kind: 'ClusterRole' },
    referrers: [
      { group: RBAC, kind: 'RoleBinding', path: 'roleRef/name' },
      { group: RBAC, kind: 'ClusterRoleBinding', path: 'roleRef/name' },
    ],
  },
  {
    target: { kind: 'ServiceAccount', version: 'v1' },
    referrers: [
      // Every subject is compared by name, whatever its kind (a User named like a renamed
      // ServiceAccount is renamed too).
      { group: RBAC, kind: 'RoleBinding', path: 'subjects' },
      { group: RBAC, kind: 'ClusterRoleBinding', path: 'subjects' },
      // The deprecated `serviceAccount` field is not fixed.
      ...podFields(WORKLOAD_OWNERS, ['serviceAccountName']),
    ],
  },
  {
    target: { kind: 'PersistentVolumeClaim', version: 'v1' },
    referrers: podFields(WORKLOAD_OWNERS, ['volumes/persistentVolumeClaim/claimName']),
  },
  {
    target: { kind: 'PersistentVolume', version: 'v1' },
    referrers: [
      { kind: 'PersistentVolumeClaim', path: 'spec/volumeName' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
    ],
  },
  {
    target: { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass' },
    referrers: [
      { kind: 'PersistentVolume', path: 'spec/storageClassName' },
      { kind: 'PersistentVolumeClaim', path: 'spec/storageClassName' },
      { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/storageClassName' },
    ],
  },
  {
    target: { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' },
    referrers: podFields(WORKLOAD_OWNERS, ['priorityClassName']),
  },
  // kustomize's entry names the group `networking.k8s.io/v1`, which no IngressClass has, so
  // `spec/ingressClassName` is never fixed. Kept as is to produce the same output.
  {
    target: { group: 'networking.k8s.io/v1', version: 'v1', kind: 'IngressClass' },
    referrers: [{ kind: 'Ingress', path: 'spec/ingressClassName' }],
  },
];

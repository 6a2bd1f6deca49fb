import type { FieldSpec } from './field-specs.ts';

/**
 * kustomize v5.5.0's default field specs (api/konfig/builtinpluginconsts), checked against
 * `kubectl kustomize` with the fixtures in test/fixtures/kustomize/transformers.
 */

/** `namespace:`. metadata/namespace and RoleBinding subjects are special-cased by transformNamespace. */
export const NAMESPACE_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/namespace', create: true },
  // Renames a `v1` Namespace to the namespace being set.
  { path: 'metadata/name', kind: 'Namespace', create: true },
  { path: 'subjects/namespace', kind: 'RoleBinding' },
  { path: 'subjects/namespace', kind: 'ClusterRoleBinding' },
  { path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService', create: true },
  {
    path: 'spec/conversion/webhook/clientConfig/service/namespace',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
  },
];

/** `namePrefix:` and `nameSuffix:` (some kinds are always skipped, see transformPrefixSuffix). */
export const NAME_PREFIX_SUFFIX_FIELD_SPECS: readonly FieldSpec[] = [{ path: 'metadata/name' }];

/** Labels on resources and on the templates of what they create (`labels:` with `includeTemplates`). */
export const TEMPLATE_LABELS_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

const AFFINITY = 'spec/template/spec/affinity';
const POD_SELECTORS = [
  `${AFFINITY}/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
  `${AFFINITY}/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
  `${AFFINITY}/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
  `${AFFINITY}/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** `commonLabels:` and `labels:` with `includeSelectors`: selectors too (DaemonSet affinities are not). */
export const COMMON_LABELS_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...POD_SELECTORS.map((path): FieldSpec => ({ path, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...POD_SELECTORS.map((path): FieldSpec => ({ path, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  ...TEMPLATE_LABELS_FIELD_SPECS,
];

/** `labels:` without `includeSelectors` or `includeTemplates`. */
export const METADATA_LABELS_FIELD_SPECS: readonly FieldSpec[] = [{ path: 'metadata/labels', create: true }];

/** `commonAnnotations:`. */
export const COMMON_ANNOTATIONS_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  { path: 'spec/template/metadata/annotations', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'StatefulSet' },
  { path: 'spec/template/metadata/annotations', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
  {
    path: 'spec/jobTemplate/spec/template/metadata/annotations',
    create: true,
    group: 'batch',
    kind: 'CronJob',
  },
];

/**
 * `images:` (besides these, every `containers` and `initContainers` list anywhere is searched).
 * `create` is ignored: the images transformer never creates a field.
 */
export const IMAGES_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'spec/containers[]/image', create: true },
  { path: 'spec/initContainers[]/image', create: true },
  { path: 'spec/template/spec/containers[]/image', create: true },
  { path: 'spec/template/spec/initContainers[]/image', create: true },
];

/** `replicas:` (by kind only: any group), in the order kustomize lists them in its errors. */
export const REPLICAS_FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'spec/replicas', create: true, kind: 'Deployment' },
  { path: 'spec/replicas', create: true, kind: 'StatefulSet' },
  { path: 'spec/replicas', create: true, kind: 'ReplicaSet' },
  { path: 'spec/replicas', create: true, kind: 'ReplicationController' },
];

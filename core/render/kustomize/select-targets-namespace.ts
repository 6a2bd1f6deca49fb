import type { JsonObject } from '../types.ts';

/**
 * The (apiVersion, kind) pairs kustomize v5.5.0 treats as cluster-scoped. kustomize asks its
 * built-in OpenAPI data (Kubernetes 1.21), keyed by apiVersion and kind, so newer kinds
 * (ValidatingAdmissionPolicy, flowcontrol v1 and v1beta2+), alpha versions and review kinds
 * (TokenReview, SubjectAccessReview) count as namespaced, as does any kind it does not know.
 * Established by `kubectl kustomize` over each candidate pair (internal previousNamespaces).
 */
const CLUSTER_SCOPED = new Set([
  'v1/ComponentStatus',
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition',
  'apiregistration.k8s.io/v1/APIService',
  'apiregistration.k8s.io/v1beta1/APIService',
  'certificates.k8s.io/v1/CertificateSigningRequest',
  'certificates.k8s.io/v1beta1/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema',
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration',
  'networking.k8s.io/v1/IngressClass',
  'networking.k8s.io/v1beta1/IngressClass',
  'node.k8s.io/v1/RuntimeClass',
  'node.k8s.io/v1beta1/RuntimeClass',
  'policy/v1beta1/PodSecurityPolicy',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1beta1/ClusterRole',
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding',
  'scheduling.k8s.io/v1/PriorityClass',
  'scheduling.k8s.io/v1beta1/PriorityClass',
  'storage.k8s.io/v1/CSIDriver',
  'storage.k8s.io/v1/CSINode',
  'storage.k8s.io/v1/StorageClass',
  'storage.k8s.io/v1/VolumeAttachment',
  'storage.k8s.io/v1beta1/CSIDriver',
  'storage.k8s.io/v1beta1/CSINode',
  'storage.k8s.io/v1beta1/StorageClass',
  'storage.k8s.io/v1beta1/VolumeAttachment',
]);

/** kustomize's namespace for cluster-scoped resources when it matches or records namespaces. */
export const NOT_A_NAMESPACE = '_non_namespaceable_';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Whether kustomize v5.5.0 treats a kind of this apiVersion as cluster-scoped. */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${apiVersion}/${kind}`);
}

/**
 * kustomize's EffectiveNamespace: `_non_namespaceable_` for cluster-scoped kinds (whatever
 * metadata.namespace says), `default` for an empty or `default` namespace, else the namespace.
 */
export function effectiveNamespace(resource: JsonObject, namespace?: string): string {
  if (isClusterScoped(text(resource['apiVersion']), text(resource['kind']))) return NOT_A_NAMESPACE;
  const metadata = resource['metadata'];
  const own =
    namespace ??
    (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
      ? text(metadata['namespace'])
      : '');
  return own === '' ? 'default' : own;
}

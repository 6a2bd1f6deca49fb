/**
 * Which kinds kustomize treats as cluster-scoped. kustomize v5.5.0 asks its built-in OpenAPI
 * document (Kubernetes 1.21, versions served by default) and treats anything it does not find,
 * custom resources included, as namespaced. Observed with kubectl kustomize v5.5.0 by setting
 * `namespace:` on one resource of each kind: e.g. `scheduling.k8s.io/v1alpha1 PriorityClass`,
 * `flowcontrol.apiserver.k8s.io/v1 FlowSchema` and `authentication.k8s.io/v1 TokenReview` get the
 * namespace, so kustomize thinks them namespaced.
 */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  v1: ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['IngressClass'],
  'networking.k8s.io/v1beta1': ['IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
};

/** Splits an apiVersion into group (`''` for core) and version, as kustomize does. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Whether kustomize v5.5.0 treats a kind as cluster-scoped. With no version, the answer is yes
 * when the kind is cluster-scoped in any version of its group.
 */
export function isClusterScopedKind(group: string, version: string | undefined, kind: string): boolean {
  if (version !== undefined) {
    const apiVersion = group === '' ? version : `${group}/${version}`;
    return CLUSTER_SCOPED[apiVersion]?.includes(kind) ?? false;
  }
  const prefix = group === '' ? '' : `${group}/`;
  for (const [apiVersion, kinds] of Object.entries(CLUSTER_SCOPED)) {
    const inGroup = group === '' ? !apiVersion.includes('/') : apiVersion.startsWith(prefix);
    if (inGroup && kinds.includes(kind)) return true;
  }
  return false;
}

/** kustomize's "effective" namespace of a namespaced object: none means `default`. */
export function effectiveNamespace(namespace: string): string {
  return namespace === '' ? 'default' : namespace;
}

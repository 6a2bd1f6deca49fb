/**
 * The kinds kustomize v5.5.0 knows to be cluster-scoped, by exact `apiVersion`: the scopes of its
 * built-in Kubernetes v1.21.2 OpenAPI document (kyaml's `precomputedIsNamespaceScoped`). Any other
 * apiVersion and kind, including newer versions of these kinds (`flowcontrol.apiserver.k8s.io/v1`
 * FlowSchema), admission policies and every custom resource, is treated as namespaced and gets
 * `metadata.namespace` from `namespace:`. Checked with kubectl kustomize v5.5.0
 * (test/fixtures/kustomize/transformers/namespace-cluster-scoped).
 */
const CLUSTER_SCOPED: Record<string, readonly string[]> = {
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
  v1: ['ComponentStatus', 'Namespace', 'Node', 'NodeProxyOptions', 'PersistentVolume'],
};

/** Whether kustomize treats a kind as cluster-scoped (no `metadata.namespace` from `namespace:`). */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return Object.hasOwn(CLUSTER_SCOPED, apiVersion) && (CLUSTER_SCOPED[apiVersion] as string[]).includes(kind);
}

/**
 * The same by group and version; with no version, yes when the kind is cluster-scoped in any
 * version of its group (a name reference may not say which version it means).
 */
export function isClusterScopedKind(group: string, version: string | undefined, kind: string): boolean {
  if (version !== undefined) return isClusterScoped(group === '' ? version : `${group}/${version}`, kind);
  const prefix = group === '' ? '' : `${group}/`;
  for (const [apiVersion, kinds] of Object.entries(CLUSTER_SCOPED)) {
    const inGroup = group === '' ? !apiVersion.includes('/') : apiVersion.startsWith(prefix);
    if (inGroup && kinds.includes(kind)) return true;
  }
  return false;
}

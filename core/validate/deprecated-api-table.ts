/**
 * When Kubernetes deprecated and stopped serving one built-in apiVersion of one kind.
 *
 * Sources:
 * - `removedIn`, `replacement` and `note`: the Deprecated API Migration Guide,
 *   https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (kubernetes/website
 *   `content/en/docs/reference/using-api/deprecation-guide.md`, removals up to v1.32).
 * - `deprecatedIn`: the apiserver's own lifecycle tags (`+k8s:prerelease-lifecycle-gen:deprecated`,
 *   generated into `APILifecycleDeprecated()` in k8s.io/api `zz_generated.prerelease-lifecycle.go`,
 *   read at k8s.io/api v0.26.0). These drive the apiserver's deprecation warnings. The guide itself
 *   only says since when the replacement is available; entries where the value is inferred say so.
 */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** First minor release that deprecated this apiVersion of the kind, for example `1.19`. */
  deprecatedIn: string;
  /** First minor release that no longer serves it, for example `1.22`. */
  removedIn: string;
  /** The apiVersion to migrate to, for example `networking.k8s.io/v1`; absent when there is none. */
  replacement?: string;
  /** Field changes to look out for when migrating, short. */
  note?: string;
}

/**
 * The Kubernetes Deprecated API Migration Guide as data
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/): one row per apiVersion.
 */
/** One row of the guide: one apiVersion, the kinds it lists explicitly, and what they share. */
export interface LifecycleGroup extends Omit<ApiLifecycle, 'kind'> {
  kinds: readonly string[];
}

const SELECTOR = 'spec.selector is required and immutable; use the existing template labels';

export const LIFECYCLE_GROUPS: readonly LifecycleGroup[] = [
  // v1.16 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-16)
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'networking.k8s.io/v1',
  },
  {
    // apps/v1 is available from 1.9, but the apiserver tag says 1.8 for the extensions/v1beta1 workloads.
    apiVersion: 'extensions/v1beta1',
    kinds: ['DaemonSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: `spec.templateGeneration is removed; ${SELECTOR}; spec.updateStrategy.type defaults to RollingUpdate`,
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['DaemonSet'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: `${SELECTOR}; spec.updateStrategy.type defaults to RollingUpdate`,
  },
  ...['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => ({
    apiVersion,
    kinds: ['Deployment'],
    deprecatedIn: apiVersion === 'apps/v1beta2' ? '1.9' : '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: `spec.rollbackTo is removed; ${SELECTOR}; progressDeadlineSeconds, revisionHistoryLimit, maxSurge and maxUnavailable get new defaults`,
  })),
  ...['apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => ({
    apiVersion,
    kinds: ['StatefulSet'],
    deprecatedIn: apiVersion === 'apps/v1beta2' ? '1.9' : '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: `${SELECTOR}; spec.updateStrategy.type defaults to RollingUpdate`,
  })),
  // The guide lists apps/v1beta1 ReplicaSet too, although apps/v1beta1 never served ReplicaSet (k8s.io/api
  // has no such type); kept as the guide has it, deprecatedIn inferred from the other apps/v1beta1 kinds (1.8).
  ...['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => ({
    apiVersion,
    kinds: ['ReplicaSet'],
    deprecatedIn: apiVersion === 'apps/v1beta2' ? '1.9' : '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: SELECTOR,
  })),
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.11',
    removedIn: '1.16',
    replacement: 'policy/v1beta1',
    note: 'policy/v1beta1 PodSecurityPolicy was itself removed in v1.25',
  },
  // Not in the guide: ControllerRevision, from the same apiserver lifecycle tags (removed in 1.16).
  ...['apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => ({
    apiVersion,
    kinds: ['ControllerRevision'],
    deprecatedIn: apiVersion === 'apps/v1beta2' ? '1.9' : '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
  })),

  // v1.22 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-22)
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    note: 'failurePolicy defaults to Fail, matchPolicy to Equivalent, timeoutSeconds to 10s; sideEffects and admissionReviewVersions are required; webhook names must be unique',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    note: 'spec.scope is required; spec.version, validation, subresources and additionalPrinterColumns move into spec.versions[*]; a structural openAPIV3Schema is required',
  },
  {
    // Inferred: kube-aggregator's tag was not read. 1.19 is when the apiserver began warning about the
    // v1.22 removals (https://kubernetes.io/blog/2020/09/03/warnings/); apiregistration.k8s.io/v1 exists since 1.10.
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'authentication.k8s.io/v1',
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SubjectAccessReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
    note: 'spec.group is renamed spec.groups',
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    note: 'spec.signerName and spec.usages are required; kubernetes.io/legacy-unknown is not allowed',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'coordination.k8s.io/v1',
  },
  ...[
    { apiVersion: 'extensions/v1beta1', deprecatedIn: '1.14' },
    { apiVersion: 'networking.k8s.io/v1beta1', deprecatedIn: '1.19' },
  ].map(({ apiVersion, deprecatedIn }) => ({
    apiVersion,
    kinds: ['Ingress'],
    deprecatedIn,
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    note: 'spec.backend is renamed spec.defaultBackend; serviceName/servicePort become service.name and service.port.number or .name; pathType is required',
  })),
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IngressClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'StorageClass', 'VolumeAttachment'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSINode'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
  },

  // v1.25 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-25)
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'batch/v1',
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    note: 'topology is replaced by per-endpoint nodeName and zone',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'events.k8s.io/v1',
    note: 'involvedObject is renamed regarding; type is Normal or Warning; action, reason, reportingController and reportingInstance are required',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    note: 'targetAverageUtilization is replaced by target.averageUtilization with target.type: Utilization',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'policy/v1',
    note: 'an empty spec.selector ({}) now selects every pod in the namespace',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    note: 'migrate to Pod Security Admission or a third-party admission webhook',
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'node.k8s.io/v1',
  },

  // v1.26 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-26)
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta2',
  },
  {
    // The guide repeats the v2beta1 note here, but v2beta2 already uses target.averageUtilization.
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: 'autoscaling/v2',
  },

  // v1.27 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-27)
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: '1.24',
    removedIn: '1.27',
    replacement: 'storage.k8s.io/v1',
  },

  // v1.29 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-29). The guide offers
  // v1 (from 1.29) or v1beta3 (from 1.26); v1beta3 is recorded because 1.26 to 1.28 serve only it, and
  // `describeApiStatus` follows the chain on to v1 for targets that serve v1.
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema'],
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta3',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['PriorityLevelConfiguration'],
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta3',
    note: 'spec.limited.assuredConcurrencyShares is renamed spec.limited.nominalConcurrencyShares',
  },

  // v1.32 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-32). deprecatedIn inferred:
  // v1beta3 carries only `introduced=1.26`, and the lifecycle generator deprecates 3 minors later (1.29,
  // the release v1 became available).
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema'],
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['PriorityLevelConfiguration'],
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    note: 'spec.limited.nominalConcurrencyShares defaults to 30 only when unset; an explicit 0 stays 0',
  },
];

export function expandGroups(groups: readonly LifecycleGroup[]): ApiLifecycle[] {
  const lifecycles: ApiLifecycle[] = [];
  for (const { kinds, ...shared } of groups) {
    for (const kind of kinds) lifecycles.push(Object.freeze({ ...shared, kind }));
  }
  return lifecycles;
}

/** Every deprecated or removed built-in apiVersion/kind pair kubeproof knows, one entry per kind. */

import type { RuleEntry } from './rule-entry.ts';

/**
 * The policy rules, one entry each; the rule itself is core/policy/rules/<rule-id>.ts
 * (docs/architecture.md, "Where the next code goes"). `.kubeproof.yaml` `policy.rules` turns each on
 * or off and overrides its severity; README "Policy" says how.
 */
export const POLICY_RULES = {
  'latest-tag': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A container image uses the latest tag or no tag, so what runs can change without a commit.',
    help: 'Pin the image to a version tag (images: newTag in the kustomization, or the manifest), better with its digest.',
    readme: 'policy',
  },
  'unpinned-digest': {
    group: 'policy',
    defaultSeverity: 'notice',
    description: 'A container image is not pinned by its digest, so a re-pushed tag changes what runs.',
    help: 'Add the digest (image@sha256:..., or images: digest in the kustomization); kubeproof promote --digest writes it.',
    readme: 'policy',
  },
  'mutable-tag-protected': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      'A protected environment (promotion.protected) runs an image by a mutable tag without a digest.',
    help: 'Pin a version tag or a digest; mutable tags are latest, no tag, and those promotion.mutableTags matches.',
    readme: 'policy',
  },
  'missing-requests': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A container requests no CPU or no memory, so the scheduler cannot place it fairly.',
    help: 'Set resources.requests.cpu and resources.requests.memory on the container.',
    readme: 'policy',
  },
  'missing-memory-limit': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A container has no memory limit, so it can take the memory of its node.',
    help: 'Set resources.limits.memory on the container.',
    readme: 'policy',
  },
  'missing-probes': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A long-running container has no liveness or no readiness probe.',
    help: 'Add livenessProbe and readinessProbe to the container (Jobs and CronJobs are not asked for them).',
    readme: 'policy',
  },
  'privileged-container': {
    group: 'policy',
    defaultSeverity: 'error',
    description: 'A container runs privileged, with every capability and the devices of its node.',
    help: 'Remove securityContext.privileged: true, and add only the capabilities the container needs.',
    readme: 'policy',
  },
  'privilege-escalation': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A container does not set allowPrivilegeEscalation: false, so a process may gain privileges.',
    help: 'Set securityContext.allowPrivilegeEscalation: false on the container.',
    readme: 'policy',
  },
  'run-as-root': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A container runs as root, or may: neither runAsNonRoot: true nor a non-zero runAsUser is set.',
    help: 'Set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser the image supports.',
    readme: 'policy',
  },
  'host-namespaces': {
    group: 'policy',
    defaultSeverity: 'error',
    description: "A pod shares its node's network, process or IPC namespace (hostNetwork, hostPID, hostIPC).",
    help: 'Remove hostNetwork, hostPID and hostIPC from the pod spec, or suppress the rule for a node agent with a reason.',
    readme: 'policy',
  },
  'host-path': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: "A pod mounts a folder of its node (hostPath); the container runtime's socket is an error.",
    help: 'Use a PersistentVolumeClaim, ConfigMap or emptyDir instead; never mount the docker or containerd socket.',
    readme: 'policy',
  },
  'dangerous-capabilities': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      'A container adds a Linux capability beyond the Pod Security Standards baseline (SYS_ADMIN, ALL).',
    help: 'Remove the capability from securityContext.capabilities.add, or suppress the rule with a reason.',
    readme: 'policy',
  },
  'selector-mismatch': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      "A workload's selector does not match its pod template's labels, so the API server refuses it.",
    help: 'Make spec.selector match spec.template.metadata.labels (a selector cannot change once applied).',
    readme: 'policy',
  },
  'service-selects-nothing': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: "A Service's selector matches no pod of the environment, so it has no endpoints.",
    help: "Make spec.selector match the labels of the workload's pod template, in the same namespace.",
    readme: 'policy',
  },
  'dangling-reference': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A pod refers to a ConfigMap, Secret, ServiceAccount or volume claim the environment does not hold.',
    help: 'Add the resource to the environment, fix the name, mark the reference optional: true, or suppress the rule for resources made outside the repository.',
    readme: 'policy',
  },
  'plain-secret': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A Secret with data is committed in plain text (not a SealedSecret, not SOPS-encrypted).',
    help: 'Encrypt it (SealedSecret, SOPS), or move it to a secret store (External Secrets); rotate the values that were committed.',
    readme: 'policy',
  },
  'duplicate-env': {
    group: 'policy',
    defaultSeverity: 'warning',
    description: 'A container sets the same environment variable twice; only the last one counts.',
    help: 'Keep one entry per name in env.',
    readme: 'policy',
  },
  'low-replicas': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A workload of a production environment runs fewer than 2 replicas, so one failure stops it.',
    help: 'Set spec.replicas to 2 or more (production environments are policy.production, or the last of promotion.order).',
    readme: 'policy',
  },
  'policy-ignore': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A kubeproof.dev/ignore annotation gives no reason, or names a rule that is not a policy rule.',
    help: 'Say why in the kubeproof.dev/ignore-reason annotation beside it, and name policy rules by their id (docs/rules.md).',
    readme: 'suppressing-a-rule',
  },
} as const satisfies Record<string, RuleEntry>;

/**
 * What admission matching needs to know about a kind: its resource (the plural the API serves it
 * under, which resourceRules name) and whether it is namespaced. Built-in kinds come from the table
 * below; a CustomResourceDefinition in the environment or the policy files says it for its kind;
 * any other kind gets kubectl's guess (lower case, plural) and is taken as namespaced.
 */
import { isJsonObject, stringAt, type JsonObject } from '../../manifests/json-value.ts';

export interface KindInfo {
  resource: string;
  namespaced: boolean;
}

/** Built-in kinds whose plural is not the guess, and every cluster-scoped built-in kind. */
const BUILT_IN: Record<string, KindInfo> = {
  Endpoints: { resource: 'endpoints', namespaced: true },
  Namespace: { resource: 'namespaces', namespaced: false },
  Node: { resource: 'nodes', namespaced: false },
  PersistentVolume: { resource: 'persistentvolumes', namespaced: false },
  ClusterRole: { resource: 'clusterroles', namespaced: false },
  ClusterRoleBinding: { resource: 'clusterrolebindings', namespaced: false },
  CustomResourceDefinition: { resource: 'customresourcedefinitions', namespaced: false },
  APIService: { resource: 'apiservices', namespaced: false },
  StorageClass: { resource: 'storageclasses', namespaced: false },
  VolumeAttachment: { resource: 'volumeattachments', namespaced: false },
  CSIDriver: { resource: 'csidrivers', namespaced: false },
  CSINode: { resource: 'csinodes', namespaced: false },
  IngressClass: { resource: 'ingressclasses', namespaced: false },
  PriorityClass: { resource: 'priorityclasses', namespaced: false },
  RuntimeClass: { resource: 'runtimeclasses', namespaced: false },
  MutatingWebhookConfiguration: { resource: 'mutatingwebhookconfigurations', namespaced: false },
  ValidatingWebhookConfiguration: { resource: 'validatingwebhookconfigurations', namespaced: false },
  ValidatingAdmissionPolicy: { resource: 'validatingadmissionpolicies', namespaced: false },
  ValidatingAdmissionPolicyBinding: { resource: 'validatingadmissionpolicybindings', namespaced: false },
  MutatingAdmissionPolicy: { resource: 'mutatingadmissionpolicies', namespaced: false },
  MutatingAdmissionPolicyBinding: { resource: 'mutatingadmissionpolicybindings', namespaced: false },
  CertificateSigningRequest: { resource: 'certificatesigningrequests', namespaced: false },
  FlowSchema: { resource: 'flowschemas', namespaced: false },
  PriorityLevelConfiguration: { resource: 'prioritylevelconfigurations', namespaced: false },
  ComponentStatus: { resource: 'componentstatuses', namespaced: false },
  DeviceClass: { resource: 'deviceclasses', namespaced: false },
  IPAddress: { resource: 'ipaddresses', namespaced: false },
  ServiceCIDR: { resource: 'servicecidrs', namespaced: false },
};

/** kubectl's guess of a kind's resource (UnsafeGuessKindToResource): lower case, then plural. */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** Looks a kind up, with the CRDs of the environment and the policy files first. */
export interface KindTable {
  info(group: string, kind: string): KindInfo;
}

/** A table over the given CustomResourceDefinitions (any other object is skipped). */
export function kindTable(objects: Iterable<JsonObject>): KindTable {
  const crds = new Map<string, KindInfo>();
  for (const object of objects) {
    if (object['kind'] !== 'CustomResourceDefinition' || !isJsonObject(object['spec'])) continue;
    const group = stringAt(object, 'spec', 'group');
    const kind = stringAt(object, 'spec', 'names', 'kind');
    const plural = stringAt(object, 'spec', 'names', 'plural');
    if (group === undefined || kind === undefined) continue;
    crds.set(`${group}/${kind}`, {
      resource: plural ?? guessResource(kind),
      namespaced: stringAt(object, 'spec', 'scope') !== 'Cluster',
    });
  }
  return {
    info(group, kind) {
      return (
        crds.get(`${group}/${kind}`) ?? BUILT_IN[kind] ?? { resource: guessResource(kind), namespaced: true }
      );
    },
  };
}

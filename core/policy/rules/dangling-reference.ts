import { isJsonObject, type JsonObject, type JsonValue } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { sameNamespace } from '../label-selector.ts';
import { type PodSpecSite, resourceName, workloadLabel } from '../pod-specs.ts';

type Kind = 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';

interface Reference {
  kind: Kind;
  name: string;
  pointer: string;
  /** `volume config`, `envFrom of container web`. */
  where: string;
}

/**
 * Names that exist without being in the repository: the `default` ServiceAccount and the
 * `kube-root-ca.crt` ConfigMap are in every namespace (made by the controller manager).
 */
const ALWAYS_THERE: Record<Kind, ReadonlySet<string>> = {
  ConfigMap: new Set(['kube-root-ca.crt']),
  Secret: new Set(),
  ServiceAccount: new Set(['default']),
  PersistentVolumeClaim: new Set(),
};

/**
 * What makes a resource of each kind besides itself: a SealedSecret or an ExternalSecret makes its
 * Secret, a cert-manager Certificate its `secretName`. Each gives the name it makes.
 */
const MAKERS: Record<string, { kind: Kind; name(object: JsonObject): string | undefined }> = {
  SealedSecret: {
    kind: 'Secret',
    name: (object) => nested(object, 'spec', 'template', 'metadata', 'name') ?? resourceName(object).name,
  },
  ExternalSecret: {
    kind: 'Secret',
    name: (object) => nested(object, 'spec', 'target', 'name') ?? resourceName(object).name,
  },
  Certificate: { kind: 'Secret', name: (object) => nested(object, 'spec', 'secretName') },
};

function nested(value: JsonValue | undefined, ...keys: string[]): string | undefined {
  let node = value;
  for (const key of keys) node = isJsonObject(node) ? node[key] : undefined;
  return typeof node === 'string' && node !== '' ? node : undefined;
}

function optional(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && value['optional'] === true;
}

/** The ConfigMaps, Secrets, ServiceAccounts and claims a pod spec refers to (optional ones left out). */
function references(pod: PodSpecSite): Reference[] {
  const found: Reference[] = [];
  const add = (kind: Kind, name: string | undefined, pointer: string, where: string): void => {
    if (name !== undefined) found.push({ kind, name, pointer, where });
  };
  const { spec, pointer } = pod;
  const account = nested(spec, 'serviceAccountName') ?? nested(spec, 'serviceAccount');
  add(
    'ServiceAccount',
    account,
    `${pointer}/${nested(spec, 'serviceAccountName') ? 'serviceAccountName' : 'serviceAccount'}`,
    'serviceAccountName',
  );
  const pulls = spec['imagePullSecrets'];
  if (Array.isArray(pulls))
    pulls.forEach((pull, i) =>
      add('Secret', nested(pull, 'name'), `${pointer}/imagePullSecrets/${i}/name`, 'imagePullSecrets'),
    );
  const volumes = spec['volumes'];
  if (Array.isArray(volumes))
    volumes.forEach((volume, i) => {
      if (!isJsonObject(volume)) return;
      const at = `${pointer}/volumes/${i}`;
      const where = `volume ${nested(volume, 'name') ?? i}`;
      if (!optional(volume['configMap']))
        add('ConfigMap', nested(volume, 'configMap', 'name'), `${at}/configMap/name`, where);
      if (!optional(volume['secret']))
        add('Secret', nested(volume, 'secret', 'secretName'), `${at}/secret/secretName`, where);
      add(
        'PersistentVolumeClaim',
        nested(volume, 'persistentVolumeClaim', 'claimName'),
        `${at}/persistentVolumeClaim/claimName`,
        where,
      );
      const sources = isJsonObject(volume['projected']) ? volume['projected']['sources'] : undefined;
      if (Array.isArray(sources))
        sources.forEach((source, j) => {
          if (!isJsonObject(source)) return;
          const from = `${at}/projected/sources/${j}`;
          if (!optional(source['configMap']))
            add('ConfigMap', nested(source, 'configMap', 'name'), `${from}/configMap/name`, where);
          if (!optional(source['secret']))
            add('Secret', nested(source, 'secret', 'name'), `${from}/secret/name`, where);
        });
    });
  for (const site of pod.containers) {
    const where = `container ${site.name}`;
    const envFrom = site.container['envFrom'];
    if (Array.isArray(envFrom))
      envFrom.forEach((entry, j) => {
        if (!isJsonObject(entry)) return;
        const at = `${site.pointer}/envFrom/${j}`;
        if (!optional(entry['configMapRef']))
          add(
            'ConfigMap',
            nested(entry, 'configMapRef', 'name'),
            `${at}/configMapRef/name`,
            `envFrom of ${where}`,
          );
        if (!optional(entry['secretRef']))
          add('Secret', nested(entry, 'secretRef', 'name'), `${at}/secretRef/name`, `envFrom of ${where}`);
      });
    const env = site.container['env'];
    if (Array.isArray(env))
      env.forEach((entry, j) => {
        const from = isJsonObject(entry) ? entry['valueFrom'] : undefined;
        if (!isJsonObject(from)) return;
        const at = `${site.pointer}/env/${j}/valueFrom`;
        const variable = `env ${nested(entry, 'name') ?? j} of ${where}`;
        if (!optional(from['configMapKeyRef']))
          add('ConfigMap', nested(from, 'configMapKeyRef', 'name'), `${at}/configMapKeyRef/name`, variable);
        if (!optional(from['secretKeyRef']))
          add('Secret', nested(from, 'secretKeyRef', 'name'), `${at}/secretKeyRef/name`, variable);
      });
  }
  return found;
}

/** What the environment holds: `kind/name` to the namespaces it is in (undefined: not said). */
function held(context: PolicyContext): Map<string, (string | undefined)[]> {
  const byName = new Map<string, (string | undefined)[]>();
  const add = (kind: string, name: string | undefined, namespace: string | undefined): void => {
    if (name === undefined || name === '') return;
    const key = `${kind}/${name}`;
    byName.set(key, [...(byName.get(key) ?? []), namespace]);
  };
  for (const { object } of context.resources) {
    const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
    const { name, namespace } = resourceName(object);
    add(kind, name, namespace);
    const maker = MAKERS[kind];
    if (maker !== undefined) add(maker.kind, maker.name(object), namespace);
  }
  return byName;
}

/**
 * `dangling-reference`: a pod refers to a ConfigMap, Secret, ServiceAccount or
 * PersistentVolumeClaim that the environment holds in no namespace the pod may be in. References
 * marked `optional: true` are left out, and so are the `default` ServiceAccount and the
 * `kube-root-ca.crt` ConfigMap, which every namespace has; a SealedSecret, an ExternalSecret or a
 * cert-manager Certificate counts as the Secret it makes. Anything else made outside the
 * repository is reported: suppress the rule on the workload, with a reason.
 */
export function danglingReference(context: PolicyContext): PolicyHit[] {
  const present = held(context);
  const hits: PolicyHit[] = [];
  for (const pod of context.pods)
    for (const reference of references(pod)) {
      if (ALWAYS_THERE[reference.kind].has(reference.name)) continue;
      const namespaces = present.get(`${reference.kind}/${reference.name}`) ?? [];
      if (namespaces.some((namespace) => sameNamespace(namespace, pod.namespace))) continue;
      hits.push({
        ruleId: 'dangling-reference',
        resource: pod.resource,
        pointer: reference.pointer,
        message: `${workloadLabel(pod)}: ${reference.where} refers to ${reference.kind} ${reference.name}, which the environment does not hold${pod.namespace === undefined ? '' : ` in namespace ${pod.namespace}`}`,
      });
    }
  return hits;
}

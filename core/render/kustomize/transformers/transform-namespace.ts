import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import {
  FieldSpecError,
  applyFieldSpecs,
  resourceIdString,
  type FieldSpec,
  type FieldVisitor,
} from '../field-specs.ts';
import { NAMESPACE_FIELD_SPECS } from '../field-specs-defaults.ts';
import { isClusterScoped } from './transform-cluster-scoped.ts';
import { transformEach, type TransformResult } from './transform-result.ts';

/** Options of the NamespaceTransformer (`namespace:` uses the defaults). */
export interface NamespaceOptions {
  /** Replaces NAMESPACE_FIELD_SPECS. metadata/namespace is always set on namespaced kinds. */
  fieldSpecs?: readonly FieldSpec[];
  /** Only set namespace fields that are missing or empty. */
  unsetOnly?: boolean;
  /**
   * Which RoleBinding and ClusterRoleBinding subjects get the namespace: `defaultOnly` (the
   * default) every subject named `default`, whatever its kind; `allServiceAccounts` every subject
   * of kind ServiceAccount; `none` no subject.
   */
  setRoleBindingSubjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
}

const META_NAMESPACE: readonly FieldSpec[] = [{ path: 'metadata/namespace', create: true }];

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function isRoleBinding(kind: string | undefined): boolean {
  return kind === 'RoleBinding' || kind === 'ClusterRoleBinding';
}

function setter(namespace: string, unsetOnly: boolean): FieldVisitor {
  return (value) => {
    if (value !== undefined && typeof value === 'object')
      throw new FieldSpecError('namespace field specs must target scalar nodes');
    if (unsetOnly && value !== undefined && value !== '') return value;
    return namespace;
  };
}

function setSubjects(
  resource: JsonObject,
  set: FieldVisitor,
  mode: NamespaceOptions['setRoleBindingSubjects'],
): JsonObject {
  const subjects = resource['subjects'];
  if (mode === 'none' || subjects === undefined || subjects === null) return resource;
  if (!Array.isArray(subjects))
    throw new FieldSpecError('setting namespace on (cluster)role binding subjects: expected a sequence');
  const updated = subjects.map((subject) => {
    if (!isJsonObject(subject)) return subject;
    const chosen =
      mode === 'allServiceAccounts' ? subject['kind'] === 'ServiceAccount' : subject['name'] === 'default';
    if (!chosen) return subject;
    const current = subject['namespace'];
    const next = set(current === null ? undefined : current);
    return next === current ? subject : { ...subject, namespace: next };
  });
  return { ...resource, subjects: updated };
}

function transformOne(
  resource: JsonObject,
  specs: readonly FieldSpec[],
  set: FieldVisitor,
  options: NamespaceOptions,
): JsonObject {
  const apiVersion = text(resource['apiVersion']);
  const kind = text(resource['kind']);
  // metadata/namespace is only ever set on namespaced kinds, and metadata/name only on `v1` kinds
  // (a Namespace is renamed to the namespace; a custom `Namespace` kind is left alone).
  let rest = specs.filter(
    (s) => s.path !== 'metadata/namespace' && (apiVersion === 'v1' || s.path !== 'metadata/name'),
  );
  let result = resource;
  if (!isClusterScoped(apiVersion, kind)) result = applyFieldSpecs(result, META_NAMESPACE, set);
  if (isRoleBinding(kind)) {
    rest = rest.filter((s) => !(isRoleBinding(s.kind) && s.path === 'subjects/namespace'));
    result = setSubjects(result, set, options.setRoleBindingSubjects ?? 'defaultOnly');
  }
  return applyFieldSpecs(result, rest, set);
}

function idKey(resource: JsonObject): string {
  const metadata = isJsonObject(resource['metadata']) ? resource['metadata'] : {};
  return JSON.stringify([resource['apiVersion'], resource['kind'], metadata['namespace'], metadata['name']]);
}

/**
 * kustomize's NamespaceTransformer (`namespace:`): sets metadata.namespace on every namespaced
 * resource (cluster-scoped kinds are left alone, see isClusterScoped), renames `v1` Namespaces to
 * the namespace, sets the namespace of RoleBinding and ClusterRoleBinding subjects (see
 * `setRoleBindingSubjects`), of an APIService's service (created when missing) and of a
 * CustomResourceDefinition's conversion webhook service (only when present). Webhook
 * configurations are not changed here: their service namespace follows the Service through name
 * references. Two resources ending with the same id is an error, as in kustomize.
 */
export function transformNamespace(
  resources: readonly JsonObject[],
  namespace: string,
  options: NamespaceOptions = {},
): TransformResult {
  if (namespace === '') return { resources: [...resources], errors: [] };
  const specs = options.fieldSpecs ?? NAMESPACE_FIELD_SPECS;
  const set = setter(namespace, options.unsetOnly === true);
  const result = transformEach(resources, (resource) => transformOne(resource, specs, set, options));
  const seen = new Set<string>();
  result.resources.forEach((resource, index) => {
    const key = idKey(resource);
    if (seen.has(key))
      result.errors.push({
        error: `namespace transformation produces ID conflict: ${resourceIdString(resource)}`,
        index,
      });
    seen.add(key);
  });
  return result;
}

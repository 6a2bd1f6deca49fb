import { own, pointer, type CrdProblem, type JsonObject } from './crd-json.ts';
import { isJsonObject } from '../manifests/json-value.ts';

const V1 = 'apiextensions.k8s.io/v1';
const V1BETA1 = 'apiextensions.k8s.io/v1beta1';

/** One version a CRD serves, with the schema that applies to it. */
export interface ServedVersion {
  name: string;
  /** The `openAPIV3Schema` as written (any value), `undefined` when the version has none. */
  schema: unknown;
  /** JSON pointer of `schema` inside the CRD. */
  schemaPath: string;
  /** The version has the status subresource: the API server ignores `status` on create and update. */
  statusSubresource: boolean;
}

/** What the converter needs from a CRD. */
export interface CrdSpec {
  group: string;
  kind: string;
  /**
   * Unknown fields are pruned. v1beta1 CRDs keep them unless `spec.preserveUnknownFields: false`,
   * v1 CRDs prune them (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning).
   */
  prune: boolean;
  versions: ServedVersion[];
}

interface SchemaSource {
  schema: unknown;
  schemaPath: string;
}

/** `<at>/schema/openAPIV3Schema`; a `schema` that is not an object is passed on to be reported. */
function readSchema(holder: unknown, key: 'schema' | 'validation', at: string): SchemaSource | undefined {
  const wrapper = own(holder, key);
  if (wrapper === undefined || wrapper === null) return undefined;
  if (!isJsonObject(wrapper)) return { schema: wrapper, schemaPath: pointer(at, key) };
  const schema = own(wrapper, 'openAPIV3Schema');
  if (schema === undefined || schema === null) return undefined;
  return { schema, schemaPath: pointer(at, key, 'openAPIV3Schema') };
}

function hasStatusSubresource(holder: unknown): boolean {
  return isJsonObject(own(own(holder, 'subresources'), 'status'));
}

function readName(entry: unknown, at: string, seen: Set<string>, problems: CrdProblem[]): string | undefined {
  if (!isJsonObject(entry)) {
    problems.push({ message: 'a version must be an object; ignored', path: at });
    return undefined;
  }
  const name = own(entry, 'name');
  if (typeof name !== 'string' || name === '') {
    problems.push({ message: 'version name is required; version ignored', path: pointer(at, 'name') });
    return undefined;
  }
  if (seen.has(name)) {
    problems.push({ message: `version ${name} is listed twice; ignored`, path: pointer(at, 'name') });
    return undefined;
  }
  seen.add(name);
  return own(entry, 'served') === true ? name : undefined;
}

function readVersions(spec: JsonObject, beta: boolean, problems: CrdProblem[]): ServedVersion[] {
  const shared = beta ? readSchema(spec, 'validation', '/spec') : undefined;
  const sharedStatus = beta && hasStatusSubresource(spec);
  const list = own(spec, 'versions');
  const legacyName = own(spec, 'version');
  if (
    beta &&
    (!Array.isArray(list) || list.length === 0) &&
    typeof legacyName === 'string' &&
    legacyName !== ''
  ) {
    // v1beta1 `spec.version` alone: one version, served and stored.
    return [
      { name: legacyName, statusSubresource: sharedStatus, schema: undefined, schemaPath: '', ...shared },
    ];
  }
  if (!Array.isArray(list)) {
    problems.push({ message: 'spec.versions must be a list of versions', path: '/spec/versions' });
    return [];
  }
  const versions: ServedVersion[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of list.entries()) {
    const at = pointer('/spec/versions', index);
    const name = readName(entry, at, seen, problems);
    if (name === undefined) continue;
    const source = readSchema(entry, 'schema', at) ?? shared;
    const status =
      beta && own(entry, 'subresources') === undefined ? sharedStatus : hasStatusSubresource(entry);
    versions.push({ name, statusSubresource: status, schema: undefined, schemaPath: '', ...source });
  }
  return versions;
}

function requiredString(
  value: unknown,
  path: string,
  what: string,
  problems: CrdProblem[],
): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  problems.push({ message: `${what} is required`, path });
  return undefined;
}

/**
 * Reads group, kind, pruning and served versions from a parsed CustomResourceDefinition, in
 * `apiextensions.k8s.io/v1` (`spec.versions[].schema`) or `v1beta1` (`spec.validation` shared by
 * every version unless one has its own `schema`; `spec.version` alone). Returns `undefined`, with the
 * reasons in `problems`, when the object cannot be read as a CRD.
 */
export function readCrdSpec(crd: unknown, problems: CrdProblem[]): CrdSpec | undefined {
  if (!isJsonObject(crd)) {
    problems.push({ message: 'a CustomResourceDefinition must be an object', path: '' });
    return undefined;
  }
  if (own(crd, 'kind') !== 'CustomResourceDefinition') {
    problems.push({ message: 'kind must be CustomResourceDefinition', path: '/kind' });
    return undefined;
  }
  const apiVersion = own(crd, 'apiVersion');
  const beta = apiVersion === V1BETA1;
  if (!beta && apiVersion !== V1) {
    problems.push({ message: `apiVersion must be ${V1} or ${V1BETA1}; read as ${V1}`, path: '/apiVersion' });
  }
  const spec = own(crd, 'spec');
  if (!isJsonObject(spec)) {
    problems.push({ message: 'spec must be an object', path: '/spec' });
    return undefined;
  }
  const group = requiredString(own(spec, 'group'), '/spec/group', 'spec.group', problems);
  const kind = requiredString(
    own(own(spec, 'names'), 'kind'),
    '/spec/names/kind',
    'spec.names.kind',
    problems,
  );
  if (group === undefined || kind === undefined) return undefined;
  const preserve = own(spec, 'preserveUnknownFields');
  const prune = beta ? preserve === false : preserve !== true;
  return { group, kind, prune, versions: readVersions(spec, beta, problems) };
}

/**
 * The params of a binding for one request (paramKind on the policy, paramRef on the binding),
 * looked up among the policy files and the rendered environment
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#parameter-resources).
 * paramRef.namespace is used when given; otherwise a namespaced param kind is looked up in the
 * request's namespace. A param written without metadata.namespace matches any namespace: where it
 * will be applied is not in the file. No match with parameterNotFoundAction Deny (the default) is
 * an error under the failurePolicy; with Allow the binding passes.
 */
import { objectAt, stringAt, type JsonObject } from '../../manifests/json-value.ts';
import type { Binding, CompiledPolicy, SourcedObject } from './admission-types.ts';
import { labelsOf, selectorMatches } from './label-selector.ts';
import type { KindTable } from './resource-kinds.ts';

export type ParamsResolution =
  | { kind: 'none' }
  | { kind: 'found'; params: JsonObject[] }
  | { kind: 'missing'; deny: boolean; what: string }
  | { kind: 'no-param-ref' };

/** Candidate params objects by `apiVersion kind`, and by `apiVersion kind name`. */
export type ParamsIndex = Map<string, JsonObject[]>;

function add(index: ParamsIndex, key: string, object: JsonObject): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [object]);
  else list.push(object);
}

/** Indexes every object that could be a param. */
export function paramsIndex(objects: readonly SourcedObject[]): ParamsIndex {
  const index: ParamsIndex = new Map();
  for (const { object } of objects) {
    const key = `${String(object['apiVersion'])} ${String(object['kind'])}`;
    add(index, key, object);
    add(index, `${key} ${stringAt(object, 'metadata', 'name') ?? ''}`, object);
  }
  return index;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '';
}

/** The params the binding gives the policy on a request in `namespace` ('' when cluster-scoped). */
export function resolveParams(
  policy: CompiledPolicy,
  binding: Binding,
  namespace: string,
  index: ParamsIndex,
  kinds: KindTable,
): ParamsResolution {
  const paramKind = policy.paramKind;
  if (paramKind === undefined) return { kind: 'none' };
  const ref = binding.paramRef;
  if (ref === undefined) return { kind: 'no-param-ref' };
  const namespaced = kinds.info(groupOf(paramKind.apiVersion), paramKind.kind).namespaced;
  const wanted = stringAt(ref, 'namespace') ?? (namespaced ? namespace : '');
  const name = stringAt(ref, 'name');
  const selector = objectAt(ref, 'selector');
  const key = `${paramKind.apiVersion} ${paramKind.kind}`;
  const candidates = index.get(name === undefined ? key : `${key} ${name}`) ?? [];
  const params = candidates.filter((object) => {
    const own = stringAt(object, 'metadata', 'namespace');
    if (namespaced && wanted !== '' && own !== undefined && own !== wanted) return false;
    if (name !== undefined) return stringAt(object, 'metadata', 'name') === name;
    return selectorMatches(selector, labelsOf(object));
  });
  if (params.length > 0) return { kind: 'found', params };
  const where = namespaced && wanted !== '' ? ` in namespace ${wanted}` : '';
  const what = `${paramKind.kind} ${name === undefined ? 'matching paramRef.selector' : `'${name}'`}${where}`;
  return { kind: 'missing', deny: ref['parameterNotFoundAction'] !== 'Allow', what };
}

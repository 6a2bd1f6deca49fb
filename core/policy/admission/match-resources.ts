/**
 * Whether an admission request matches a policy's `matchConstraints` or a binding's
 * `matchResources`, as the API server decides it
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#matching-requests-matchconstraints):
 * namespaceSelector (skipped for cluster-scoped objects other than Namespaces), objectSelector
 * (the new or the old labels), resourceRules and excludeResourceRules. matchPolicy Equivalent
 * (the same resource served under another group or version) is not modelled: rules match the
 * group and version the manifest is written in.
 */
import { isJsonObject, type JsonValue } from '../../manifests/json-value.ts';
import { selectorMatches, type Labels } from './label-selector.ts';

/** What matching reads of one request. */
export interface RequestAttributes {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  isNamespace: boolean;
  name: string;
  operation: 'CREATE' | 'UPDATE';
  labels: Labels;
  /** The labels at the base, for an UPDATE. */
  oldLabels?: Labels;
  /** The labels of the request's Namespace (of the object itself when it is a Namespace). */
  namespaceLabels: Labels;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const listed = (list: string[], value: string): boolean => list.includes('*') || list.includes(value);

function resourceListed(resources: string[], resource: string): boolean {
  return resources.some((item) => item === resource || item === '*' || item === '*/*');
}

/** Whether one resourceRule (NamedRuleWithOperations) matches. */
export function ruleMatches(rule: JsonValue, request: RequestAttributes): boolean {
  if (!isJsonObject(rule)) return false;
  if (!listed(strings(rule['operations']), request.operation)) return false;
  if (!listed(strings(rule['apiGroups']), request.group)) return false;
  if (!listed(strings(rule['apiVersions']), request.version)) return false;
  if (!resourceListed(strings(rule['resources']), request.resource)) return false;
  const names = strings(rule['resourceNames']);
  if (names.length > 0 && !names.includes(request.name)) return false;
  const scope = rule['scope'] ?? '*';
  if (scope === 'Cluster' && request.namespaced) return false;
  if (scope === 'Namespaced' && !request.namespaced) return false;
  return true;
}

/**
 * Whether a MatchResources matches. A policy's matchConstraints must list resourceRules; a
 * binding's matchResources without them matches whatever the policy matches.
 */
export function matchResourcesMatch(
  match: JsonValue | undefined,
  request: RequestAttributes,
  rulesRequired: boolean,
): boolean {
  if (!isJsonObject(match)) return !rulesRequired;
  if (request.namespaced || request.isNamespace)
    if (!selectorMatches(match['namespaceSelector'], request.namespaceLabels)) return false;
  const objectSelector = match['objectSelector'];
  const labelsMatch =
    selectorMatches(objectSelector, request.labels) ||
    (request.oldLabels !== undefined && selectorMatches(objectSelector, request.oldLabels));
  if (!labelsMatch) return false;
  const rules = match['resourceRules'];
  const listedRules = Array.isArray(rules) && rules.length > 0 ? rules : undefined;
  if (listedRules === undefined ? rulesRequired : !listedRules.some((rule) => ruleMatches(rule, request)))
    return false;
  const excluded = match['excludeResourceRules'];
  return !(Array.isArray(excluded) && excluded.some((rule) => ruleMatches(rule, request)));
}

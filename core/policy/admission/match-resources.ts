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

/** A resourceRule, read once: each list as a set, `*` as "any". */
interface CompiledRule {
  operations: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  versions: ReadonlySet<string>;
  resources: ReadonlySet<string>;
  names: ReadonlySet<string>;
  scope: JsonValue;
}

function compileRule(rule: JsonValue): CompiledRule | undefined {
  if (!isJsonObject(rule)) return undefined;
  return {
    operations: new Set(strings(rule['operations'])),
    groups: new Set(strings(rule['apiGroups'])),
    versions: new Set(strings(rule['apiVersions'])),
    resources: new Set(strings(rule['resources'])),
    names: new Set(strings(rule['resourceNames'])),
    scope: rule['scope'] ?? '*',
  };
}

const listed = (set: ReadonlySet<string>, value: string): boolean => set.has('*') || set.has(value);

/** Whether one resourceRule (NamedRuleWithOperations) matches. */
function ruleMatches(rule: CompiledRule, request: RequestAttributes): boolean {
  if (!listed(rule.operations, request.operation)) return false;
  if (!listed(rule.groups, request.group)) return false;
  if (!listed(rule.versions, request.version)) return false;
  // `*` is every resource, `*/*` every resource and subresource; a request here has no subresource.
  const { resources } = rule;
  if (!resources.has(request.resource) && !resources.has('*') && !resources.has('*/*')) return false;
  if (rule.names.size > 0 && !rule.names.has(request.name)) return false;
  if (rule.scope === 'Cluster' && request.namespaced) return false;
  if (rule.scope === 'Namespaced' && !request.namespaced) return false;
  return true;
}

/** Whether a request matches: a MatchResources compiled once. */
export type Matcher = (request: RequestAttributes) => boolean;

/**
 * Compiles a MatchResources. A policy's matchConstraints must list resourceRules; a binding's
 * matchResources without them matches whatever the policy matches.
 */
export function compileMatch(match: JsonValue | undefined, rulesRequired: boolean): Matcher {
  if (!isJsonObject(match)) return () => !rulesRequired;
  const namespaceSelector = match['namespaceSelector'];
  const objectSelector = match['objectSelector'];
  const rules = (Array.isArray(match['resourceRules']) ? match['resourceRules'] : []).flatMap(
    (rule) => compileRule(rule) ?? [],
  );
  const excluded = (
    Array.isArray(match['excludeResourceRules']) ? match['excludeResourceRules'] : []
  ).flatMap((rule) => compileRule(rule) ?? []);
  return (request) => {
    if (request.namespaced || request.isNamespace)
      if (!selectorMatches(namespaceSelector, request.namespaceLabels)) return false;
    const labelsMatch =
      selectorMatches(objectSelector, request.labels) ||
      (request.oldLabels !== undefined && selectorMatches(objectSelector, request.oldLabels));
    if (!labelsMatch) return false;
    if (rules.length === 0 ? rulesRequired : !rules.some((rule) => ruleMatches(rule, request))) return false;
    return !excluded.some((rule) => ruleMatches(rule, request));
  };
}

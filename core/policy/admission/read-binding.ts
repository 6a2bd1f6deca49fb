/**
 * Reads a ValidatingAdmissionPolicyBinding: the policy it names, its validationActions (Deny,
 * Warn, Audit; Deny and Warn together are refused, as the API server refuses them), paramRef and
 * matchResources. A malformed binding is an `admission-policy-invalid` finding and is not used.
 */
import type { Finding } from '../../findings.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../../manifests/json-value.ts';
import type { Binding, SourcedObject, ValidationAction } from './admission-types.ts';
import { selectorProblem } from './label-selector.ts';

const ACTIONS = new Set<string>(['Deny', 'Warn', 'Audit']);

function problemOf(doc: SourcedObject): string | undefined {
  const spec = objectAt(doc.object, 'spec');
  if (stringAt(spec, 'policyName') === undefined) return 'spec.policyName is required';
  const actions = arrayAt(spec, 'validationActions');
  if (actions.length === 0) return 'spec.validationActions must list Deny, Warn or Audit';
  const unknown = actions.find((action) => typeof action !== 'string' || !ACTIONS.has(action));
  if (unknown !== undefined)
    return `spec.validationActions: ${JSON.stringify(unknown)} is not Deny, Warn or Audit`;
  if (actions.includes('Deny') && actions.includes('Warn'))
    return 'spec.validationActions cannot hold both Deny and Warn';
  const paramRef = spec?.['paramRef'];
  if (paramRef !== undefined) {
    if (!isJsonObject(paramRef)) return 'spec.paramRef must be a mapping';
    if (paramRef['name'] !== undefined && paramRef['selector'] !== undefined)
      return 'spec.paramRef takes name or selector, not both';
    if (paramRef['name'] === undefined && paramRef['selector'] === undefined)
      return 'spec.paramRef needs name or selector';
    const action = paramRef['parameterNotFoundAction'];
    if (action !== undefined && action !== 'Allow' && action !== 'Deny')
      return 'spec.paramRef.parameterNotFoundAction must be Allow or Deny';
    const selector = selectorProblem(paramRef['selector']);
    if (selector !== undefined) return `spec.paramRef.selector: ${selector}`;
  }
  const match = spec?.['matchResources'];
  if (match !== undefined && !isJsonObject(match)) return 'spec.matchResources must be a mapping';
  for (const key of ['namespaceSelector', 'objectSelector'] as const) {
    const problem = selectorProblem(isJsonObject(match) ? match[key] : undefined);
    if (problem !== undefined) return `spec.matchResources.${key}: ${problem}`;
  }
  return undefined;
}

/** The binding, or the finding that says why it is not used. */
export function readBinding(doc: SourcedObject): Binding | Finding {
  const name = stringAt(doc.object, 'metadata', 'name') ?? '';
  const problem = name === '' ? 'metadata.name is missing' : problemOf(doc);
  const source = { path: doc.path, ...(doc.line === undefined ? {} : { line: doc.line }) };
  if (problem !== undefined)
    return {
      ruleId: 'admission-policy-invalid',
      severity: 'error',
      message: `ValidatingAdmissionPolicyBinding '${name}': ${problem}: the binding is not used`,
      ...source,
    };
  const spec = objectAt(doc.object, 'spec');
  const paramRef = objectAt(spec, 'paramRef');
  const matchResources = objectAt(spec, 'matchResources');
  return {
    name,
    source,
    policyName: stringAt(spec, 'policyName') as string,
    ...(paramRef === undefined ? {} : { paramRef }),
    ...(matchResources === undefined ? {} : { matchResources }),
    actions: arrayAt(spec, 'validationActions') as ValidationAction[],
  };
}

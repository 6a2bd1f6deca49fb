/**
 * The team's own ValidatingAdmissionPolicy files, evaluated offline on one rendered environment
 * as the API server would evaluate them at admission (issue 13). Policies, bindings and params
 * come from the policy files (`policy.admissionPolicies` in .kubeproof.yaml) and from the rendered
 * environment itself; every expression compiles once per call, and each head resource is one
 * request: CREATE, or UPDATE with `oldObject` when the base renders it too. Pure: data in,
 * findings out (docs/architecture.md, convention 6).
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { Finding } from '../../findings.ts';
import { stringAt, type JsonObject } from '../../manifests/json-value.ts';
import type { RenderedResource } from '../../render/kustomize/build-kustomization.ts';
import { admissionEnvironment } from './cel/admission-environment.ts';
import { offlineAuthorizer } from './cel/authorizer.ts';
import { CelCache } from './cel/cel-values.ts';
import {
  admissionRequest,
  namespaceIndex,
  resourceKey,
  type AdmissionRequest,
  type RequestSetting,
} from './admission-request.ts';
import type { Binding, CompiledExpression, CompiledPolicy, SourcedObject } from './admission-types.ts';
import { compilePolicy, quoteExpression } from './compile-policy.ts';
import { actionSeverity, evaluateBinding, type BindingSink } from './evaluate-binding.ts';
import { compileMatch } from './match-resources.ts';
import { readBinding } from './read-binding.ts';
import { paramsIndex, resolveParams, type ParamsResolution } from './resolve-params.ts';
import { kindTable } from './resource-kinds.ts';

export interface AdmissionInput {
  environment: string;
  /** Rendered head resources of the environment. */
  head: readonly RenderedResource[];
  /** The same environment rendered at the base, undefined when there is no base. */
  base?: readonly RenderedResource[];
  /** Documents holding policies, bindings and param objects from the configured paths. */
  documents: readonly { path: string; line?: number; object: JsonObject }[];
}

const ADMISSION_GROUP = 'admissionregistration.k8s.io/v1';

function isKind(object: JsonObject, kind: string): boolean {
  return object['apiVersion'] === ADMISSION_GROUP && object['kind'] === kind;
}

function unchecked(
  source: { path: string; line?: number },
  message: string,
  severity: 'warning' | 'notice',
): Finding {
  return { ruleId: 'admission-policy-unchecked', severity, message, ...source };
}

/** Findings of the environment's admission policies on its head resources. */
export function evaluateAdmissionPolicies(input: AdmissionInput): Finding[] {
  return evaluateAdmissionPoliciesOnResources(input).findings;
}

/**
 * The same findings, with the head resource each is about: `resources[i]` is the index in
 * `input.head` of the request that gave `findings[i]`, undefined for a finding on a policy file.
 */
export function evaluateAdmissionPoliciesOnResources(input: AdmissionInput): {
  findings: Finding[];
  resources: (number | undefined)[];
} {
  const headDocs: SourcedObject[] = input.head.map(({ object, origin }) => ({ object, ...origin }));
  const all: SourcedObject[] = [...input.documents, ...headDocs];
  const findings: Finding[] = [];
  // Made only when there is a policy: most environments have none, and making one takes milliseconds.
  let env: Environment | undefined;

  const policies = new Map<string, CompiledPolicy>();
  const seenPolicies = new Map<string, SourcedObject>();
  const bindings: Binding[] = [];
  const seenBindings = new Set<string>();
  for (const doc of all) {
    const name = stringAt(doc.object, 'metadata', 'name') ?? '';
    if (isKind(doc.object, 'ValidatingAdmissionPolicy') && !seenPolicies.has(name)) {
      seenPolicies.set(name, doc);
      env ??= admissionEnvironment();
      const compiled = compilePolicy(env, doc);
      findings.push(...compiled.findings);
      if (compiled.policy !== undefined) policies.set(name, compiled.policy);
    } else if (isKind(doc.object, 'ValidatingAdmissionPolicyBinding') && !seenBindings.has(name)) {
      seenBindings.add(name);
      const binding = readBinding(doc);
      if ('ruleId' in binding) findings.push(binding);
      else bindings.push(binding);
    }
  }

  const bound = new Set(bindings.map((binding) => binding.policyName));
  for (const [name, doc] of seenPolicies)
    if (!bound.has(name))
      findings.push(
        unchecked(
          doc,
          `ValidatingAdmissionPolicy '${name}' has no binding in ${input.environment}: it is not evaluated (the API server applies only bound policies)`,
          'notice',
        ),
      );
  const pairs: [CompiledPolicy, Binding][] = [];
  for (const binding of bindings) {
    const policy = policies.get(binding.policyName);
    if (policy !== undefined) pairs.push([policy, binding]);
    else if (!seenPolicies.has(binding.policyName))
      findings.push(
        unchecked(
          binding.source,
          `ValidatingAdmissionPolicyBinding '${binding.name}' names policy '${binding.policyName}', which is in neither ${input.environment} nor the policy files: nothing is checked`,
          'warning',
        ),
      );
  }
  for (const [policy, binding] of pairs)
    if (policy.paramKind !== undefined && binding.paramRef === undefined)
      findings.push({
        ruleId: 'admission-policy-invalid',
        severity: 'error',
        message: `ValidatingAdmissionPolicyBinding '${binding.name}': policy '${policy.name}' has a paramKind, so the binding needs spec.paramRef: the binding is not used`,
        ...binding.source,
      });
  const usable = pairs
    .filter(([policy, binding]) => policy.paramKind === undefined || binding.paramRef !== undefined)
    .map(([policy, binding]) => ({
      policy,
      binding,
      matches: compileMatch(policy.matchConstraints, true),
      bindingMatches: compileMatch(binding.matchResources, false),
    }));
  if (usable.length === 0) return { findings, resources: findings.map(() => undefined) };

  const kinds = kindTable(all.map((doc) => doc.object));
  const namespaces = namespaceIndex(input.head.map((resource) => resource.object));
  const params = paramsIndex(all);
  // The params of a binding depend only on the request's namespace.
  const resolutions = new Map<string, ParamsResolution>();
  const cache = new CelCache();
  const setting: RequestSetting = { kinds, namespaces, cache, authorizer: offlineAuthorizer() };
  const base = new Map((input.base ?? []).map((resource) => [resourceKey(resource.object), resource.object]));
  const authorizerUses = new Map<
    string,
    { policy: CompiledPolicy; binding: Binding; expression: CompiledExpression; labels: string[] }
  >();
  const sink: BindingSink = {
    findings,
    authorizer(policy, binding, expression, request) {
      const key = `${policy.name}\n${binding.name}\n${expression.field}`;
      const use = authorizerUses.get(key) ?? { policy, binding, expression, labels: [] };
      use.labels.push(request.label);
      authorizerUses.set(key, use);
    },
  };

  const resources: (number | undefined)[] = [];
  input.head.forEach((resource, index) => {
    const object = resource.object;
    const first = findings.length;
    let request: AdmissionRequest | undefined;
    for (const { policy, binding, matches, bindingMatches } of usable) {
      request ??= admissionRequest(object, base.get(resourceKey(object)), resource.origin, setting);
      if (!matches(request.attributes) || !bindingMatches(request.attributes)) continue;
      const paramsKey = `${binding.name}\n${request.namespace}`;
      let resolved = resolutions.get(paramsKey);
      if (resolved === undefined) {
        resolved = resolveParams(policy, binding, request.namespace, params, kinds);
        resolutions.set(paramsKey, resolved);
      }
      if (resolved.kind === 'missing') {
        if (!resolved.deny) continue;
        const ignored = policy.failurePolicy === 'Ignore';
        findings.push({
          ruleId: 'admission-policy-error',
          severity: ignored ? 'notice' : actionSeverity(binding),
          message:
            `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}': no params found for ${request.label} (${resolved.what}; parameterNotFoundAction Deny); ` +
            (ignored
              ? 'failurePolicy Ignore lets the request through'
              : 'failurePolicy Fail rejects the request'),
          ...request.source,
          resource: request.ref,
        });
        continue;
      }
      if (resolved.kind === 'no-param-ref') continue;
      const list = resolved.kind === 'found' ? resolved.params : [null];
      for (const param of list) {
        const label =
          param === null
            ? ''
            : ` (params ${String(param['kind'])} '${stringAt(param, 'metadata', 'name') ?? ''}')`;
        evaluateBinding(policy, binding, request, param, list.length > 1 ? label : '', sink, cache);
      }
    }
    // Findings before this resource's (policy files, earlier resources) are already placed.
    while (resources.length < first) resources.push(undefined);
    while (resources.length < findings.length) resources.push(index);
  });

  for (const { policy, binding, expression, labels } of authorizerUses.values()) {
    const shown = labels.slice(0, 3).join(', ') + (labels.length > 3 ? ` and ${labels.length - 3} more` : '');
    findings.push(
      unchecked(
        policy.source,
        `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}': ${expression.field} ${quoteExpression(expression.expression)} uses authorizer, which needs the API server and the requesting user: not checked offline on ${labels.length} resource${labels.length === 1 ? '' : 's'} (${shown})`,
        'warning',
      ),
    );
  }
  while (resources.length < findings.length) resources.push(undefined);
  return { findings, resources };
}

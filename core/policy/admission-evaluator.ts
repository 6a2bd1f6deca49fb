/**
 * The team's ValidatingAdmissionPolicies as one more policy evaluator: the offline admission
 * evaluation (admission/) over the same context as the built-in rules, so `.kubeproof.yaml`
 * `policy.rules`, the `kubeproof.dev/ignore` annotations and the report apply to its findings too.
 */
import type { Finding } from '../findings.ts';
import type { JsonObject } from '../manifests/json-value.ts';
import { evaluateAdmissionPolicies } from './admission/evaluate-admission-policies.ts';
import type { PolicyContext, PolicyEvaluator, PolicyHit } from './policy-context.ts';
import { resourceName } from './pod-specs.ts';

function key(apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown): string {
  return JSON.stringify([apiVersion ?? '', kind ?? '', namespace ?? '', name ?? '']);
}

function objectKey(object: JsonObject): string {
  const { name, namespace } = resourceName(object);
  return key(object['apiVersion'], object['kind'], namespace, name);
}

/** A finding of the evaluation as a hit on the head resource it is about (suppressions apply). */
function hitOf(finding: Finding, index: ReadonlyMap<string, number>): PolicyHit {
  const { resource } = finding;
  // The evaluation puts a namespaced resource written without a namespace in `default`.
  const at =
    resource === undefined
      ? undefined
      : (index.get(key(resource.apiVersion, resource.kind, resource.namespace, resource.name)) ??
        (resource.namespace === 'default'
          ? index.get(key(resource.apiVersion, resource.kind, undefined, resource.name))
          : undefined));
  return {
    ruleId: finding.ruleId,
    message: finding.message,
    severity: finding.severity,
    path: finding.path,
    ...(finding.line === undefined ? {} : { line: finding.line }),
    ...(finding.column === undefined ? {} : { column: finding.column }),
    ...(at === undefined ? {} : { resource: at }),
  };
}

export const ADMISSION_EVALUATOR: PolicyEvaluator = {
  name: 'ValidatingAdmissionPolicies',
  evaluate(context: PolicyContext): PolicyHit[] {
    const findings = evaluateAdmissionPolicies({
      environment: context.environment,
      head: context.resources,
      ...(context.base === undefined ? {} : { base: context.base }),
      documents: context.admissionDocuments,
    });
    if (findings.length === 0) return [];
    const index = new Map<string, number>();
    context.resources.forEach(({ object }, at) => {
      const found = objectKey(object);
      if (!index.has(found)) index.set(found, at);
    });
    return findings.map((finding) => hitOf(finding, index));
  },
};

/**
 * The team's ValidatingAdmissionPolicies as one more policy evaluator: the offline admission
 * evaluation (admission/) over the same context as the built-in rules, so `.kubeproof.yaml`
 * `policy.rules`, the `kubeproof.dev/ignore` annotations and the report apply to its findings too.
 */
import { evaluateAdmissionPoliciesOnResources } from './admission/evaluate-admission-policies.ts';
import type { PolicyContext, PolicyEvaluator, PolicyHit } from './policy-context.ts';

export const ADMISSION_EVALUATOR: PolicyEvaluator = {
  name: 'ValidatingAdmissionPolicies',
  evaluate(context: PolicyContext): PolicyHit[] {
    const { findings, resources } = evaluateAdmissionPoliciesOnResources({
      environment: context.environment,
      head: context.resources,
      ...(context.base === undefined ? {} : { base: context.base }),
      documents: context.admissionDocuments,
    });
    // A hit on the head resource the request was made for, so its suppressions apply.
    return findings.map((finding, index) => {
      const resource = resources[index];
      return {
        ruleId: finding.ruleId,
        message: finding.message,
        severity: finding.severity,
        path: finding.path,
        ...(finding.line === undefined ? {} : { line: finding.line }),
        ...(finding.column === undefined ? {} : { column: finding.column }),
        ...(resource === undefined ? {} : { resource }),
      };
    });
  },
};

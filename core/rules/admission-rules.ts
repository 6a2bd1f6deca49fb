import type { RuleEntry } from './rule-entry.ts';

/**
 * The rules of the team's own ValidatingAdmissionPolicy files, evaluated offline
 * (core/policy/admission/). Group 'policy', beside the built-in rules of policy-rules.ts.
 */
export const ADMISSION_RULES = {
  'admission-policy': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      'A ValidatingAdmissionPolicy validation fails (Deny gives an error, Warn a warning, Audit a notice).',
    help: 'Change the resource so the validation holds, or the policy, its binding or its params if the rule is wrong; the message is the policy’s own.',
    readme: 'your-own-validatingadmissionpolicy-files',
  },
  'admission-policy-error': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      'A ValidatingAdmissionPolicy expression fails to evaluate (a notice under failurePolicy Ignore).',
    help: 'Guard the field the expression reads (has(), optional chaining with .?) or fix the value; the message names the expression and the error.',
    readme: 'your-own-validatingadmissionpolicy-files',
  },
  'admission-policy-invalid': {
    group: 'policy',
    defaultSeverity: 'error',
    description:
      'A ValidatingAdmissionPolicy or binding is malformed, or one of its CEL expressions does not compile.',
    help: 'Fix the field or expression the message names; the API server would reject the object. The rest of the policies still run.',
    readme: 'your-own-validatingadmissionpolicy-files',
  },
  'admission-policy-unchecked': {
    group: 'policy',
    defaultSeverity: 'warning',
    description:
      'A ValidatingAdmissionPolicy is not evaluated offline (authorizer, unknown function, no binding).',
    help: 'Read what was not checked and why; authorizer needs the API server and the user, so such a validation is left to the cluster.',
    readme: 'your-own-validatingadmissionpolicy-files',
  },
} as const satisfies Record<string, RuleEntry>;

import type { CheckReport } from '../check-report.ts';
import { plural } from './summarize-report.ts';

/**
 * What the footer says of policy: `policy: built-in rules`, with the findings that
 * `kubeproof.dev/ignore` suppressed; `no policy checks` when a check that validates turned policy
 * off; nothing for a diff, which never claims to check either.
 */
export function policyText(report: Pick<CheckReport, 'meta' | 'policy'>): string | undefined {
  if (report.policy === undefined)
    return report.meta.policy === false && report.meta.validated !== false ? 'no policy checks' : undefined;
  const suppressed = report.policy.reduce((total, check) => total + (check.suppressed ?? 0), 0);
  const existing = report.policy.reduce((total, check) => total + (check.existing ?? 0), 0);
  const before = existing > 0 ? `, ${plural(existing, 'finding')} the base already had not listed` : '';
  const admission = report.meta.admissionPolicies ?? 0;
  const own =
    admission > 0
      ? ` and ${plural(admission, 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicies')}`
      : '';
  return `policy: built-in rules${own}${suppressed > 0 ? `, ${plural(suppressed, 'finding')} suppressed by kubeproof.dev/ignore` : ''}${before}`;
}

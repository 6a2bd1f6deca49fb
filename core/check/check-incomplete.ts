import type { Finding } from '../findings.ts';
import type { RuleId } from '../rules/rule-catalog.ts';

export const CHECK_INCOMPLETE_RULE = 'check-incomplete' satisfies RuleId;

/**
 * A step of the check that could not be carried out (the base could not be downloaded): an error
 * with what was not checked, so the report never passes over it in silence.
 */
export function checkIncompleteFinding(message: string, path = '.'): Finding {
  return { ruleId: CHECK_INCOMPLETE_RULE, severity: 'error', message, path };
}

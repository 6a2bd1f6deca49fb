import type { RuleEntry } from './rule-entry.ts';

/**
 * The policy rules, one entry each; the rule itself is core/policy/rules/<rule-id>.ts
 * (docs/architecture.md, "Where the next code goes"). None yet.
 */
export const POLICY_RULES = {} as const satisfies Record<string, RuleEntry>;

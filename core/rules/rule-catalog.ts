/**
 * The one registry of the rules kubeproof reports: every `Finding.ruleId` is a key of `RULES`, so an
 * unknown id is a type error. SARIF, check runs and docs/rules.md (`npm run docs:rules`) read it.
 * A new rule is one entry in its group's table; the tables are spread into one map here.
 */
import { ADMISSION_RULES } from './admission-rules.ts';
import { CONFIG_RULES } from './config-rules.ts';
import { DIFF_RULES } from './diff-rules.ts';
import { POLICY_RULES } from './policy-rules.ts';
import { RENDER_RULES } from './render-rules.ts';
import type { RuleEntry } from './rule-entry.ts';
import { VALIDATE_RULES } from './validate-rules.ts';

/** Every group's table; an id in two of them would be lost in the spread below (a test checks). */
export const RULE_TABLES = [
  CONFIG_RULES,
  RENDER_RULES,
  VALIDATE_RULES,
  DIFF_RULES,
  POLICY_RULES,
  ADMISSION_RULES,
] as const;

export const RULES = {
  ...CONFIG_RULES,
  ...RENDER_RULES,
  ...VALIDATE_RULES,
  ...DIFF_RULES,
  ...POLICY_RULES,
  ...ADMISSION_RULES,
} as const satisfies Record<string, RuleEntry>;

/** A rule's identifier, kebab-case: `schema`, `kustomization`, `deprecated-api`. */
export type RuleId = keyof typeof RULES;

/** What the catalog says about a rule. */
export function ruleEntry(ruleId: RuleId): RuleEntry {
  return RULES[ruleId];
}

/** Every rule with its id, in catalog order (by group, then as each table lists them). */
export function catalogRules(): (RuleEntry & { id: RuleId })[] {
  return (Object.keys(RULES) as RuleId[]).map((id) => ({ id, ...RULES[id] }));
}

import type { PolicyContext, PolicyEvaluator, PolicyHit } from './policy-context.ts';
import { BUILTIN_RULES, type BuiltinRuleId } from './rules/index.ts';

/** The built-in rules as one evaluator: each rule the environment does not turn off. */
export const BUILTIN_EVALUATOR: PolicyEvaluator = {
  name: 'built-in rules',
  evaluate(context: PolicyContext): PolicyHit[] {
    const hits: PolicyHit[] = [];
    for (const id of Object.keys(BUILTIN_RULES) as BuiltinRuleId[])
      if (context.enabled(id)) hits.push(...BUILTIN_RULES[id](context));
    return hits;
  },
};

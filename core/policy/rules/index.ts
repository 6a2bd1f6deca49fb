/**
 * The built-in policy rules, one per file, by rule id (docs/architecture.md, convention 4). Each
 * id has its entry in core/rules/policy-rules.ts, which describes it to SARIF, check runs and
 * docs/rules.md.
 */
import type { RuleId } from '../../rules/rule-catalog.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { danglingReference } from './dangling-reference.ts';
import { dangerousCapabilities } from './dangerous-capabilities.ts';
import { duplicateEnv } from './duplicate-env.ts';
import { hostNamespaces } from './host-namespaces.ts';
import { hostPath } from './host-path.ts';
import { latestTag } from './latest-tag.ts';
import { lowReplicas } from './low-replicas.ts';
import { missingMemoryLimit } from './missing-memory-limit.ts';
import { missingProbes } from './missing-probes.ts';
import { missingRequests } from './missing-requests.ts';
import { mutableTagProtected } from './mutable-tag-protected.ts';
import { plainSecret } from './plain-secret.ts';
import { privilegeEscalation } from './privilege-escalation.ts';
import { privilegedContainer } from './privileged-container.ts';
import { runAsRoot } from './run-as-root.ts';
import { selectorMismatch } from './selector-mismatch.ts';
import { serviceSelectsNothing } from './service-selects-nothing.ts';
import { unpinnedDigest } from './unpinned-digest.ts';

/** A built-in rule: pure, over one environment's context. */
export type PolicyRule = (context: PolicyContext) => PolicyHit[];

export const BUILTIN_RULES = {
  'latest-tag': latestTag,
  'unpinned-digest': unpinnedDigest,
  'mutable-tag-protected': mutableTagProtected,
  'missing-requests': missingRequests,
  'missing-memory-limit': missingMemoryLimit,
  'missing-probes': missingProbes,
  'privileged-container': privilegedContainer,
  'privilege-escalation': privilegeEscalation,
  'run-as-root': runAsRoot,
  'host-namespaces': hostNamespaces,
  'host-path': hostPath,
  'dangerous-capabilities': dangerousCapabilities,
  'selector-mismatch': selectorMismatch,
  'service-selects-nothing': serviceSelectsNothing,
  'dangling-reference': danglingReference,
  'plain-secret': plainSecret,
  'duplicate-env': duplicateEnv,
  'low-replicas': lowReplicas,
} as const satisfies { [Id in RuleId]?: PolicyRule };

/** The id of a built-in rule. */
export type BuiltinRuleId = keyof typeof BUILTIN_RULES;

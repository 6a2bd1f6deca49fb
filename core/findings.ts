/**
 * Findings are data: every problem kubeproof reports about the user's files is a `Finding`
 * (docs/architecture.md, convention 6). Operational faults throw a `KubeproofError` instead.
 */
import type { RuleId } from './rules/rule-catalog.ts';
import type { Severity } from './rules/rule-entry.ts';

/** The identity of a Kubernetes resource a finding is about. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  /** Stable identifier, a key of the rule catalog (core/rules/rule-catalog.ts): `schema`, `deprecated-api`. */
  ruleId: RuleId;
  severity: Severity;
  message: string;
  /** Path of the file, relative to where kubeproof was asked to look, `stdin` for standard input. */
  path: string;
  /** 1-based line of the offending node, when known. */
  line?: number;
  /** 1-based column of the offending node, when known. */
  column?: number;
  resource?: ResourceRef;
}

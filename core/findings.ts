/**
 * Findings are data: every problem kubeproof reports about the user's files is a `Finding`
 * (docs/architecture.md, convention 6). Operational faults throw a `KubeproofError` instead.
 */
export type Severity = 'error' | 'warning' | 'notice';

/** The identity of a Kubernetes resource a finding is about. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  /** Stable identifier, for example `schema`, `yaml-syntax`, `deprecated-api`. */
  ruleId: string;
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

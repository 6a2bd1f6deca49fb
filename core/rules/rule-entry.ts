/** How serious a finding is. Its home is the rule catalog, which gives every rule a default one. */
export type Severity = 'error' | 'warning' | 'notice';

/** The stage of kubeproof that reports a rule; docs/rules.md lists the rules by group. */
export type RuleGroup = 'config' | 'render' | 'validate' | 'diff' | 'policy';

/** What the rule catalog says about one rule, for SARIF, check runs and docs/rules.md. */
export interface RuleEntry {
  group: RuleGroup;
  /** The severity of its findings unless a finding says otherwise (SARIF `defaultConfiguration`). */
  defaultSeverity: Severity;
  /** What the rule checks: one line, a sentence ending with a full stop. */
  description: string;
  /** What to do about a finding: one or two sentences. */
  help: string;
  /** The README section that says more, as its heading's anchor: `external-engines`. */
  readme?: string;
}

import type { ValidationResult } from '../../validate/result.ts';

/** Everything a `kubeproof validate` output format needs, gathered by the CLI after a run. */
export interface ValidateReportInput {
  /** The run's results in input order (kubeconform prints them in arrival order). */
  results: readonly ValidationResult[];
  /**
   * Number of inputs read. kubeconform's summaries count the distinct paths of the results written
   * instead; the two only differ when `-exit-on-error` stopped the run early, and the renderers
   * follow kubeconform.
   */
  files: number;
  /** true when input was stdin (summary says "parsing stdin") */
  stdin: boolean;
  /** `-summary` */
  summary: boolean;
  /** `-verbose` */
  verbose: boolean;
  /** run-level notices (e.g. "schemas: offline, from kubernetes-models ..."), said once */
  notices: readonly string[];
  /** For junit `time` and sarif invocation: elapsed seconds */
  elapsedSeconds: number;
  /** tool version for sarif */
  version: string;
}

/** A pure output format: the whole report as one string, ending with a newline when not empty. */
export type ValidateRenderer = (input: ValidateReportInput) => string;

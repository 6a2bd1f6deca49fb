import type { Finding } from '../findings.ts';

/**
 * kubeconform's result statuses: every document in the input gets exactly one.
 * `empty` documents (a file of comments, a leading `---`) are counted nowhere, as in kubeconform.
 */
export type ResultStatus = 'valid' | 'invalid' | 'error' | 'skipped' | 'empty';

/** One schema violation inside a resource, with the position of the offending field when known. */
export interface SchemaViolation {
  /** JSON pointer into the resource, for example `/spec/replicas`. */
  path: string;
  /** Message in kubeconform's wording, for example `got string, want null or integer`. */
  message: string;
  line?: number;
  column?: number;
}

/** Which schemas validated a resource, as the report names them. */
export interface SchemaUse {
  /** `yannh/kubernetes-json-schema`, `kubernetes-models 4.5.1`, a template or folder as given. */
  source: string;
  /** The Kubernetes version the schemas model: `1.31.0`, `1.27`. */
  kubernetesVersion: string;
  /** Whether unknown fields are errors with them. */
  strict: boolean;
  /** `from-input`: a CustomResourceDefinition of the input (the repository) defined the schema. */
  origin: 'location' | 'offline' | 'from-input';
}

/** The outcome of validating one document of one file. */
export interface ValidationResult {
  /** File path as given (or found while walking a folder); `stdin` for standard input. */
  filename: string;
  status: ResultStatus;
  /** 1-based line where the document (or the `kind: List` item) starts. */
  line: number;
  kind?: string;
  name?: string;
  namespace?: string;
  apiVersion?: string;
  /** kubeconform's error text (`Err` in its results): set for `invalid` and `error`. */
  message?: string;
  violations?: SchemaViolation[];
  /** The schemas that validated it (not printed by the kubeconform outputs). */
  schema?: SchemaUse;
  /**
   * Everything the result says, as findings with positions: the violations, the error, and the
   * warnings that do not change the status (deprecated apiVersions, duplicates).
   */
  findings: Finding[];
}

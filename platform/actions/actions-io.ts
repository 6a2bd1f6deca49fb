/** Where an annotation points (the workflow command's `file`, `line`, `col`, `title`). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
}

/**
 * The Actions runtime as the actions' `run()` sees it: the log, annotations, step outputs, the job
 * summary and files. `@actions/core` behind it in the Actions (see `actions-toolkit.ts`), a recorder
 * in the tests.
 */
export interface ActionsIo {
  info(message: string): void;
  /** Shown only when step debugging is on (`core.debug`); optional, a recorder may leave it out. */
  debug?(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  setOutput(name: string, value: string): void;
  /** Marks the step failed with this message; the run goes on to publish what it found. */
  setFailed(message: string): void;
  /** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
}

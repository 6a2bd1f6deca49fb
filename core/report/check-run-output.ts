/**
 * The data of a completed check run, as the engine builds it and the GitHub port publishes it. It
 * lives in core so that the pure builder (`buildCheckRun`) needs nothing from platform/; the port
 * re-exports it. Field limits: https://docs.github.com/rest/checks/runs#create-a-check-run
 */

/** The verdict of a check run. `neutral` passes required status checks, like `success`. */
export type CheckConclusion = 'success' | 'failure' | 'neutral';

/** One annotation on a file and line of a check run. */
export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  /** Only used when `startLine === endLine` (GitHub's rule). */
  startColumn?: number;
  endColumn?: number;
  level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  rawDetails?: string;
}

/** A completed check run: its verdict, its markdown output and its annotations. */
export interface CheckRunOutput {
  name: string;
  conclusion: CheckConclusion;
  title: string;
  /** Markdown; cut to GitHub's 65,535 characters with a note when longer. */
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
  detailsUrl?: string;
  externalId?: string;
}

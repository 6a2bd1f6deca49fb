import type { Finding } from '../../core/findings.ts';
import type { CheckAnnotation } from '../../core/report/check-run-output.ts';
import type { CheckReport } from '../../core/report/comment/types.ts';
import type { FailOn } from './action-inputs.ts';
import type { PullRequestInfo } from './action-context.ts';

/** How the actions publish a report on a pull request: `publishReport` over the GitHub port. */
export interface PublishRequest {
  comment: boolean;
  checkName: string;
  failOn: FailOn;
  /** Key of the comment's hidden marker: `report` for the check, `diff` for the diff action. */
  marker: string;
  detailsUrl?: string;
  /** The working directory from the repository's top folder, so annotations point at repository paths. */
  pathPrefix: string;
  /** Repository findings outside the environments (configuration, discovery). */
  findings: readonly Finding[];
}

export interface PublishOutcome {
  comment: 'posted' | 'skipped' | 'failed';
  checkRunUrl?: string;
  /** Set when the report could not be published (no permission): the caller annotates with workflow commands. */
  fallbackReason?: string;
  /** The annotations of the report, repository paths, for the workflow-command fallback. */
  annotations: CheckAnnotation[];
}

export type PublishFn = (
  pull: PullRequestInfo,
  report: CheckReport,
  request: PublishRequest,
) => Promise<PublishOutcome>;

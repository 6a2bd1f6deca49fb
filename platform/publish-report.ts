import type { Finding } from '../core/findings.ts';
import { buildCheckRun, type FailOn } from '../core/report/check-run.ts';
import type { CheckAnnotation, CheckConclusion } from '../core/report/check-run-output.ts';
import { renderComment } from '../core/report/comment/render-comment.ts';
import type { CheckReport } from '../core/report/check-report.ts';
import { GitHubApiError } from './github/github-api-error.ts';
import type { Logger } from './logger.ts';
import type {
  GitHubPort,
  PublishedCheckRun,
  PullRef,
  RepoRef,
  StartedCheckRun,
  UpsertCommentOptions,
} from './github/github-port.ts';

export interface PublishTarget {
  /** The pull request of the comment; without one (a merge group's commit) only the check run is published. */
  pr?: PullRef;
  /** The repository of the check run; default the pull request's. */
  repo?: RepoRef;
  /** The commit the check run hangs on: the pull request's head, or a merge group's commit. */
  headSha: string;
}

export interface PublishOptions {
  /** Post (or update) the sticky review comment; the check run is always published. */
  comment: boolean;
  checkName: string;
  failOn: FailOn;
  detailsUrl?: string;
  /** Key of the comment's hidden marker `<!-- kubeproof:KEY -->`; default `report`. */
  marker?: string;
  /**
   * Keys of older kubeproof comments this one replaces, minimized as outdated (`'all'`: every other
   * key). Default none, the port's default: two jobs of a matrix, one key each, must not hide each other.
   */
  outdatedKeys?: UpsertCommentOptions['outdatedKeys'];
  /** The working directory from the repository root, so annotations point at repository paths. */
  pathPrefix?: string;
  /** Repository findings outside the environments (configuration, discovery). */
  findings?: readonly Finding[];
  /** The check run created in progress when the check started: completed instead of created. */
  started?: StartedCheckRun;
}

export interface PublishOutcome {
  /** The check's verdict per `failOn`, whether or not the check run could be published. */
  conclusion: CheckConclusion;
  comment: 'posted' | 'skipped' | 'failed';
  /** The comment's address on github.com, when it was posted and GitHub gave one. */
  commentUrl?: string;
  /** Undefined when the check run could not be created. */
  checkRun: PublishedCheckRun | undefined;
  /**
   * Why the comment or the check run is missing, with the permission to grant; set when either
   * step failed, so the caller falls back to workflow-command annotations and the job summary.
   */
  fallbackReason?: string;
  /** The check run's annotations (repository paths), for that fallback. */
  annotations: CheckAnnotation[];
}

type Step = { ok: true } | { ok: false; reason: string } | { ok: false; thrown: unknown };

/** The permission each step needs in a workflow's `permissions:` (or a GitHub App's). */
const NEEDS = { comment: 'pull-requests: write', checkRun: 'checks: write' } as const;

/**
 * A refusal or failure of the GitHub API becomes a reason; anything else is a bug and is kept to be
 * rethrown. Only the error's message is used: never the error object, whose request may hold headers.
 */
async function attempt(what: string, permission: string, call: () => Promise<unknown>): Promise<Step> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) return { ok: false, thrown: error };
    const grant =
      (error.status === 403 || error.status === 404) && !error.message.includes(permission)
        ? ` (the workflow needs \`permissions: ${permission}\`)`
        : '';
    return { ok: false, reason: `${what} failed: ${error.message}${grant}` };
  }
}

/**
 * Publishes a report on a pull request, the one path of the Action and the App: the sticky review
 * comment (upserted by its marker; when `options.comment`) and a completed check run with
 * annotations (the one started in progress, `options.started`, when there is one). The two steps are independent: when GitHub refuses one (a read-only token on a fork,
 * a missing permission), the other is still attempted, and the outcome says what is missing and why.
 * API failures never throw; a programming error is rethrown after both steps were attempted.
 */
export async function publishReport(
  port: GitHubPort,
  target: PublishTarget,
  report: CheckReport,
  options: PublishOptions,
  log: Logger,
): Promise<PublishOutcome> {
  const check = buildCheckRun(report, {
    name: options.checkName,
    failOn: options.failOn,
    ...(options.detailsUrl === undefined ? {} : { detailsUrl: options.detailsUrl }),
    ...(options.pathPrefix === undefined ? {} : { pathPrefix: options.pathPrefix }),
    ...(options.findings === undefined ? {} : { findings: options.findings }),
  });
  const marker = options.marker ?? 'report';

  const repo = target.repo ?? target.pr;
  if (repo === undefined) throw new TypeError('publishReport needs a pull request or a repository');
  const pr = target.pr;
  let commentStep: Step | undefined;
  let commentUrl: string | undefined;
  if (options.comment && pr !== undefined) {
    const upsert = options.outdatedKeys === undefined ? {} : { outdatedKeys: options.outdatedKeys };
    commentStep = await attempt('the pull request comment', NEEDS.comment, async () => {
      const bodies = renderComment(report, { marker });
      ({ url: commentUrl } = await port.upsertComment(pr, marker, bodies, upsert));
      log.info(
        `kubeproof: comment posted on #${pr.number}${bodies.length > 1 ? ` (${bodies.length} parts)` : ''}`,
      );
    });
  }

  let checkRun: PublishedCheckRun | undefined;
  const checkStep = await attempt('the check run', NEEDS.checkRun, async () => {
    const commit = { owner: repo.owner, repo: repo.repo, sha: target.headSha };
    checkRun = await port.publishCheckRun(commit, check, options.started);
    const omitted = checkRun.annotationsOmitted > 0 ? `, ${checkRun.annotationsOmitted} not shown` : '';
    log.info(
      `kubeproof: check run "${check.name}" ${check.conclusion} with ${checkRun.annotationsShown} annotations${omitted}: ${checkRun.url}`,
    );
  });

  const reasons: string[] = [];
  const bugs: unknown[] = [];
  for (const step of [commentStep, checkStep]) {
    if (step === undefined || step.ok) continue;
    if ('thrown' in step) bugs.push(step.thrown);
    else {
      reasons.push(step.reason);
      log.warn(`kubeproof: ${step.reason}`);
    }
  }
  if (bugs.length > 0) throw bugs[0];
  const outcome: PublishOutcome = {
    conclusion: check.conclusion,
    comment: commentStep === undefined ? 'skipped' : commentStep.ok ? 'posted' : 'failed',
    checkRun,
    annotations: check.annotations,
  };
  if (commentUrl !== undefined && commentStep?.ok === true) outcome.commentUrl = commentUrl;
  if (reasons.length > 0) outcome.fallbackReason = reasons.join('; ');
  return outcome;
}

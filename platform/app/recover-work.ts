import type { AppDirectory, Delivery } from '../github/app-directory.ts';
import type { GitHubPort } from '../github/github-port.ts';
import type { Logger } from '../logger.ts';
import { publishNames } from '../check-pull-request.ts';
import { reviewPullRequest, type ReviewDeps } from './review-pull-request.ts';

const CHECK_NAME = publishNames('check', '').checkName;

export interface RecoveryDeps {
  directory: AppDirectory;
  /** What reviewPullRequest takes, for an installation's port. */
  reviewDeps(port: GitHubPort): ReviewDeps;
  appId: number;
  now(): number;
  /** A run in progress longer than this was abandoned. */
  staleAfterMs: number;
  /** How far back to look: repositories pushed, pull requests updated, deliveries made since. */
  lookbackMs: number;
  log: Logger;
  /** Delivery guids this process already asked GitHub to redeliver (not asked twice). */
  redelivered: Set<string>;
}

export interface RecoveryResult {
  /** Check runs found abandoned in progress and completed again. */
  redone: number;
  /** Failed deliveries asked again. */
  redelivered: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The App's check runs left in progress past the timeout (a crash, a deploy, a killed replica): the
 * check run is the record of accepted work, so each one found is done again and completed.
 */
export async function redoAbandonedRuns(deps: RecoveryDeps): Promise<number> {
  const since = deps.now() - deps.lookbackMs;
  let redone = 0;
  for (const installation of await deps.directory.listInstallations()) {
    const port = await deps.directory.portFor(installation);
    for (const repo of await deps.directory.listRecentRepositories(installation, since)) {
      for (const pull of await deps.directory.listOpenPullRequests(installation, repo, since)) {
        const commit = { ...repo, sha: pull.headSha };
        const runs = await port.listCheckRuns(commit, CHECK_NAME);
        const abandoned = runs.find(
          (run) =>
            run.appId === deps.appId &&
            run.status !== 'completed' &&
            deps.now() - Date.parse(run.startedAt ?? '') >= deps.staleAfterMs,
        );
        if (abandoned === undefined) continue;
        deps.log.info(
          `kubeproof: check run ${abandoned.id} of ${repo.owner}/${repo.repo}#${pull.number} was left in progress: checking again`,
        );
        const pr = { ...repo, number: pull.number };
        await reviewPullRequest(
          { pr, headSha: pull.headSha, baseSha: pull.baseSha, baseRef: pull.baseRef, resume: abandoned },
          deps.reviewDeps(port),
        );
        redone++;
      }
    }
  }
  return redone;
}

/** The events whose every attempt failed: one attempt each, the newest. */
function failedEvents(deliveries: readonly Delivery[]): Delivery[] {
  const byGuid = new Map<string, Delivery[]>();
  for (const delivery of deliveries)
    byGuid.set(delivery.guid, [...(byGuid.get(delivery.guid) ?? []), delivery]);
  return [...byGuid.values()].flatMap((attempts) => {
    if (
      attempts.some(
        (attempt) => attempt.status === 'OK' || (attempt.statusCode >= 200 && attempt.statusCode < 300),
      )
    )
      return [];
    const newest = [...attempts].sort((a, b) => Date.parse(b.deliveredAt) - Date.parse(a.deliveredAt))[0];
    return newest === undefined ? [] : [newest];
  });
}

/**
 * Webhooks GitHub could not deliver (the App was down, or answered an error): each event that never
 * got through is asked again, once per process. Its handling is idempotent, so a second replica
 * asking too costs a delivery, not a duplicate.
 */
export async function redeliverFailed(deps: RecoveryDeps): Promise<number> {
  const deliveries = await deps.directory.listDeliveries(deps.now() - deps.lookbackMs);
  let asked = 0;
  for (const delivery of failedEvents(deliveries)) {
    if (deps.redelivered.has(delivery.guid)) continue;
    deps.redelivered.add(delivery.guid);
    try {
      await deps.directory.redeliver(delivery.id);
      asked++;
      deps.log.info(
        `kubeproof: ${delivery.event} delivery ${delivery.guid} failed (${delivery.status}): asked again`,
      );
    } catch (error) {
      deps.log.warn(`kubeproof: delivery ${delivery.guid} could not be asked again: ${message(error)}`);
    }
  }
  return asked;
}

/** Both, each failure logged: a sweep never stops the App. */
export async function recoverWork(deps: RecoveryDeps): Promise<RecoveryResult> {
  const [redone, redelivered] = await Promise.all([
    redoAbandonedRuns(deps).catch((error: unknown) => {
      deps.log.warn(`kubeproof: looking for abandoned check runs failed: ${message(error)}`);
      return 0;
    }),
    redeliverFailed(deps).catch((error: unknown) => {
      deps.log.warn(`kubeproof: looking for failed deliveries failed: ${message(error)}`);
      return 0;
    }),
  ]);
  return { redone, redelivered };
}

import type { FailOn } from '../core/report/check-run.ts';
import type { ValidateDeps } from '../core/validate/validate-manifests.ts';
import { createOctokitGitHubPort } from '../platform/github/octokit-github-port.ts';
import type { OctokitLike } from '../platform/github/github-client.ts';
import type { GitHubPort } from '../platform/github/github-port.ts';
import type { Logger } from '../platform/logger.ts';
import type { ReviewDeps } from '../platform/app/review-pull-request.ts';
import type { TreeCache } from '../platform/app/tree-cache.ts';
import type { WorkQueue } from '../platform/app/work-queue.ts';
import type { SchemaSetup } from '../platform/validation-setup.ts';

/** What every handler shares: the settings it needs, the clock, the queue and the tree cache. */
export interface AppContext {
  appId: number | undefined;
  schemas: SchemaSetup;
  staleAfterMs: number;
  maxTarballBytes: number;
  failOn: FailOn;
  serverUrl: string | undefined;
  now(): number;
  queue: WorkQueue;
  trees: TreeCache;
  createValidationDeps(setup: SchemaSetup, notice: (message: string) => void): Promise<ValidateDeps>;
}

/** The GitHub port over an event's Octokit (Probot's, with its own retries and throttling). */
export function portOf(app: AppContext, octokit: unknown): GitHubPort {
  return createOctokitGitHubPort(octokit as OctokitLike, { maxTarballBytes: app.maxTarballBytes });
}

/** What reviewPullRequest takes, for one event. */
export function reviewDepsOf(app: AppContext, port: GitHubPort, log: Logger): ReviewDeps {
  return {
    port,
    trees: app.trees,
    log,
    now: app.now,
    createValidationDeps: app.createValidationDeps,
    schemas: app.schemas,
    appId: app.appId,
    staleAfterMs: app.staleAfterMs,
    failOn: app.failOn,
    ...(app.serverUrl === undefined ? {} : { serverUrl: app.serverUrl }),
  };
}

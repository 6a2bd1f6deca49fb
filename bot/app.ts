import type { ApplicationFunction } from 'probot';
import { createTreeCache } from '../platform/app/tree-cache.ts';
import { createWorkQueue, type WorkQueue } from '../platform/app/work-queue.ts';
import { createValidationDeps } from '../platform/validation-setup.ts';
import type { Logger } from '../platform/logger.ts';
import type { AppContext } from './app-context.ts';
import { onCheckRunRerequested, onCheckSuiteRerequested } from './handlers/check-run.ts';
import { onIssueComment } from './handlers/issue-comment.ts';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.ts';
import { onPush } from './handlers/push.ts';
import { healthz } from './healthz.ts';

/** What the App is built with: settings, and the clock and queue tests replace. */
export type KubeproofAppOptions = Omit<AppContext, 'queue' | 'trees' | 'createValidationDeps' | 'now'> &
  Partial<Pick<AppContext, 'queue' | 'trees' | 'createValidationDeps' | 'now'>>;

export interface KubeproofApp {
  app: ApplicationFunction;
  /** The work accepted from webhooks; `idle()` resolves when it is all done. */
  queue: WorkQueue;
  /** What the handlers share (the sweeps use it too). */
  context: AppContext;
}

/**
 * The kubeproof GitHub App: each handler answers the webhook at once and queues its work, which
 * the shared code does (platform/app/: the pull-request check, commands, promotion).
 * docs/architecture.md, convention 1: this file only wires.
 */
export function createKubeproofApp(options: KubeproofAppOptions): KubeproofApp {
  // The queue logs through Probot's logger, known once the App is loaded.
  let log: Pick<Logger, 'error'> = { error: () => {} };
  const queue = options.queue ?? createWorkQueue({ error: (message) => log.error(message) });
  const context: AppContext = {
    ...options,
    queue,
    trees: options.trees ?? createTreeCache(),
    createValidationDeps: options.createValidationDeps ?? createValidationDeps,
    now: options.now ?? Date.now,
  };
  const app: ApplicationFunction = (probot, { addHandler }) => {
    log = probot.log;
    addHandler?.(healthz);
    probot.on([...PULL_REQUEST_EVENTS], onPullRequest(context));
    probot.on('check_run.rerequested', onCheckRunRerequested(context));
    probot.on('check_suite.rerequested', onCheckSuiteRerequested(context));
    probot.on('issue_comment.created', onIssueComment(context));
    probot.on('push', onPush(context));
  };
  return { app, queue, context };
}

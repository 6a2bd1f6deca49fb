import type { Probot } from 'probot';
import { createAppDirectory, type AppDirectory } from '../platform/github/app-directory.ts';
import type { OctokitLike } from '../platform/github/github-client.ts';
import { recoverWork, type RecoveryResult } from '../platform/app/recover-work.ts';
import { reviewDepsOf, type AppContext } from './app-context.ts';

/** The timer the sweeps run on; tests pass one they drive by hand. */
export interface Timers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** On start, a day back: work left by an outage or a deploy (GitHub keeps deliveries three days). */
const FIRST_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface Sweeper {
  /** One sweep now (a second call while one runs waits for it). */
  sweep(): Promise<RecoveryResult>;
  stop(): void;
}

/**
 * Looks, on start and every `everyMs`, for this App's check runs left in progress past the timeout
 * and for webhooks GitHub could not deliver, and redoes them (platform/app/recover-work.ts). After
 * the first sweep it looks back two intervals and the timeout, enough to overlap the last one.
 */
export function startSweeps(
  probot: Probot,
  app: AppContext & { appId: number },
  options: { everyMs: number; timers?: Timers; directory?: AppDirectory },
): Sweeper {
  const timers: Timers = options.timers ?? {
    setInterval: (run, ms) => setInterval(run, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  };
  const redelivered = new Set<string>();
  let first = true;
  let running: Promise<RecoveryResult> | undefined;
  const directory = async (): Promise<AppDirectory> =>
    options.directory ??
    createAppDirectory(
      (await probot.auth()) as unknown as OctokitLike,
      async (id) => (await probot.auth(id)) as unknown as OctokitLike,
      { maxTarballBytes: app.maxTarballBytes },
    );
  const sweep = (): Promise<RecoveryResult> => {
    running ??= (async () => {
      const lookbackMs = first ? FIRST_LOOKBACK_MS : 2 * options.everyMs + app.staleAfterMs;
      first = false;
      try {
        return await recoverWork({
          directory: await directory().catch((error: unknown) => {
            throw new Error(
              `the App could not authenticate to look for unfinished work: ${(error as Error).message}`,
            );
          }),
          reviewDeps: (port) => reviewDepsOf(app, port, probot.log),
          appId: app.appId,
          now: app.now,
          staleAfterMs: app.staleAfterMs,
          lookbackMs,
          log: probot.log,
          redelivered,
        });
      } catch (error) {
        probot.log.warn(`kubeproof: ${(error as Error).message}`);
        return { redone: 0, redelivered: 0 };
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const handle = timers.setInterval(() => void sweep(), options.everyMs);
  void sweep();
  return { sweep, stop: () => timers.clearInterval(handle) };
}

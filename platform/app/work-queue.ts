import type { Logger } from '../logger.ts';

export interface WorkItem {
  /** The webhook's delivery id (`x-github-delivery`): a delivery seen already is not done twice. */
  delivery?: string;
  /** Work with the same key runs one after another (one pull request), so the second sees the first's run. */
  serial: string;
  run(): Promise<void>;
}

export interface WorkQueue {
  /** Queues the work and returns at once: false when its delivery was seen already. */
  submit(item: WorkItem): boolean;
  /** Resolves when nothing is queued or running (tests, and a graceful stop). */
  idle(): Promise<void>;
  /** Work queued or running. */
  pending(): number;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_REMEMBERED = 5_000;

/**
 * Work accepted from webhooks, done after the answer: at most `concurrency` at once, one at a time
 * per `serial` key, each delivery once per process (the check run on GitHub is what makes a
 * delivery seen by another replica, or after a restart, harmless). Failures are logged, never thrown.
 */
export function createWorkQueue(
  log: Pick<Logger, 'error'>,
  options: { concurrency?: number; remembered?: number } = {},
): WorkQueue {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const remembered = options.remembered ?? DEFAULT_REMEMBERED;
  const seen = new Set<string>();
  const chains = new Map<string, Promise<void>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let pending = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;

  const slot = async (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    submit(item) {
      if (item.delivery !== undefined) {
        if (seen.has(item.delivery)) return false;
        seen.add(item.delivery);
        if (seen.size > remembered) seen.delete(seen.values().next().value as string);
      }
      pending++;
      const previous = chains.get(item.serial) ?? Promise.resolve();
      const done = previous.then(async () => {
        await slot();
        try {
          await item.run();
        } catch (error) {
          log.error(`kubeproof: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          release();
        }
      });
      chains.set(item.serial, done);
      void done.then(() => {
        if (chains.get(item.serial) === done) chains.delete(item.serial);
        pending--;
        if (pending === 0 && idle) {
          idle.resolve();
          idle = undefined;
        }
      });
      return true;
    },
    idle() {
      if (pending === 0) return Promise.resolve();
      if (!idle) {
        let resolve = (): void => {};
        const promise = new Promise<void>((done) => (resolve = done));
        idle = { promise, resolve };
      }
      return idle.promise;
    },
    pending: () => pending,
  };
}

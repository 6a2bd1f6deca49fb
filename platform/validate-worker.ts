import type { ValidationResult } from '../core/validate/result.ts';
import { registerInputCrds } from '../core/validate/input-crds.ts';
import { createDocumentContext } from '../core/validate/validate-manifests.ts';
import { validateText } from '../core/validate/validate-text.ts';
import type { ParentMessage, WorkerMessage } from './validate-in-workers.ts';
import { createValidationDeps } from './validation-setup.ts';

/** How a worker talks to the main thread (its `parentPort`), so the loop can be tested without threads. */
export interface WorkerChannel {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: ParentMessage) => void): void;
}

/**
 * The loop of a validation worker thread: take the start message, build the schema registry
 * once, then validate units as they come and send back their results.
 */
export function runValidateWorker(channel: WorkerChannel): void {
  let ready: Promise<ReturnType<typeof createDocumentContext> | undefined> | undefined;
  let notices: string[] = [];
  channel.onMessage((message) => {
    if (message.type === 'start') {
      const start = message;
      ready = (async () => {
        try {
          const deps = await createValidationDeps(start.setup, (notice) => notices.push(notice));
          const crdFindings = await registerInputCrds(start.crds, deps);
          channel.send({ type: 'ready', crdFindings });
          return createDocumentContext(start.options, deps.registry);
        } catch (error) {
          channel.send({ type: 'failed', message: (error as Error).message });
          return undefined;
        }
      })();
      return;
    }
    const unit = message.unit;
    void (async () => {
      const context = await ready;
      if (!context) return;
      try {
        const results: ValidationResult[][] = [];
        for (const piece of unit.pieces) {
          results.push((await validateText(piece.path, piece.text, piece.firstLine, context)).results);
        }
        // One JSON string crosses the thread boundary faster than many small cloned objects.
        channel.send({ type: 'done', id: unit.id, results: JSON.stringify(results), notices });
        notices = [];
      } catch (error) {
        channel.send({ type: 'failed', message: (error as Error).stack ?? String(error) });
      }
    })();
  });
}

import type { Logger } from '../logger.ts';
import type { ActionsIo } from './actions-io.ts';

/**
 * The Actions log as the platform's pino-shaped logger: `warn` and `error` become annotations, as
 * `core.warning` and `core.error` make them; `debug` shows only when step debugging is on.
 */
export function actionsLogger(io: ActionsIo): Logger {
  return {
    info: (message) => io.info(message),
    warn: (message) => io.warning(message),
    error: (message) => io.error(message),
    debug: (message) => io.debug?.(message),
  };
}

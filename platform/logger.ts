/**
 * The logger the platform writes to: pino's shape (`info`, `warn`, `error`, `debug`, each taking a
 * message), so Probot's `context.log` fits as it is; the Actions adapt their `ActionsIo` to it
 * (`actionsLogger`), the CLI passes `silentLogger` where it prints nothing.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
};

/**
 * `npm run bot`: the kubeproof GitHub App's server, settings from the environment and `.env`
 * (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, GHE_HOST,
 * GHE_PROTOCOL; docs/app.md lists them all). docs/architecture.md, convention 1: it only wires, and
 * holds the one try/catch that reports failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AppSettingsError, parseAppSettings } from '../platform/app/app-settings.ts';
import { startAppServer } from './server.ts';

async function main(): Promise<void> {
  // Variables already set win over the file, as with `node --env-file`.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const settings = parseAppSettings(process.env, (path) => readFileSync(path, 'utf8'), process.cwd());
  const running = await startAppServer(settings, {
    logFormat: process.env['LOG_FORMAT'] === 'json' ? 'json' : 'pretty',
  });
  running.probot.log.info(`kubeproof App ${settings.appId} listening on ${running.url}`);
  const stop = (): void => {
    running.probot.log.info('kubeproof App stopping: finishing the work it accepted');
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // A setting, or the port taken: one line, never a stack trace, never a key.
  const message =
    error instanceof AppSettingsError
      ? error.message
      : `the App could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`kubeproof: ${message}\n`);
  process.exit(1);
});

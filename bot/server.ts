import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import type { AppSettings } from '../platform/app/app-settings.ts';
import { createKubeproofApp, type KubeproofApp, type KubeproofAppOptions } from './app.ts';
import { startSweeps, type Sweeper } from './sweeper.ts';

/** Probot's default webhook path, which the manifest (bot/app.yml) names. */
export const WEBHOOK_PATH = '/api/github/webhooks';

export interface RunningApp {
  /** `http://host:port` the server listens on. */
  url: string;
  server: Server;
  probot: Probot;
  kubeproof: KubeproofApp;
  /** Undefined when the sweeps are off (KUBEPROOF_SWEEP_EVERY_SECONDS=0). */
  sweeper: Sweeper | undefined;
  /** Stops taking requests, waits for the accepted work, then closes. */
  close(): Promise<void>;
}

/** The Probot instance for the settings: the App's id, key, secret, GitHub server and log level. */
export function createProbot(settings: AppSettings, logFormat: 'json' | 'pretty' = 'pretty'): Probot {
  return new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
    // pino knows `silent`; Probot's type leaves it out.
    logLevel: settings.logLevel as 'info',
    logFormat,
  });
}

/**
 * Starts the App's HTTP server: `GET /healthz`, the webhooks at `/api/github/webhooks` (Probot
 * checks `x-hub-signature-256` and answers 400 to a bad one), 404 for the rest.
 */
export async function startAppServer(
  settings: AppSettings,
  options: { logFormat?: 'json' | 'pretty'; app?: Partial<KubeproofAppOptions> } = {},
): Promise<RunningApp> {
  // The schema cache is a folder the schema loader expects to find.
  if (settings.schemas.cacheFolder !== undefined)
    await mkdir(settings.schemas.cacheFolder, { recursive: true });
  const probot = createProbot(settings, options.logFormat);
  const kubeproof = createKubeproofApp({
    appId: settings.appId,
    schemas: settings.schemas,
    staleAfterMs: settings.staleAfterMs,
    maxTarballBytes: settings.maxTarballBytes,
    failOn: 'error',
    serverUrl: settings.serverUrl,
    ...options.app,
  });
  const middleware = await createNodeMiddleware(kubeproof.app, { probot, webhooksPath: WEBHOOK_PATH });
  const server = createServer((request, response) => {
    void middleware(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host ?? '0.0.0.0', () => resolve());
  });
  const sweeper =
    settings.sweepEveryMs > 0
      ? startSweeps(
          probot,
          { ...kubeproof.context, appId: settings.appId },
          { everyMs: settings.sweepEveryMs },
        )
      : undefined;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    probot,
    kubeproof,
    sweeper,
    close: async () => {
      sweeper?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await kubeproof.queue.idle();
    },
  };
}

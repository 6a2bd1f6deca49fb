import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_SCHEMA_LOCATIONS } from '../check-defaults.ts';
import { schemaFetchOptionsFrom } from '../proxy-env.ts';
import type { SchemaSetup } from '../validation-setup.ts';

export type Env = Record<string, string | undefined>;

/** The levels Probot's logger (pino) knows. */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the App is started with, read once from the environment (and `.env`). */
export interface AppSettings {
  appId: number;
  /** PEM; never printed. */
  privateKey: string;
  webhookSecret: string;
  port: number;
  host: string | undefined;
  logLevel: LogLevel;
  /** The REST API's base URL: undefined for github.com, `<protocol>://<GHE_HOST>/api/v3` for a server. */
  baseUrl: string | undefined;
  /** The web address of the GitHub server, for links; undefined for github.com. */
  serverUrl: string | undefined;
  schemas: SchemaSetup;
  /** A check run in progress longer than this is taken as abandoned and redone. */
  staleAfterMs: number;
  /** How often the App looks for abandoned runs and failed deliveries; 0 turns it off. */
  sweepEveryMs: number;
  /** Unpacked bytes a repository's tarball may have. */
  maxTarballBytes: number;
}

/** One setting is missing or malformed: the message names it and says what to give (never its value). */
export class AppSettingsError extends UsageError {
  override name = 'AppSettingsError';
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new AppSettingsError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** A key given inline: PEM, PEM with `\n` escapes (one-line variables), or PEM in base64. */
function inlineKey(raw: string): string {
  const text = raw.trim().replace(/\\n/g, '\n');
  if (text.startsWith('-----BEGIN')) return text;
  const decoded = Buffer.from(text, 'base64').toString('utf8').trim();
  return decoded.startsWith('-----BEGIN') ? decoded : text;
}

function privateKeyOf(env: Env, readFile: (path: string) => string): string {
  const inline = env['PRIVATE_KEY'];
  const path = env['PRIVATE_KEY_PATH'];
  let key: string;
  let from: string;
  if (inline !== undefined && inline.trim() !== '') {
    key = inlineKey(inline);
    from = 'PRIVATE_KEY';
  } else if (path !== undefined && path.trim() !== '') {
    try {
      key = readFile(path.trim()).trim();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new AppSettingsError(
        `PRIVATE_KEY_PATH: ${path.trim()} cannot be read (${code}): give the path of the .pem file GitHub generated for the App`,
      );
    }
    from = `PRIVATE_KEY_PATH (${path.trim()})`;
  } else {
    throw new AppSettingsError(
      "PRIVATE_KEY or PRIVATE_KEY_PATH is missing: give the App's private key (the .pem file from its settings page)",
    );
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new AppSettingsError(
      `${from} is not a PEM private key: give the .pem file GitHub generated for the App (its text, base64, or its path)`,
    );
  }
  return key;
}

function gitHubServer(env: Env): { baseUrl: string | undefined; serverUrl: string | undefined } {
  const host = env['GHE_HOST']?.trim();
  const protocol = env['GHE_PROTOCOL']?.trim() || 'https';
  if (protocol !== 'https' && protocol !== 'http')
    throw new AppSettingsError(`GHE_PROTOCOL must be https or http, not "${protocol}"`);
  if (host === undefined || host === '') return { baseUrl: undefined, serverUrl: undefined };
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host))
    throw new AppSettingsError(
      `GHE_HOST must be a host name (github.example.com, optionally with :port), not "${host}"`,
    );
  return { baseUrl: `${protocol}://${host}/api/v3`, serverUrl: `${protocol}://${host}` };
}

/**
 * The App's settings from the environment, each checked: a missing or malformed one throws an
 * `AppSettingsError` naming it, one line, without its value when it is a secret.
 */
export function parseAppSettings(env: Env, readFile: (path: string) => string, cwd: string): AppSettings {
  const rawId = env['APP_ID']?.trim();
  if (rawId === undefined || rawId === '')
    throw new AppSettingsError("APP_ID is missing: give the App's id (its settings page shows it)");
  if (!/^\d+$/.test(rawId) || Number(rawId) === 0)
    throw new AppSettingsError(`APP_ID must be the App's numeric id, not "${rawId}"`);
  const privateKey = privateKeyOf(env, readFile);
  const webhookSecret = env['WEBHOOK_SECRET'];
  if (webhookSecret === undefined || webhookSecret === '')
    throw new AppSettingsError(
      "WEBHOOK_SECRET is missing: give the webhook secret set in the App's settings, so forged webhooks are refused",
    );
  const logLevel = (env['LOG_LEVEL']?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new AppSettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  const locations = (env['KUBEPROOF_SCHEMA_LOCATIONS'] ?? '')
    .split(',')
    .map((location) => location.trim())
    .filter((location) => location !== '');
  const offline = locations.length === 1 && locations[0] === 'offline';
  const kubernetesVersion = env['KUBEPROOF_KUBERNETES_VERSION']?.trim() || DEFAULT_KUBERNETES_VERSION;
  if (!/^\d+\.\d+\.\d+$/.test(kubernetesVersion))
    throw new AppSettingsError(
      `KUBEPROOF_KUBERNETES_VERSION must be a version written x.y.z, not "${kubernetesVersion}"`,
    );
  return {
    appId: Number(rawId),
    privateKey,
    webhookSecret,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env['HOST']?.trim() || undefined,
    logLevel,
    ...gitHubServer(env),
    schemas: {
      locations: locations.length > 0 ? locations : [...DEFAULT_SCHEMA_LOCATIONS],
      kubernetesVersion,
      strict: true,
      offline,
      fetch: schemaFetchOptionsFrom(env),
      baseDirectory: cwd,
      cacheFolder: env['KUBEPROOF_SCHEMA_CACHE']?.trim() || join(tmpdir(), 'kubeproof-schema-cache'),
    },
    staleAfterMs: integer(env, 'KUBEPROOF_STALE_AFTER_SECONDS', 900, 60, 86_400) * 1000,
    sweepEveryMs: integer(env, 'KUBEPROOF_SWEEP_EVERY_SECONDS', 300, 0, 86_400) * 1000,
    maxTarballBytes: integer(env, 'KUBEPROOF_MAX_TARBALL_MIB', 256, 1, 4096) * 1024 * 1024,
  };
}

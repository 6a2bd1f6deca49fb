import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppSettingsError, parseAppSettings, type Env } from '../../../platform/app/app-settings.ts';

// A throwaway key made for this test run; no private key is ever committed.
const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const GOOD: Env = { APP_ID: '123', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 'secret' };
const noFile = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

function errorOf(env: Env, readFile = noFile): string {
  try {
    parseAppSettings(env, readFile, '/srv');
  } catch (error) {
    expect(error).toBeInstanceOf(AppSettingsError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('parseAppSettings', () => {
  it('reads the settings with their defaults', () => {
    const settings = parseAppSettings(GOOD, noFile, '/srv');

    expect(settings).toMatchObject({
      appId: 123,
      webhookSecret: 'secret',
      port: 3000,
      host: undefined,
      logLevel: 'info',
      baseUrl: undefined,
      serverUrl: undefined,
      staleAfterMs: 900_000,
      sweepEveryMs: 300_000,
    });
    expect(settings.privateKey).toBe(KEY.trim());
    expect(settings.schemas.locations[0]).toBe('default');
  });

  it.each([
    ['inline with \\n escapes', { PRIVATE_KEY: KEY.trim().replace(/\n/g, '\\n') }],
    ['base64', { PRIVATE_KEY: Buffer.from(KEY).toString('base64') }],
    ['a file', { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/keys/app.pem' }],
  ])('takes the private key %s', (_, env) => {
    const settings = parseAppSettings({ ...GOOD, ...env }, () => KEY, '/srv');
    expect(settings.privateKey).toBe(KEY.trim());
  });

  it('points at GitHub Enterprise Server with GHE_HOST and GHE_PROTOCOL', () => {
    const settings = parseAppSettings(
      { ...GOOD, GHE_HOST: '127.0.0.1:8080', GHE_PROTOCOL: 'http' },
      noFile,
      '/',
    );
    expect([settings.baseUrl, settings.serverUrl]).toEqual([
      'http://127.0.0.1:8080/api/v3',
      'http://127.0.0.1:8080',
    ]);
  });

  it.each([
    [{ APP_ID: undefined }, "APP_ID is missing: give the App's id (its settings page shows it)"],
    [{ APP_ID: 'my-app' }, 'APP_ID must be the App\'s numeric id, not "my-app"'],
    [
      { PRIVATE_KEY: undefined },
      "PRIVATE_KEY or PRIVATE_KEY_PATH is missing: give the App's private key (the .pem file from its settings page)",
    ],
    [
      { PRIVATE_KEY: 'not-a-key' },
      'PRIVATE_KEY is not a PEM private key: give the .pem file GitHub generated for the App (its text, base64, or its path)',
    ],
    [
      { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/keys/missing.pem' },
      'PRIVATE_KEY_PATH: /keys/missing.pem cannot be read (ENOENT): give the path of the .pem file GitHub generated for the App',
    ],
    [
      { WEBHOOK_SECRET: '' },
      "WEBHOOK_SECRET is missing: give the webhook secret set in the App's settings, so forged webhooks are refused",
    ],
    [{ PORT: '80a' }, 'PORT must be a whole number from 0 to 65535, not "80a"'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "loud"',
    ],
    [{ GHE_PROTOCOL: 'ftp' }, 'GHE_PROTOCOL must be https or http, not "ftp"'],
    [
      { GHE_HOST: 'https://ghe.example.com' },
      'GHE_HOST must be a host name (github.example.com, optionally with :port), not "https://ghe.example.com"',
    ],
  ])('refuses %j with one line', (env, message) => {
    expect(errorOf({ ...GOOD, ...env })).toBe(message);
  });

  it('never puts the key in its message', () => {
    const broken = KEY.replace('MII', 'XXX');
    const message = errorOf({ ...GOOD, PRIVATE_KEY: broken });
    expect(message).not.toContain('XXX');
    expect(message.split('\n')).toHaveLength(1);
  });
});

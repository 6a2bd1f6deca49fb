import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { botBuildOptions } from '../../scripts/build-options.mjs';

/** The App bundled as `npm run build` bundles it, inside node_modules so probot (kept external) resolves. */
const BUNDLE_DIR = fileURLToPath(new URL('../../node_modules/.cache/kubeproof-test-bot', import.meta.url));

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build(botBuildOptions(BUNDLE_DIR));
});

/** `npm run bot` (`node dist/bot.js`) as a process, with only these variables. */
function start(env: Record<string, string>) {
  const child = spawnSync(process.execPath, [join(BUNDLE_DIR, 'bot.js')], {
    cwd: BUNDLE_DIR,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stderr: child.stderr, stdout: child.stdout };
}

const BROKEN_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIsecretbytes\n-----END RSA PRIVATE KEY-----';

describe('npm run bot', () => {
  it.each([
    [{}, "kubeproof: APP_ID is missing: give the App's id (its settings page shows it)\n"],
    [
      { APP_ID: '1', PRIVATE_KEY: BROKEN_KEY, WEBHOOK_SECRET: 's' },
      'kubeproof: PRIVATE_KEY is not a PEM private key: give the .pem file GitHub generated for the App (its text, base64, or its path)\n',
    ],
  ])('stops on a bad setting with one line, exit code 1 and no key: %j', (env, line) => {
    const { status, stderr, stdout } = start(env);

    expect([status, stderr, stdout]).toEqual([1, line, '']);
    expect(stderr).not.toContain('secretbytes');
  });
});

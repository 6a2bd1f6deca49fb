import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = join(process.cwd(), 'bot/main.ts');
// tsx resolved from the project, since the process runs in an empty folder.
const TSX = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/esm/index.mjs')).href;

/** `npm run bot` as a process (from its sources), in an empty folder: no `.env` there. */
function start(env: Record<string, string>) {
  const child = spawnSync(process.execPath, ['--import', TSX, MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'kubeproof-bot-')),
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stderr: child.stderr, stdout: child.stdout };
}

describe('bot/main.ts', () => {
  // One case: each process pays for loading probot through tsx; the settings' messages are tested in
  // test/platform/app/app-settings.test.ts.
  it.each([[{}, "kubeproof: APP_ID is missing: give the App's id (its settings page shows it)\n"]])(
    'stops on a bad setting with one line and exit code 1: %j',
    (env, line) => {
      const { status, stderr, stdout } = start(env);

      expect([status, stderr, stdout]).toEqual([1, line, '']);
    },
  );
});

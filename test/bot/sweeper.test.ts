import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { createKubeproofApp } from '../../bot/app.ts';
import { startSweeps, type Timers } from '../../bot/sweeper.ts';
import type { AppDirectory } from '../../platform/github/app-directory.ts';
import { APP_ID, SCHEMAS } from './bot-test-kit.ts';

function timers() {
  const scheduled: { run: () => void; ms: number; cleared: boolean }[] = [];
  const fake: Timers = {
    setInterval: (run, ms) => {
      const timer = { run, ms, cleared: false };
      scheduled.push(timer);
      return timer;
    },
    clearInterval: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  };
  return { fake, scheduled };
}

describe('startSweeps', () => {
  it('sweeps on start and at every tick, looking a day back first and two intervals after, until stopped', async () => {
    const asked: number[] = [];
    const directory: AppDirectory = {
      listInstallations: async () => [],
      portFor: () => Promise.reject(new Error('no installation')),
      listRecentRepositories: async () => [],
      listOpenPullRequests: async () => [],
      listDeliveries: async (since) => {
        asked.push(since);
        return [];
      },
      redeliver: async () => {},
    };
    const now = Date.parse('2026-12-07T12:00:00Z');
    const { context } = createKubeproofApp({
      appId: APP_ID,
      schemas: SCHEMAS,
      staleAfterMs: 15 * 60_000,
      maxTarballBytes: 1 << 20,
      failOn: 'error',
      serverUrl: undefined,
      now: () => now,
    });
    const probot = {
      log: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} },
    } as unknown as Probot;
    const { fake, scheduled } = timers();

    const sweeper = startSweeps(
      probot,
      { ...context, appId: APP_ID },
      { everyMs: 5 * 60_000, timers: fake, directory },
    );
    await sweeper.sweep();
    scheduled[0]?.run();
    await sweeper.sweep();
    sweeper.stop();

    expect(scheduled.map((timer) => [timer.ms, timer.cleared])).toEqual([[300_000, true]]);
    expect(asked.map((since) => (now - since) / 60_000)).toEqual([24 * 60, 25]);
  });
});

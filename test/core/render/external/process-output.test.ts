import { describe, expect, it } from 'vitest';
import {
  diskPath,
  mapLimited,
  stderrSummary,
  withoutRepoRoot,
} from '../../../../core/render/external/process-output.ts';

describe('diskPath', () => {
  it.each([
    ['/repo', '', '/repo'],
    ['/repo/', 'envs/prod', '/repo/envs/prod'],
    ['/', 'envs', '/envs'],
    ['', 'envs', './envs'],
    ['C:\\work\\repo\\', 'charts/web', 'C:\\work\\repo/charts/web'],
  ])('%j + %j = %j', (root, path, expected) => {
    expect(diskPath(root, path)).toBe(expected);
  });
});

describe('stderrSummary', () => {
  it('keeps three non-empty lines without the Error prefix and the repository folder', () => {
    expect(stderrSummary('\nError: open /repo/a.yaml: no such file\n\nb\nc\nd\n', '/repo')).toBe(
      'open a.yaml: no such file\nb\nc',
    );
  });

  it('cuts a long message', () => {
    const text = stderrSummary(`error: ${'x'.repeat(2000)}`, '/repo');
    expect(text).toHaveLength(1000);
    expect(text.endsWith('…')).toBe(true);
  });

  it('shows the repository root itself as .', () => {
    expect(withoutRepoRoot('in /repo: bad', '/repo')).toBe('in .: bad');
  });
});

describe('mapLimited', () => {
  it('runs at most limit tasks at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimited([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 * (6 - n)));
      running--;
      return n * 10;
    });
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});

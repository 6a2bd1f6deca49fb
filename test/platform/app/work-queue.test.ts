import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../../platform/app/work-queue.ts';

function gate() {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('createWorkQueue', () => {
  it('does a delivery once, however often it arrives', async () => {
    const queue = createWorkQueue({ error: () => {} });
    let runs = 0;
    const item = { delivery: 'd-1', serial: 'pr', run: async () => void runs++ };

    expect([queue.submit(item), queue.submit(item)]).toEqual([true, false]);
    await queue.idle();

    expect(runs).toBe(1);
  });

  it('runs the work of one pull request one job after another, other pull requests beside it', async () => {
    const queue = createWorkQueue({ error: () => {} });
    const order: string[] = [];
    const first = gate();
    queue.submit({
      serial: 'a',
      run: async () => {
        order.push('a1 start');
        await first.opened;
        order.push('a1 end');
      },
    });
    queue.submit({ serial: 'a', run: async () => void order.push('a2') });
    queue.submit({ serial: 'b', run: async () => void order.push('b1') });
    await new Promise((resolve) => setImmediate(resolve));
    first.open();
    await queue.idle();

    expect(order.indexOf('a2')).toBeGreaterThan(order.indexOf('a1 end'));
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a1 end'));
    expect(queue.pending()).toBe(0);
  });

  it('keeps at most `concurrency` jobs running, and logs a failure without stopping the rest', async () => {
    const errors: string[] = [];
    const queue = createWorkQueue({ error: (message) => errors.push(message) }, { concurrency: 2 });
    let running = 0;
    let most = 0;
    for (let i = 0; i < 6; i++)
      queue.submit({
        serial: `pr-${i}`,
        run: async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
          if (i === 3) throw new Error('GitHub answered 500');
        },
      });
    await queue.idle();

    expect(most).toBe(2);
    expect(errors).toEqual(['kubeproof: GitHub answered 500']);
  });
});

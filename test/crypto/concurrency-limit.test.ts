/** The hashing queue: never more than `limit` tasks at once, all of them run, in order. */
import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../../src/crypto/concurrency-limit.js';

describe('concurrencyLimit', () => {
  it('runs at most `limit` tasks at once and every task eventually, in arrival order', async () => {
    const limit = concurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limit.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        return i * 2;
      }),
    );
    expect(limit.waiting).toBe(8);
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limit.active).toBe(0);
  });

  // Regression: release() used to free the slot and then wake a waiter, so a caller arriving in
  // between (a few microtasks after the running task finished) took the same slot.
  it('never exceeds the limit when a newcomer arrives as a slot is released', async () => {
    for (let delay = 0; delay < 8; delay++) {
      const limit = concurrencyLimit(1);
      let running = 0;
      let peak = 0;
      let finished!: () => void;
      const firstDone = new Promise<void>((r) => {
        finished = r;
      });
      const track = async (work: () => Promise<void>) => {
        running++;
        peak = Math.max(peak, running);
        await work();
        running--;
      };
      const first = limit.run(() =>
        track(async () => {
          await new Promise((r) => setTimeout(r, 1));
          finished();
        }),
      );
      const waiter = limit.run(() => track(() => new Promise((r) => setTimeout(r, 1))));
      let chain: Promise<unknown> = firstDone;
      for (let i = 0; i < delay; i++) chain = chain.then(() => undefined);
      const newcomer = chain.then(() => limit.run(() => track(() => new Promise((r) => setTimeout(r, 1)))));
      await Promise.all([first, waiter, newcomer]);
      expect(peak, `newcomer ${delay} microtasks after the first task finished`).toBe(1);
    }
  });

  it('frees the slot when a task fails', async () => {
    const limit = concurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});

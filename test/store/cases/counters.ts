/**
 * Contract: CounterStore — sliding windows and lockout attempts, atomic under concurrency. Run on
 * SQLite, PostgreSQL (store contract) and Redis (test/store/redis-counters.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CounterStore, LockoutPolicy } from '../../../src/store/ports/counter-store.js';
import { MINUTE, T0 } from '../../support/entities.js';

const policy: LockoutPolicy = { threshold: 3, lockMs: (n) => MINUTE * 2 ** n };

export function counterCases(counters: () => CounterStore): void {
  const key = () => `test:${randomUUID()}`;
  const W = 60_000;
  const windowStart = Math.floor(T0 / W) * W;

  it('allows max hits in a window, then refuses with a retry hint; the previous window fades', async () => {
    const k = key();
    const at = windowStart + 1000;
    for (let i = 0; i < 3; i++) expect((await counters().hit(k, 3, W, at)).allowed).toBe(true);
    const refused = await counters().hit(k, 3, W, at);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(W);
    // Early in the next window, most of the previous one (4 hits) still counts.
    expect((await counters().hit(k, 3, W, windowStart + W + 1000)).allowed).toBe(false);
    // Late in it, little does: 5 × 0.1 + 2 ≤ 3.
    expect((await counters().hit(k, 3, W, windowStart + W + 54_000)).allowed).toBe(true);
    // Two windows on, the first is gone.
    const later = windowStart + 3 * W;
    for (let i = 0; i < 3; i++) expect((await counters().hit(k, 3, W, later)).allowed).toBe(true);
  });

  it('counts concurrent hits exactly: 20 at once with max 10 → 10 allowed', async () => {
    const k = key();
    const hits = await Promise.all(Array.from({ length: 20 }, () => counters().hit(k, 10, W, T0)));
    expect(hits.filter((h) => h.allowed)).toHaveLength(10);
  });

  it('locks after the threshold, refuses during the lock, doubles the next lock', async () => {
    const k = key();
    for (let i = 0; i < 3; i++) expect((await counters().attempt(k, policy, T0)).allowed).toBe(true);
    const locking = await counters().attempt(k, policy, T0);
    expect(locking).toEqual({ allowed: false, retryAfterMs: MINUTE });
    expect(await counters().attempt(k, policy, T0 + 30_000)).toEqual({
      allowed: false,
      retryAfterMs: 30_000,
    });
    const after = T0 + MINUTE + 1;
    for (let i = 0; i < 3; i++) expect((await counters().attempt(k, policy, after)).allowed).toBe(true);
    expect(await counters().attempt(k, policy, after)).toEqual({ allowed: false, retryAfterMs: 2 * MINUTE });
  });

  it('lets at most threshold of 50 concurrent attempts through', async () => {
    const k = key();
    const attempts = await Promise.all(Array.from({ length: 50 }, () => counters().attempt(k, policy, T0)));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(3);
  });

  it('clear forgets attempts and locks; release gives one attempt back', async () => {
    const k = key();
    for (let i = 0; i < 4; i++) await counters().attempt(k, policy, T0);
    expect((await counters().attempt(k, policy, T0)).allowed).toBe(false);
    await counters().clear(k);
    for (let i = 0; i < 3; i++) expect((await counters().attempt(k, policy, T0)).allowed).toBe(true);
    await counters().release(k);
    expect((await counters().attempt(k, policy, T0)).allowed).toBe(true);
    expect((await counters().attempt(k, policy, T0)).allowed).toBe(false);
  });
}

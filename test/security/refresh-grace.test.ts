/**
 * The refresh grace window (`refreshReuseGrace`), over HTTP on SQLite and PostgreSQL (SECURITY.md
 * RT-01, RT-02). Off (0, the default): a spent token presented again ends the session, and of
 * parallel refreshes with one token exactly one succeeds. On (10 s here): within the window the
 * spent token gets the same successor — every tab ends up with one chain — and past it, reuse is
 * detected as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('refresh grace window (%s)', (kind) => {
  let strict: TestGatehouse;
  let graceful: TestGatehouse;
  beforeAll(async () => {
    strict = await openGatehouse(kind);
    graceful = await openGatehouse(kind, { refreshReuseGrace: 10 });
  });
  afterAll(async () => {
    await strict.close();
    await graceful.close();
  });

  const refresh = (t: TestGatehouse, refreshToken: string) =>
    t.request('POST', '/auth/refresh', { body: { refreshToken } });
  const sessionStatus = async (t: TestGatehouse, token: string) =>
    (await t.request('GET', '/auth/session', { token })).status;

  it('RT-02: with a grace window, 20 parallel refreshes with one token all succeed with the same successor', async () => {
    const { refreshToken } = await graceful.signUp();
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(graceful, refreshToken)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const successors = new Set(replies.map((r) => r.body.refreshToken));
    expect(successors.size).toBe(1);
    const [successor] = [...successors] as [string];
    expect(successor).not.toBe(refreshToken);
    for (const r of replies) expect(await sessionStatus(graceful, r.body.accessToken)).toBe(200);
    // One chain: the successor moves on as usual.
    const next = await refresh(graceful, successor);
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(successor);
  });

  it('RT-02: without one (the default), 20 parallel refreshes — one succeeds, the rest are reuse, the session ends', async () => {
    const { refreshToken, accessToken } = await strict.signUp();
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(strict, refreshToken)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    expect(await sessionStatus(strict, accessToken)).toBe(401);
  });

  it('RT-01: with a grace window, inside it the spent token gets the same successor; past it, reuse ends the family', async () => {
    const { refreshToken } = await graceful.signUp();
    const first = await refresh(graceful, refreshToken);
    graceful.clock.advance(9_000);
    const again = await refresh(graceful, refreshToken);
    expect(again.status).toBe(200);
    expect(again.body.refreshToken).toBe(first.body.refreshToken);
    expect(again.body.accessToken).not.toBe(first.body.accessToken);

    graceful.clock.advance(2_000); // 11 s after the token was spent
    const late = await refresh(graceful, refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(graceful, first.body.refreshToken)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect(await sessionStatus(graceful, again.body.accessToken)).toBe(401);
  });

  it('RT-01: with a grace window, a spent token whose successor was spent too is reuse, even inside the window', async () => {
    const { refreshToken } = await graceful.signUp();
    const first = await refresh(graceful, refreshToken);
    const second = await refresh(graceful, first.body.refreshToken);
    expect(second.status).toBe(200);
    const replay = await refresh(graceful, refreshToken);
    expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    expect(await sessionStatus(graceful, second.body.accessToken)).toBe(401);
  });

  it('RT-01: without one, a spent token presented again at once is reuse', async () => {
    const { refreshToken } = await strict.signUp();
    const first = await refresh(strict, refreshToken);
    const replay = await refresh(strict, refreshToken);
    expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    expect(await sessionStatus(strict, first.body.accessToken)).toBe(401);
  });
});

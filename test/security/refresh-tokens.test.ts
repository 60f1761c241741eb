/**
 * Refresh tokens over HTTP, on SQLite and PostgreSQL (SECURITY.md RT-01..03): rotation with
 * reuse detection that ends the whole family, race-free rotation, and an absolute lifetime and
 * binding to the instance and the purpose. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import type { GatehouseEvent } from '../../src/core/events.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const MINUTE = 60 * 1000;

describe.each(everyStoreKind)('refresh tokens (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.request('POST', '/auth/refresh', { body: { refreshToken } });
  const sessionStatus = async (accessToken: string) =>
    (await t.request('GET', '/auth/session', { token: accessToken })).status;

  it('RT-01: a refresh that fails on a read (the database gone) leaves its token unspent: the retry is a refresh, not reuse', async () => {
    const first = await t.signUp();
    const find = t.store.memberships.find;
    Object.assign(t.store.memberships, {
      find: async () => {
        throw new GatehouseError('UNAVAILABLE', 'The database is unavailable');
      },
    });
    try {
      const failed = await refresh(first.refreshToken);
      expect([failed.status, failed.body.error.code]).toEqual([503, 'UNAVAILABLE']);
    } finally {
      Object.assign(t.store.memberships, { find });
    }
    const retry = await refresh(first.refreshToken);
    expect(retry.status).toBe(200);
    expect(await sessionStatus(retry.body.accessToken)).toBe(200);
  });

  it('RT-01: refresh rotates: new tokens, same session, and the old refresh token is spent', async () => {
    const first = await t.signUp();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.session.id).toBe(first.session.id);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.user.id).toBe(first.user.id);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect(await sessionStatus(third.body.accessToken)).toBe(200);

    // The spent token, presented again: refused as reuse, and the live successor dies with it.
    const spent = await refresh(first.refreshToken);
    expect(spent.status).toBe(401);
    expect(spent.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(third.body.refreshToken)).status).toBe(401);
    expect(await sessionStatus(third.body.accessToken)).toBe(401);
    const audit = await t.gatehouse.listAuditEvents({
      userId: first.user.id,
      type: 'session.refresh_reused',
    });
    expect(audit.items).toEqual([
      expect.objectContaining({
        type: 'session.refresh_reused',
        outcome: 'failure',
        userId: first.user.id,
        sessionId: first.session.id,
      }),
    ]);
  });

  it('RT-01: a spent refresh token ends the whole session: reuse → REFRESH_TOKEN_REUSED, descendants die', async () => {
    const first = await t.signUp();
    const second = await refresh(first.refreshToken);
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate successor is dead too, and so is its access token.
    const successor = await refresh(second.body.refreshToken);
    expect(successor.status).toBe(401);
    expect(['REFRESH_TOKEN_REUSED', 'SESSION_NOT_FOUND']).toContain(successor.body.error.code);
    const check = await t.request('GET', '/auth/session', { token: second.body.accessToken });
    expect(check.status).toBe(401);
    expect(check.body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('RT-01: reuse deep in the chain kills every descendant, and is announced and audited as session.refresh_reused', async () => {
    const seen: GatehouseEvent[] = [];
    const off = t.gatehouse.on('session.refresh_reused', (event) => {
      seen.push(event);
    });
    const first = await t.signUp();
    const chain = [first];
    for (let i = 0; i < 4; i++) chain.push((await refresh(chain.at(-1)!.refreshToken)).body);
    expect((await refresh(chain[1]!.refreshToken)).body.error.code).toBe('REFRESH_TOKEN_REUSED');
    for (const link of chain) {
      expect((await t.request('GET', '/auth/session', { token: link.accessToken })).status).toBe(401);
    }
    expect((await refresh(chain.at(-1)!.refreshToken)).status).toBe(401);
    // Handlers run after the fact; the later refusals above are not announced as reuse again.
    await waitUntil(() => seen.length > 0, 'the session.refresh_reused event');
    off();
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'session.refresh_reused',
        outcome: 'failure',
        userId: first.user.id,
        sessionId: first.session.id,
      }),
    ]);
    const audit = await t.gatehouse.listAuditEvents({
      userId: first.user.id,
      type: 'session.refresh_reused',
    });
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items)).not.toContain(chain[1]!.refreshToken);
  });

  it('RT-02: twenty parallel refreshes of one token: exactly one success', async () => {
    const first = await t.signUp();
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(first.refreshToken)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    expect(replies.every((r) => r.status < 500)).toBe(true);
  });

  it('RT-02: a raced token leaves no fork: the parallel replays count as reuse, so even the one successor is refused', async () => {
    const first = await t.signUp();
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(first.refreshToken)));
    const winner = replies.find((r) => r.status === 200)!;
    const losers = replies.filter((r) => r.status !== 200);
    expect(losers.every((r) => r.body.error.code === 'REFRESH_TOKEN_REUSED')).toBe(true);
    expect((await refresh(winner.body.refreshToken)).status).toBe(401);
    expect((await t.request('GET', '/auth/session', { token: winner.body.accessToken })).status).toBe(401);
  });

  it('RT-03: a refresh token is bound to its instance and purpose: at another instance, as a bearer token, or an access token as a refresh token → 401', async () => {
    const s = await t.signUp();
    const other = await openGatehouse(kind);
    try {
      const foreign = await other.request('POST', '/auth/refresh', {
        body: { refreshToken: s.refreshToken },
      });
      expect(foreign.status).toBe(401);
      expect(foreign.body.error.code).toBe('INVALID_TOKEN');
    } finally {
      await other.close();
    }
    const asBearer = await t.request('GET', '/auth/session', { token: s.refreshToken });
    expect(asBearer.status).toBe(401);
    expect(asBearer.body.error.code).toBe('INVALID_TOKEN');
    expect((await refresh(s.accessToken)).body.error.code).toBe('INVALID_TOKEN');
    // None of that spent or harmed the real token.
    expect((await refresh(s.refreshToken)).status).toBe(200);
  });
});

describe.each(everyStoreKind)('refresh tokens with a one-hour absolute lifetime (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { sessionIdleTtl: 10 * 60, sessionAbsoluteTtl: 60 * 60 });
  });
  afterAll(() => t.close());

  it('RT-03: refreshing every five minutes keeps a session only until its absolute lifetime; then 401', async () => {
    let current = await t.signUp();
    for (let elapsed = 5; elapsed < 60; elapsed += 5) {
      t.clock.advance(5 * MINUTE);
      const next = await t.request('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } });
      expect(next.status, `${elapsed} min`).toBe(200);
      current = next.body;
    }
    t.clock.advance(5 * MINUTE + 1);
    const late = await t.request('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('SESSION_NOT_FOUND');
  });
});

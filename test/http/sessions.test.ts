/** Sessions over HTTP on SQLite and PostgreSQL: refresh rotation and reuse, sign-out, listing, revocation, expiry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const DAY = 24 * 3600 * 1000;

describe.each(storeKinds)('sessions over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.request('POST', '/auth/refresh', { body: { refreshToken } });

  it('refresh rotates: new tokens, same session, and the old refresh token is spent', async () => {
    const first = await t.signUp();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.session.id).toBe(first.session.id);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.user.id).toBe(first.user.id);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
  });

  it('a spent refresh token ends the whole session: reuse → REFRESH_TOKEN_REUSED, descendants die', async () => {
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

  it('twenty parallel refreshes of one token: exactly one success', async () => {
    const first = await t.signUp();
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(first.refreshToken)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    expect(replies.every((r) => r.status < 500)).toBe(true);
  });

  it('an unknown or garbage refresh token is INVALID_TOKEN', async () => {
    expect((await refresh('A'.repeat(43))).body.error.code).toBe('INVALID_TOKEN');
    expect((await refresh('')).body.error.code).toBe('INVALID_TOKEN');
    expect((await refresh("' OR 1=1 --")).body.error.code).toBe('INVALID_TOKEN');
  });

  it('sign-out revokes the session: its access and refresh tokens stop working at once', async () => {
    const s = await t.signUp();
    const out = await t.request('POST', '/auth/sign-out', { token: s.accessToken });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true });
    expect((await t.request('GET', '/auth/session', { token: s.accessToken })).body.error.code).toBe(
      'SESSION_NOT_FOUND',
    );
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await t.request('POST', '/auth/sign-out', { token: s.accessToken })).status).toBe(401);
  });

  it('lists the caller’s sessions with device, ip and current; revokes one; another user’s id is 404', async () => {
    const email = uniqueEmail();
    const a = await t.signUp(email);
    const laptop = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0' },
      ip: '203.0.113.9',
    });
    const list = await t.request('GET', '/auth/sessions', { token: a.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const mine = list.body.sessions.find((s: { current: boolean }) => s.current);
    expect(mine.id).toBe(a.session.id);
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({
      id: laptop.body.session.id,
      ip: '203.0.113.9',
      device: 'Firefox on Linux',
    });
    expect(other.lastUsedAt).toEqual(expect.any(String));

    const stranger = await t.signUp();
    const idor = await t.request('DELETE', `/auth/sessions/${laptop.body.session.id}`, {
      token: stranger.accessToken,
    });
    expect(idor.status).toBe(404);
    expect(idor.body.error.code).toBe('NOT_FOUND');
    expect((await t.request('GET', '/auth/session', { token: laptop.body.accessToken })).status).toBe(200);

    const revoke = await t.request('DELETE', `/auth/sessions/${laptop.body.session.id}`, {
      token: a.accessToken,
    });
    expect(revoke.status).toBe(200);
    expect((await t.request('GET', '/auth/session', { token: laptop.body.accessToken })).status).toBe(401);
    expect((await t.request('DELETE', '/auth/sessions/not-an-id', { token: a.accessToken })).status).toBe(
      404,
    );
  });

  it('suspension ends sessions at once and keeps the password; reactivation lets the user back in', async () => {
    const email = uniqueEmail();
    const s = await t.signUp(email);
    await t.gatehouse.suspendUser(s.user.id);
    expect((await t.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
    expect((await refresh(s.refreshToken)).status).toBe(401);
    await t.gatehouse.reactivateUser(s.user.id);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('revocation ends sessions and credentials', async () => {
    const email = uniqueEmail();
    const s = await t.signUp(email);
    await t.gatehouse.revokeUser(s.user.id);
    expect((await t.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
    await t.gatehouse.reactivateUser(s.user.id);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(401);
  });

  it('password rotation ends sessions bound to the old credential; the new password works, the old does not', async () => {
    const email = uniqueEmail();
    const s = await t.signUp(email);
    await t.gatehouse.rotatePassword(s.user.id, 'a brand new passphrase 2026');
    expect((await t.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(401);
    const fresh = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: 'a brand new passphrase 2026' },
    });
    expect(fresh.status).toBe(200);
    await expect(t.gatehouse.rotatePassword(s.user.id, 'short')).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
    });
  });

  it('an unused session ends after the idle timeout; an active one at the absolute limit', async () => {
    const idle = await t.signUp();
    t.clock.advance(15 * DAY);
    expect((await refresh(idle.refreshToken)).body.error.code).toBe('SESSION_NOT_FOUND');

    let active = await t.signUp();
    for (let day = 10; day <= 50; day += 10) {
      t.clock.advance(10 * DAY);
      const next = await refresh(active.refreshToken);
      expect(next.status).toBe(200);
      active = next.body;
    }
    t.clock.advance(10 * DAY + 1); // past 60 days from sign-in
    expect((await refresh(active.refreshToken)).body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('an expired access token is TOKEN_EXPIRED even though the session lives on', async () => {
    const s = await t.signUp();
    t.clock.advance(16 * 60 * 1000);
    const reply = await t.request('GET', '/auth/session', { token: s.accessToken });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('TOKEN_EXPIRED');
    expect((await refresh(s.refreshToken)).status).toBe(200);
  });
});

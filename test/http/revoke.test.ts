/**
 * Ending sessions without the session itself, over HTTP on SQLite and PostgreSQL:
 * `POST /auth/revoke {refreshToken}` (RFC 7009 style: always 200, ends the session if the token
 * is ours) and `POST /auth/sign-out {everywhere: true}` (every session of the user ends).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('revoking sessions (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const revoke = (refreshToken: unknown) => t.request('POST', '/auth/revoke', { body: { refreshToken } });
  const sessionStatus = async (token: string) => (await t.request('GET', '/auth/session', { token })).status;
  const signIn = async (email: string) =>
    (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;

  it('POST /auth/revoke ends the session of a live refresh token, and only that session', async () => {
    const a = await t.signUp();
    const other = await signIn(a.user.email);
    const reply = await revoke(a.refreshToken);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true });
    expect(await sessionStatus(a.accessToken)).toBe(401);
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
    expect(await sessionStatus(other.accessToken)).toBe(200);
    const events = await t.gatehouse.listAuditEvents({ userId: a.user.id, type: 'session.revoked' });
    expect(events.items[0]).toMatchObject({ sessionId: a.session.id, data: { reason: 'token_revoked' } });
  });

  it('POST /auth/revoke answers 200 alike for unknown, spent, already revoked and malformed-but-valid-shape tokens', async () => {
    const a = await t.signUp();
    const next = (await t.request('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).body;
    for (const token of ['x'.repeat(43), 'not-a-token', a.refreshToken, a.refreshToken]) {
      const reply = await revoke(token);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ success: true });
    }
    // The spent token belonged to the session: it is ended now.
    expect(await sessionStatus(next.accessToken)).toBe(401);
  });

  it('POST /auth/revoke refuses a body that is not {refreshToken: string} with 400', async () => {
    for (const body of [{}, { refreshToken: 42 }, { token: 'x' }]) {
      const reply = await t.request('POST', '/auth/revoke', { body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('POST /auth/sign-out {everywhere: true} ends every session of the user, and nobody else’s', async () => {
    const a = await t.signUp();
    const sessions = [a, await signIn(a.user.email), await signIn(a.user.email)];
    const stranger = await t.signUp();
    const out = await t.request('POST', '/auth/sign-out', {
      token: a.accessToken,
      body: { everywhere: true },
    });
    expect(out.status).toBe(200);
    for (const s of sessions) {
      expect(await sessionStatus(s.accessToken)).toBe(401);
      expect(
        (await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
      ).toBe(401);
    }
    expect(await sessionStatus(stranger.accessToken)).toBe(200);
    const events = await t.gatehouse.listAuditEvents({ userId: a.user.id, type: 'session.revoked' });
    expect(events.items[0]?.data).toEqual({ reason: 'sign_out_everywhere', sessions: 3 });
  });

  it('POST /auth/sign-out without a body (or {everywhere: false}) still ends only the caller’s session', async () => {
    const a = await t.signUp();
    const b = await signIn(a.user.email);
    expect((await t.request('POST', '/auth/sign-out', { token: a.accessToken })).status).toBe(200);
    expect(await sessionStatus(a.accessToken)).toBe(401);
    expect(await sessionStatus(b.accessToken)).toBe(200);
    const c = await signIn(a.user.email);
    expect(
      (await t.request('POST', '/auth/sign-out', { token: c.accessToken, body: { everywhere: false } }))
        .status,
    ).toBe(200);
    expect(await sessionStatus(b.accessToken)).toBe(200);
    const bad = await t.request('POST', '/auth/sign-out', {
      token: b.accessToken,
      body: { everywhere: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(await sessionStatus(b.accessToken)).toBe(200);
  });

  it('works from code: revokeRefreshToken() and signOut(token, {everywhere: true})', async () => {
    const a = await t.signUp();
    await t.gatehouse.revokeRefreshToken(a.refreshToken);
    expect(await sessionStatus(a.accessToken)).toBe(401);
    const b = await signIn(a.user.email);
    const c = await signIn(a.user.email);
    await t.gatehouse.signOut(b.accessToken, { everywhere: true });
    expect(await sessionStatus(c.accessToken)).toBe(401);
  });
});

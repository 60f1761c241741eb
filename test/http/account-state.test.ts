/**
 * The operations the account pages needed, over HTTP on SQLite and PostgreSQL:
 * `POST /auth/sign-out {others: true}` (every other session ends, the caller's stays, a pending
 * address change dies with them; two at once both succeed), `POST /auth/set-password` (a first
 * password for an account without one: recent sign-in, sign-up rules, never over an existing
 * password), and what `GET /auth/me` says about them (`hasPassword`, `pendingEmail`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { hashToken, newOpaqueToken } from '../../src/crypto/opaque-token.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

const FIRST_PASSWORD = 'a first passphrase for a passwordless account';

describe.each(everyStoreKind)('account state operations (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const signIn = async (email: string, password = PASSWORD) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const sessionStatus = async (token: string) => (await t.request('GET', '/auth/session', { token })).status;
  const getMe = async (token: string) => (await t.request('GET', '/auth/me', { token })).body;
  const signOut = (token: string, body?: unknown) =>
    t.request('POST', '/auth/sign-out', { token, ...(body === undefined ? {} : { body }) });
  const setPassword = (token: string, newPassword: unknown) =>
    t.request('POST', '/auth/set-password', { token, body: { newPassword } });
  const requestChange = (token: string, newEmail: string) =>
    t.request('POST', '/auth/change-email', { token, body: { newEmail, password: PASSWORD } });

  /** A new account signed in with a magic link: it has no password. */
  const passwordless = async () => {
    const email = uniqueEmail('nopass');
    const token = newOpaqueToken<string>(systemRandom);
    const now = t.clock.now();
    await t.store.emailSignIns.issue({
      id: newId('esi', now, systemRandom),
      email,
      userId: null,
      kind: 'link',
      secretHash: hashToken(token),
      attempts: 0,
      createdAt: now,
      expiresAt: now + 60_000,
      usedAt: null,
      appId: DEFAULT_APP_ID,
    });
    const reply = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return { email, accessToken: reply.body.accessToken as string, userId: reply.body.user.id as string };
  };

  describe('sign out every other session', () => {
    it('ends every other session of the user, keeps the caller’s and nobody else’s, with one event', async () => {
      const a = await t.signUp();
      const others = [(await signIn(a.user.email)).body, (await signIn(a.user.email)).body];
      const stranger = await t.signUp();
      const out = await signOut(a.accessToken, { others: true });
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ success: true });
      expect(await sessionStatus(a.accessToken)).toBe(200);
      expect(
        (await t.request('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status,
      ).toBe(200);
      for (const s of others) {
        expect(await sessionStatus(s.accessToken)).toBe(401);
        expect(
          (await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
        ).toBe(401);
      }
      expect(await sessionStatus(stranger.accessToken)).toBe(200);
      const events = await t.gatehouse.listAuditEvents({ userId: a.user.id, type: 'session.revoked' });
      expect(events.items).toHaveLength(1);
      expect(events.items[0]).toMatchObject({
        sessionId: a.session.id,
        data: { reason: 'sign_out_others', sessions: 2 },
      });
    });

    it('keeps the cookies of a browser that signs the others out', async () => {
      const a = await t.signUp();
      const out = await t.request('POST', '/auth/sign-out', {
        body: { others: true },
        headers: {
          cookie: `gh_access=${a.accessToken}`,
          'gatehouse-transport': 'cookie',
          origin: 'http://localhost:3000',
          'sec-fetch-site': 'same-origin',
        },
      });
      expect(out.status, JSON.stringify(out.body)).toBe(200);
      expect(out.headers.getSetCookie().join('\n')).not.toMatch(/gh_access=;/);
      expect(await sessionStatus(a.accessToken)).toBe(200);
    });

    it('voids a pending address change, as signing out everywhere does', async () => {
      const a = await t.signUp();
      const newEmail = uniqueEmail('moved');
      expect((await requestChange(a.accessToken, newEmail)).status).toBe(202);
      expect((await getMe(a.accessToken)).pendingEmail).toMatchObject({ email: newEmail });
      expect((await signOut(a.accessToken, { others: true })).status).toBe(200);
      expect((await getMe(a.accessToken)).pendingEmail).toBeNull();
      const live = await t.store.verificationTokens.listLive(a.user.id, t.clock.now());
      expect(live.filter((link) => link.purpose === 'change_email')).toEqual([]);
    });

    it('two at once both succeed, the caller stays signed in and the others end', async () => {
      const a = await t.signUp();
      const others = await Promise.all([1, 2, 3, 4].map(async () => (await signIn(a.user.email)).body));
      const replies = await Promise.all([
        signOut(a.accessToken, { others: true }),
        signOut(a.accessToken, { others: true }),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(await sessionStatus(a.accessToken)).toBe(200);
      for (const s of others) expect(await sessionStatus(s.accessToken)).toBe(401);
      const events = await t.gatehouse.listAuditEvents({ userId: a.user.id, type: 'session.revoked' });
      const ended = events.items.map((e) => (e.data as { sessions: number }).sessions);
      expect(ended).toHaveLength(2);
      // Each session ended once, whichever call ended it.
      expect(ended.reduce((sum, n) => sum + n, 0)).toBe(4);
    });

    it('refuses everywhere and others together with 400 VALIDATION_ERROR, and ends nothing', async () => {
      const a = await t.signUp();
      const b = (await signIn(a.user.email)).body;
      const refused = await signOut(a.accessToken, { everywhere: true, others: true });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
      expect(await sessionStatus(a.accessToken)).toBe(200);
      expect(await sessionStatus(b.accessToken)).toBe(200);
      const typed = await signOut(a.accessToken, { others: 'yes' });
      expect(typed.status).toBe(400);
      expect(typed.body.error.code).toBe('VALIDATION_ERROR');
    });

    it('embedded: gatehouse.signOut(token, {others: true}) does the same', async () => {
      const a = await t.signUp();
      const b = (await signIn(a.user.email)).body;
      await t.gatehouse.signOut(a.accessToken, { others: true });
      expect(await sessionStatus(a.accessToken)).toBe(200);
      expect(await sessionStatus(b.accessToken)).toBe(401);
      await expect(
        t.gatehouse.signOut(a.accessToken, { others: true, everywhere: true }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    });
  });

  describe('a first password', () => {
    it('an account without a password sets one, then signs in with it; its sessions stay', async () => {
      const a = await passwordless();
      expect((await getMe(a.accessToken)).hasPassword).toBe(false);
      const set = await setPassword(a.accessToken, FIRST_PASSWORD);
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toEqual({ success: true });
      expect((await getMe(a.accessToken)).hasPassword).toBe(true);
      expect(await sessionStatus(a.accessToken)).toBe(200);
      expect((await signIn(a.email, FIRST_PASSWORD)).status).toBe(200);
      const events = await t.gatehouse.listAuditEvents({ userId: a.userId, type: 'password.changed' });
      expect(events.items[0]?.data).toEqual({ method: 'set' });
      const stored = await t.store.credentials.findActivePassword(a.userId as never);
      expect(stored?.hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses an account that has a password with 409 PASSWORD_EXISTS; the password stays', async () => {
      const a = await t.signUp();
      expect((await getMe(a.accessToken)).hasPassword).toBe(true);
      const refused = await setPassword(a.accessToken, FIRST_PASSWORD);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('PASSWORD_EXISTS');
      expect((await signIn(a.user.email)).status).toBe(200);
      expect((await signIn(a.user.email, FIRST_PASSWORD)).status).toBe(401);
    });

    it('needs a recent sign-in: 403 REAUTH_REQUIRED once it is older than mfa.reauthMaxAge', async () => {
      const a = await passwordless();
      // Still inside the access token's lifetime, past the reauthentication window.
      t.clock.advance((t.gatehouse.settings.mfa.reauthMaxAge + 1) * 1000);
      expect(await sessionStatus(a.accessToken)).toBe(200);
      const stale = await setPassword(a.accessToken, FIRST_PASSWORD);
      expect(stale.status).toBe(403);
      expect(stale.body.error.code).toBe('REAUTH_REQUIRED');
      expect(await t.store.credentials.findActivePassword(a.userId as never)).toBeNull();
    });

    it('refuses a weak password with 400 WEAK_PASSWORD and a non-string with 400 VALIDATION_ERROR', async () => {
      const a = await passwordless();
      const weak = await setPassword(a.accessToken, 'short');
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');
      const typed = await setPassword(a.accessToken, 42);
      expect(typed.status).toBe(400);
      expect(typed.body.error.code).toBe('VALIDATION_ERROR');
      expect((await getMe(a.accessToken)).hasPassword).toBe(false);
    });

    it('of two concurrent first passwords exactly one is set; the other gets 409 PASSWORD_EXISTS', async () => {
      const a = await passwordless();
      const replies = await Promise.all([
        setPassword(a.accessToken, FIRST_PASSWORD),
        setPassword(a.accessToken, `${FIRST_PASSWORD} two`),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const won = replies[0]?.status === 200 ? FIRST_PASSWORD : `${FIRST_PASSWORD} two`;
      expect((await signIn(a.email, won)).status).toBe(200);
    });
  });

  describe('GET /auth/me', () => {
    it('says whether the account has a password', async () => {
      const a = await t.signUp();
      expect((await getMe(a.accessToken)).hasPassword).toBe(true);
      const b = await passwordless();
      expect((await getMe(b.accessToken)).hasPassword).toBe(false);
    });

    it('shows a pending address change (address and expiry, never the link) until it is confirmed or voided', async () => {
      const a = await t.signUp();
      expect((await getMe(a.accessToken)).pendingEmail).toBeNull();
      const newEmail = uniqueEmail('pending');
      const asked = t.clock.now();
      expect((await requestChange(a.accessToken, newEmail)).status).toBe(202);
      const body = await getMe(a.accessToken);
      expect(body.pendingEmail).toEqual({
        email: newEmail,
        expiresAt: new Date(asked + t.gatehouse.settings.emailChangeTtl * 1000).toISOString(),
      });
      t.clock.advance(t.gatehouse.settings.emailChangeTtl * 1000 + 1000);
      // The access token expired with the clock: sign in again to look.
      const again = (await signIn(a.user.email)).body;
      expect((await getMe(again.accessToken)).pendingEmail).toBeNull();
    });
  });
});

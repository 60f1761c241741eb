/**
 * A user's access through the admin API, over HTTP on SQLite and PostgreSQL with mail delivered
 * over real SMTP: listing and ending sessions (access and refresh tokens refused at once),
 * resetting second factors, mailing verification and reset links (never in the answer), and
 * listing and revoking personal access tokens (refused at once). Each write is in the audit log
 * with the operator as actor and the user as target, and no secret. Who may call each route at
 * all is test/admin/admin-access.test.ts; memberships and the last-admin guard are
 * user-access-apps.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '../../src/core/events.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import type { AuditRecord } from '../../src/store/ports/audit-store.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { consoleSession, type SignedInOperator, signInOperator } from '../support/operators.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

const UNKNOWN_USER = 'usr_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('a user’s access through the admin API (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  let admin: SignedInOperator;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
    admin = await signInOperator(t);
  });
  afterAll(() => close());

  const asAdmin = (method: string, path: string, body?: unknown) =>
    t.request(method, `/auth/admin/users/${path}`, {
      token: admin.accessToken,
      ...(body === undefined ? {} : { body }),
    });
  const session = (accessToken: string) => t.request('GET', '/auth/session', { token: accessToken });
  const refresh = (refreshToken: string) => t.request('POST', '/auth/refresh', { body: { refreshToken } });
  const signIn = async (email: string) =>
    (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
  /** The audit records of `type` about `userId` that `actorId` caused, oldest first. */
  const audited = (actorId: string, userId: string, type: EventType): Promise<AuditRecord[]> =>
    t.store.audit.list({ actorId, targetId: userId, type, order: 'oldest', limit: 100 });

  it('lists a user’s live sessions with where and how each signed in, and no token', async () => {
    const user = await t.signUp();
    const again = await signIn(user.user.email);
    const reply = await asAdmin('GET', `${user.user.id}/sessions`);
    expect(reply.status).toBe(200);
    expect(reply.body.sessions.map((s: { id: string }) => s.id).sort()).toEqual(
      [user.session.id, again.session.id].sort(),
    );
    expect(reply.body.sessions[0]).toMatchObject({
      appId: 'app_00000000000070008000000000000000',
      aal: 'aal1',
      amr: ['pwd'],
      impersonatorId: null,
      ip: '127.0.0.1',
    });
    const text = JSON.stringify(reply.body);
    for (const secret of [user.accessToken, user.refreshToken, again.accessToken, again.refreshToken]) {
      expect(text).not.toContain(secret);
    }
    const unknown = await asAdmin('GET', `${UNKNOWN_USER}/sessions`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('ends one session at once: its access token and refresh token are refused; the others go on', async () => {
    const user = await t.signUp();
    const other = await signIn(user.user.email);
    const stranger = await t.signUp();
    expect((await session(user.accessToken)).status).toBe(200);

    const ended = await asAdmin('DELETE', `${user.user.id}/sessions/${user.session.id}`);
    expect(ended.status).toBe(204);
    const refused = await session(user.accessToken);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
    expect((await refresh(user.refreshToken)).status).toBe(401);
    expect((await session(other.accessToken)).status).toBe(200);

    // Ended already, another user's, unknown, malformed: one 404, and nothing else ends.
    for (const sessionId of [
      user.session.id,
      stranger.session.id,
      'ses_0190f2a81b3c7abc8123456789abcdef',
      'x',
    ]) {
      const reply = await asAdmin('DELETE', `${user.user.id}/sessions/${sessionId}`);
      expect([sessionId, reply.status, reply.body.error.code]).toEqual([sessionId, 404, 'NOT_FOUND']);
    }
    expect((await session(stranger.accessToken)).status).toBe(200);

    const [record, ...more] = await audited(admin.userId, user.user.id, 'session.revoked');
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      actorId: admin.userId,
      targetId: user.user.id,
      userId: user.user.id,
      sessionId: user.session.id,
      data: { reason: 'revoked_by_operator', via: 'admin_api' },
    });
  });

  it('ends every session of a user at once and says how many; refresh tokens no longer refresh', async () => {
    const user = await t.signUp();
    const second = await signIn(user.user.email);
    const bystander = await t.signUp();
    const reply = await asAdmin('DELETE', `${user.user.id}/sessions`);
    expect([reply.status, reply.body]).toEqual([200, { ended: 2 }]);
    for (const s of [user, second]) {
      expect((await session(s.accessToken)).status).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
    }
    expect((await session(bystander.accessToken)).status).toBe(200);
    expect((await asAdmin('GET', `${user.user.id}/sessions`)).body.sessions).toEqual([]);
    expect((await asAdmin('DELETE', `${user.user.id}/sessions`)).body).toEqual({ ended: 0 });

    const records = await audited(admin.userId, user.user.id, 'session.revoked');
    expect(records.map((r) => [r.actorId, r.targetId, r.data.sessions, r.data.reason])).toEqual([
      [admin.userId, user.user.id, 2, 'revoked_by_operator'],
      [admin.userId, user.user.id, 0, 'revoked_by_operator'],
    ]);
    expect((await asAdmin('DELETE', `${UNKNOWN_USER}/sessions`)).status).toBe(404);
  });

  it('resets a user’s second factors: factors gone, sessions ended, the user mailed a notice', async () => {
    const email = uniqueEmail('lost-phone');
    const user = await t.signUp(email);
    const enrolment = await t.gatehouse.enrollTotp(user.accessToken);
    const secret = base32Decode(enrolment.secret);
    await t.gatehouse.activateTotp(user.accessToken, totpAt(secret, Math.floor(t.clock.now() / 1000)));
    expect((await t.store.totp.find(user.user.id))?.status).toBe('active');

    const reply = await asAdmin('POST', `${user.user.id}/reset-mfa`);
    expect(reply.status).toBe(204);
    expect(await t.store.totp.find(user.user.id)).toBeNull();
    expect((await session(user.accessToken)).status).toBe(401);
    const notice = await waitForMail(smtp, email, /removed every second factor/);
    expect(notice.subject).toBe('Your two-step sign-in was reset');
    // The password alone signs in again now.
    expect((await signIn(email)).accessToken).toEqual(expect.any(String));

    const [record] = await audited(admin.userId, user.user.id, 'mfa.reset');
    expect(record).toMatchObject({
      actorId: admin.userId,
      targetId: user.user.id,
      data: { via: 'admin_api' },
    });
    const unknown = await asAdmin('POST', `${UNKNOWN_USER}/reset-mfa`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('mails a new verification link (the older one stops working); the answer carries no link', async () => {
    const email = uniqueEmail('unverified');
    const user = await t.signUp(email);
    const first = await mailedLink(smtp, email, 'verify-email', 1);

    const reply = await asAdmin('POST', `${user.user.id}/send-verification`);
    expect([reply.status, reply.body]).toEqual([202, { accepted: true }]);
    const second = await mailedLink(smtp, email, 'verify-email', 2);
    expect(second.token).not.toBe(first.token);
    expect((await t.request('POST', '/auth/verify-email', { body: { token: first.token } })).status).toBe(
      400,
    );
    const verified = await t.request('POST', '/auth/verify-email', { body: { token: second.token } });
    expect([verified.status, verified.body.user.emailVerified]).toEqual([200, true]);

    const again = await asAdmin('POST', `${user.user.id}/send-verification`);
    expect([again.status, again.body.error.code]).toEqual([409, 'EMAIL_ALREADY_VERIFIED']);
    const [record, ...more] = await audited(admin.userId, user.user.id, 'email.verification_sent');
    expect(more).toEqual([]);
    expect(record).toMatchObject({ targetId: user.user.id, data: { email, via: 'admin_api' } });
    expect(JSON.stringify(record)).not.toContain(second.token);
  });

  it('a support operator may send links (links:send)', async () => {
    const support = await signInOperator(t, { role: 'support' });
    const email = uniqueEmail('support-helped');
    const user = await t.signUp(email);
    const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/send-password-reset`, {
      token: support.accessToken,
    });
    expect(reply.status).toBe(202);
    await mailedLink(smtp, email, 'reset-password');
    expect(await audited(support.userId, user.user.id, 'password.reset_requested')).toHaveLength(1);
  });

  it('mails a password-reset link that works; neither the answer nor the audit log holds it', async () => {
    const email = uniqueEmail('forgetful');
    const user = await t.signUp(email);
    const reply = await asAdmin('POST', `${user.user.id}/send-password-reset`);
    expect([reply.status, reply.body]).toEqual([202, { accepted: true }]);
    const { token } = await mailedLink(smtp, email, 'reset-password');
    expect(JSON.stringify(reply.body)).not.toContain(token);

    const records = await audited(admin.userId, user.user.id, 'password.reset_requested');
    expect(records.map((r) => [r.actorId, r.targetId, r.data.via])).toEqual([
      [admin.userId, user.user.id, 'admin_api'],
    ]);
    expect(JSON.stringify(records)).not.toContain(token);

    const chosen = 'a passphrase the user chose 42';
    const reset = await t.request('POST', '/auth/reset-password', { body: { token, password: chosen } });
    expect(reset.status).toBe(200);
    // Every session of the account ended with the reset, as a reset the user asked for does.
    expect((await session(user.accessToken)).status).toBe(401);
  });

  it('refuses links that cannot go out, each with its own code, and sends nothing', async () => {
    const noAddress = await t.request('POST', '/auth/sign-up/username', {
      body: { username: `nomail-${Date.now().toString(36)}`, password: PASSWORD },
    });
    expect(noAddress.status).toBe(201);
    const suspendedEmail = uniqueEmail('suspended');
    const suspended = await t.signUp(suspendedEmail);
    await mailedLink(smtp, suspendedEmail, 'verify-email');
    await t.gatehouse.suspendUser(suspended.user.id);
    const mailsBefore = mailsTo(smtp, suspendedEmail).length;

    for (const route of ['send-verification', 'send-password-reset']) {
      const missing = await asAdmin('POST', `${noAddress.body.user.id}/${route}`);
      expect([route, missing.status, missing.body.error.code]).toEqual([route, 422, 'EMAIL_MISSING']);
      const inactive = await asAdmin('POST', `${suspended.user.id}/${route}`);
      expect([route, inactive.status, inactive.body.error.code]).toEqual([route, 409, 'USER_NOT_ACTIVE']);
      const unknown = await asAdmin('POST', `${UNKNOWN_USER}/${route}`);
      expect([route, unknown.status, unknown.body.error.code]).toEqual([route, 404, 'NOT_FOUND']);
    }
    await t.gatehouse.settled();
    expect(mailsTo(smtp, suspendedEmail)).toHaveLength(mailsBefore);
  });

  it('lists a user’s personal access tokens without a secret, and revokes one at once', async () => {
    const user = await t.signUp();
    const stranger = await t.signUp();
    const mint = async (owner: { accessToken: string }, name: string) =>
      (
        await t.request('POST', '/auth/tokens', {
          token: owner.accessToken,
          body: { name, scopes: ['profile:read'] },
        })
      ).body as { token: string; pat: { id: string } };
    const ci = await mint(user, 'ci');
    const laptop = await mint(user, 'laptop');
    const theirs = await mint(stranger, 'theirs');
    const me = (token: string) => t.request('GET', '/auth/me', { token });
    expect((await me(ci.token)).status).toBe(200);

    const listed = await asAdmin('GET', `${user.user.id}/tokens`);
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.map((p: { id: string }) => p.id).sort()).toEqual(
      [ci.pat.id, laptop.pat.id].sort(),
    );
    expect(Object.keys(listed.body.tokens[0]).sort()).toEqual(
      ['appId', 'createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scopes'].sort(),
    );
    expect(listed.body.tokens[0]).toMatchObject({
      scopes: ['profile:read'],
      appId: 'app_00000000000070008000000000000000',
      expiresAt: null,
    });
    for (const secret of [ci.token, laptop.token]) {
      expect(JSON.stringify(listed.body)).not.toContain(secret.slice(37));
    }

    expect((await asAdmin('DELETE', `${user.user.id}/tokens/${ci.pat.id}`)).status).toBe(204);
    const refused = await me(ci.token);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await me(laptop.token)).status).toBe(200);

    // Revoked already, another user's, unknown, malformed: one 404, and the other user's still works.
    for (const patId of [ci.pat.id, theirs.pat.id, 'pat_0190f2a81b3c7abc8123456789abcdef', 'nope']) {
      const reply = await asAdmin('DELETE', `${user.user.id}/tokens/${patId}`);
      expect([patId, reply.status, reply.body.error.code]).toEqual([patId, 404, 'NOT_FOUND']);
    }
    expect((await me(theirs.token)).status).toBe(200);

    const all = await asAdmin('DELETE', `${user.user.id}/tokens`);
    expect([all.status, all.body]).toEqual([200, { revoked: 1 }]);
    expect((await me(laptop.token)).status).toBe(401);
    expect((await me(theirs.token)).status).toBe(200);
    expect((await asAdmin('GET', `${user.user.id}/tokens`)).body.tokens).toEqual([]);

    const records = await audited(admin.userId, user.user.id, 'pat.revoked');
    expect(records.map((r) => [r.actorId, r.targetId, r.data.patId ?? null, r.data.count ?? null])).toEqual([
      [admin.userId, user.user.id, ci.pat.id, null],
      [admin.userId, user.user.id, null, 1],
    ]);
    const text = JSON.stringify(records);
    for (const secret of [ci.token, laptop.token]) expect(text).not.toContain(secret.slice(37));
    expect((await asAdmin('GET', `${UNKNOWN_USER}/tokens`)).status).toBe(404);
  });
});

describe.each(storeKinds)('links an operator sends are rate-limited per user (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind, { rateLimits: 'on' }));
  });
  afterAll(() => close());

  it('allows limits.mailPerAccount links per user and window, then 429 with Retry-After; other users are not held up', async () => {
    const admin = await signInOperator(t);
    const max = t.gatehouse.settings.limits.mailPerAccount.max;
    const email = uniqueEmail('flooded');
    const user = await t.signUp(email);
    const send = (userId: string) =>
      t.request('POST', `/auth/admin/users/${userId}/send-password-reset`, { token: admin.accessToken });
    for (let i = 0; i < max; i += 1) expect((await send(user.user.id)).status).toBe(202);
    const over = await send(user.user.id);
    expect([over.status, over.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    await mailedLink(smtp, email, 'reset-password', max);

    const other = await t.signUp();
    expect((await send(other.user.id)).status).toBe(202);
    // Verification links count apart from reset links.
    expect(
      (
        await t.request('POST', `/auth/admin/users/${user.user.id}/send-verification`, {
          token: admin.accessToken,
        })
      ).status,
    ).toBe(202);

    // The window slides (this one and the previous one, weighted): two windows later it is empty.
    t.clock.advance(2 * t.gatehouse.settings.limits.mailPerAccount.window * 1000);
    // The operator's access token has expired meanwhile: a fresh console sign-in.
    const token = await consoleSession(t, admin.email, () => {
      t.clock.advance(30_000);
      return totpAt(admin.totpSecret, Math.floor(t.clock.now() / 1000));
    });
    const after = await t.request('POST', `/auth/admin/users/${user.user.id}/send-password-reset`, { token });
    expect([after.status, after.body]).toEqual([202, { accepted: true }]);
  });
});

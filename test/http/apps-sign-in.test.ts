/**
 * Signing in and up to an app: the app gate (APP_NOT_FOUND, APP_INACTIVE,
 * AUTH_METHOD_NOT_ALLOWED) answers before any password is hashed or mail is queued, the same for
 * every account; memberships at first sign-in (open apps) or refusal (invite-only); sessions and
 * tokens bound to their app; the second step of a sign-in bound to the app of the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { argon2Hasher, type PasswordHasher } from '../../src/crypto/password-hasher.js';
import { totpAt } from '../../src/crypto/totp.js';
import { seedApp } from '../support/apps.js';
import {
  observable,
  openGatehouse,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { jwtParts } from '../support/jwt.js';
import { everyStoreKind } from '../support/stores.js';

/** Argon2id, counting every hash and verification (real and dummy) it is asked for. */
function countingHasher(): PasswordHasher & { calls: number } {
  const inner = argon2Hasher();
  const counter = {
    calls: 0,
    hash(...a: Parameters<PasswordHasher['hash']>) {
      counter.calls++;
      return inner.hash(...a);
    },
    verify(...a: Parameters<PasswordHasher['verify']>) {
      counter.calls++;
      return inner.verify(...a);
    },
    verifyAgainstDummy(...a: Parameters<PasswordHasher['verifyAgainstDummy']>) {
      counter.calls++;
      return inner.verifyAgainstDummy(...a);
    },
    needsRehash: (h: Parameters<PasswordHasher['needsRehash']>[0]) => inner.needsRehash(h),
    get saturated() {
      return inner.saturated ?? false;
    },
  };
  return counter;
}

describe.each(everyStoreKind)('apps at sign-in (%s)', (kind) => {
  let t: TestGatehouse;
  let hasher: ReturnType<typeof countingHasher>;
  const mails: string[] = [];
  const mailTexts: string[] = [];

  beforeAll(async () => {
    hasher = countingHasher();
    t = await openGatehouse(
      kind,
      { passwordless: { enabled: true }, baseUrl: 'https://auth.example' },
      {
        hasher,
        mailer: {
          send: async (message) => {
            mails.push(message.to);
            mailTexts.push(message.text);
          },
        },
      },
    );
  });
  afterAll(() => t.close());

  const as = (app: string) => ({ 'gatehouse-app': app });
  const signIn = (email: string, app?: string, password = PASSWORD) =>
    t.request('POST', '/auth/sign-in/email', {
      body: { email, password },
      ...(app ? { headers: as(app) } : {}),
    });

  it('an unknown or malformed app is 404 APP_NOT_FOUND on every sign-in and sign-up route, before any hash or mail', async () => {
    const known = uniqueEmail('gate');
    await t.signUp(known);
    await t.gatehouse.settled();
    const unknownApp = 'app_0190f2a81b3c7abc8123456789abcdef';
    const calls: Array<[string, unknown]> = [
      ['/auth/sign-in/email', { email: known, password: PASSWORD }],
      ['/auth/sign-in/email', { email: uniqueEmail('nobody'), password: PASSWORD }],
      ['/auth/sign-up/email', { email: uniqueEmail('new'), password: PASSWORD }],
      ['/auth/sign-in/username', { username: 'somebody', password: PASSWORD }],
      ['/auth/sign-up/username', { username: `u${Date.now().toString(36)}`, password: PASSWORD }],
      ['/auth/sign-in/magic-link', { email: known }],
      ['/auth/sign-in/email-code', { email: known }],
      ['/auth/sign-in/passkey', { response: {} }],
    ];
    for (const app of [unknownApp, 'not-an-id', 'usr_0190f2a81b3c7abc8123456789abcdef']) {
      for (const [path, body] of calls) {
        const before = hasher.calls;
        const sentBefore = mails.length;
        const reply = await t.request('POST', path, { body, headers: as(app) });
        expect([path, reply.status, reply.body.error?.code]).toEqual([path, 404, 'APP_NOT_FOUND']);
        await t.gatehouse.settled();
        expect(hasher.calls).toBe(before);
        expect(mails.length).toBe(sentBefore);
      }
    }
  });

  it('a disabled app is 403 APP_INACTIVE, and a method the app does not allow is 403 AUTH_METHOD_NOT_ALLOWED, with one answer for every account and no hashing', async () => {
    const disabled = await seedApp(t.store, { status: 'disabled' });
    const passkeyOnly = await seedApp(t.store, { signInMethods: ['passkey'] });
    const known = uniqueEmail('known');
    await t.signUp(known);
    for (const [app, code, status] of [
      [disabled.id, 'APP_INACTIVE', 403],
      [passkeyOnly.id, 'AUTH_METHOD_NOT_ALLOWED', 403],
    ] as const) {
      const before = hasher.calls;
      const forKnown = await signIn(known, app);
      const forUnknown = await signIn(uniqueEmail('unknown'), app);
      const wrongPassword = await signIn(known, app, 'not the password at all');
      expect(forKnown.status).toBe(status);
      expect(forKnown.body.error.code).toBe(code);
      expect(observable(forUnknown)).toEqual(observable(forKnown));
      expect(observable(wrongPassword)).toEqual(observable(forKnown));
      const signUp = await t.request('POST', '/auth/sign-up/email', {
        body: { email: uniqueEmail('su'), password: PASSWORD },
        headers: as(app),
      });
      expect(signUp.body.error.code).toBe(code);
      expect(hasher.calls).toBe(before);
    }
    // The passkey-only app still serves passkey options (its allowed method).
    expect(
      (
        await t.request('POST', '/auth/sign-in/magic-link', {
          body: { email: known },
          headers: as(passkeyOnly.id),
        })
      ).body.error.code,
    ).toBe('AUTH_METHOD_NOT_ALLOWED');
  });

  it('a first sign-in to an open app makes the member with its defaults; the token is for that app: aud, app, roles, plan, permissions', async () => {
    const app = await seedApp(t.store, { defaultRole: 'guest', defaultPlan: 'pro' });
    const email = uniqueEmail('open');
    const { user } = await t.signUp(email);
    expect(await t.store.memberships.find(app.id, user.id)).toBeNull();
    const reply = await signIn(email, app.id);
    expect(reply.status).toBe(200);
    const claims = jwtParts(reply.body.accessToken).payload;
    expect(claims).toMatchObject({
      aud: app.audience,
      app: app.id,
      roles: ['guest'],
      plan: 'pro',
      perms: [],
    });
    const membership = await t.store.memberships.find(app.id, user.id);
    expect(membership).toMatchObject({ roles: ['guest'], plan: 'pro' });
    const session = await t.store.sessions.findWithUser(reply.body.session.id);
    expect(session?.session.appId).toBe(app.id);
    // The default app's tokens keep the instance's audience.
    const plain = await signIn(email);
    expect(jwtParts(plain.body.accessToken).payload).toMatchObject({
      aud: t.gatehouse.settings.audience,
      app: DEFAULT_APP_ID,
      roles: ['member'],
      plan: 'free',
    });
    // Concurrent first sign-ins to another open app make one membership.
    const other = await seedApp(t.store);
    const replies = await Promise.all(Array.from({ length: 5 }, () => signIn(email, other.id)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await t.store.memberships.listForUser(user.id)).filter((m) => m.appId === other.id)).toHaveLength(
      1,
    );
  });

  it('an invite-only app: sign-up is SIGN_UP_CLOSED before hashing; a non-member with the right password is NOT_A_MEMBER and gets no session; a wrong password is the usual INVALID_CREDENTIALS', async () => {
    const app = await seedApp(t.store, { signUp: 'invite_only' });
    const before = hasher.calls;
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('closed'), password: PASSWORD },
      headers: as(app.id),
    });
    expect([signUp.status, signUp.body.error.code]).toEqual([403, 'SIGN_UP_CLOSED']);
    expect(hasher.calls).toBe(before);

    const email = uniqueEmail('outsider');
    const { user } = await t.signUp(email);
    const wrong = await signIn(email, app.id, 'not the password at all');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const refused = await signIn(email, app.id);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    const live = await t.store.sessions.listLive(user.id, t.clock.now());
    expect(live.every((s) => s.appId === DEFAULT_APP_ID)).toBe(true);
    expect(await t.store.memberships.find(app.id, user.id)).toBeNull();

    // Once a member (an invitation or an operator made them one), they sign in.
    const now = Date.now();
    await t.store.memberships.ensure({
      appId: app.id,
      userId: user.id,
      roles: ['admin'],
      plan: 'free',
      permissions: [],
      createdAt: now,
      updatedAt: now,
    });
    const admitted = await signIn(email, app.id);
    expect(admitted.status).toBe(200);
    expect(jwtParts(admitted.body.accessToken).payload).toMatchObject({
      app: app.id,
      roles: ['admin'],
      perms: ['*'],
    });
  });

  it('a refresh carries the membership as it is now: a role or plan change shows in the next access token', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('refresh');
    const { user } = await t.signUp(email);
    const first = await signIn(email, app.id);
    expect(jwtParts(first.body.accessToken).payload).toMatchObject({ roles: ['member'], plan: 'free' });
    await t.store.roles.create({
      appId: app.id,
      name: 'billing',
      description: null,
      permissions: ['invoices:read', 'invoices:write'],
      builtIn: false,
      createdAt: Date.now(),
    });
    await t.store.memberships.update(
      app.id,
      user.id,
      () => ({ roles: ['member', 'billing'], plan: 'enterprise' }),
      Date.now(),
    );
    // The token in hand still says what it said (it is signed); the refreshed one says what is.
    const refreshed = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
      headers: as(app.id),
    });
    expect(refreshed.status).toBe(200);
    expect(jwtParts(refreshed.body.accessToken).payload).toMatchObject({
      app: app.id,
      roles: ['member', 'billing'],
      plan: 'enterprise',
      perms: ['invoices:read', 'invoices:write'],
    });
  });

  it('a removed membership or a disabled app ends what the session can get: the next refresh is refused and no token is issued', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('removed');
    const { user } = await t.signUp(email);
    const session = await signIn(email, app.id);
    await t.store.memberships.remove(app.id, user.id);
    const refused = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect([refused.status, refused.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
  });

  it('the second factor is for the app of the first: another app named at /auth/mfa/verify is INVALID_MFA_TOKEN, the right one gets a session there', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('mfa-app');
    const signUp = await t.signUp(email);
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    const secret = base32Decode(enrol.body.secret);
    const codeAt = (steps: number) => totpAt(secret, Math.floor(t.clock.now() / 1000) + steps * 30);
    expect(
      (
        await t.request('POST', '/auth/mfa/totp/activate', {
          token: signUp.accessToken,
          body: { code: codeAt(0) },
        })
      ).status,
    ).toBe(200);
    const challenge = await signIn(email, app.id);
    expect(challenge.body.mfaRequired).toBe(true);
    t.clock.advance(30_000);
    const elsewhere = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'totp', code: codeAt(0) },
    });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([401, 'INVALID_MFA_TOKEN']);
    const here = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'totp', code: codeAt(0) },
      headers: as(app.id),
    });
    expect(here.status).toBe(200);
    expect(jwtParts(here.body.accessToken).payload).toMatchObject({ app: app.id, aal: 'aal2' });
  });

  it('a magic link remembers its app: asked for at app B, it signs in to app B from a page that names no app', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('link');
    const { user } = await t.signUp(email);
    await t.store.users.markEmailVerified(user.id, email, Date.now());
    const sent = mails.length;
    const asked = await t.request('POST', '/auth/sign-in/magic-link', {
      body: { email },
      headers: as(app.id),
    });
    expect(asked.status).toBe(202);
    await t.gatehouse.settled();
    const rows = (await t.db.rows(`${t.tablePrefix}email_sign_ins`)).filter((r) => r.email === email);
    expect(rows.map((r) => r.app_id)).toEqual([app.id]);
    const mail = mailTexts.slice(sent).find((m) => m.includes('magic-link?token='));
    const token = /magic-link\?token=([A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
    expect(token).toBeDefined();
    const used = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token } });
    expect(used.status).toBe(200);
    expect(jwtParts(used.body.accessToken).payload).toMatchObject({ app: app.id, aud: app.audience });
  });
});

/**
 * Usernames over HTTP, on SQLite and PostgreSQL, with mail really delivered over SMTP: sign-up
 * with and without an address, the reserved list, bad names, closed sign-up, the
 * `requireEmailVerified` answers, sign-in (shorter sessions, refusals, the MFA step), and a
 * username-only account adding an address later and signing in by either name. Enumeration,
 * timing and lockout are in test/security/usernames.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import {
  observable,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, verificationLink, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

let counter = 0;
/** A fresh, valid username (at most 32 characters). */
const uniqueUsername = (tag = 'u') => `${tag}${++counter}_${Date.now().toString(36)}`;
/** The same name in full-width letters and digits (U+FF01…), which NFKC folds back. */
const fullWidth = (name: string) =>
  [...name].map((c) => (/[a-z0-9]/i.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');

describe.each(everyStoreKind)('usernames over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const signUp = (body: Record<string, unknown>, g = t) =>
    g.request('POST', '/auth/sign-up/username', { body: { password: PASSWORD, ...body } });
  const signIn = (
    username: unknown,
    password: unknown = PASSWORD,
    extra: Record<string, unknown> = {},
    g = t,
  ) => g.request('POST', '/auth/sign-in/username', { body: { username, password, ...extra } });

  it('signs up without an address and signs in under any spelling of the name', async () => {
    const name = uniqueUsername('Ada_');
    const created = await signUp({ username: `  ${name.toUpperCase()} `, name: 'Ada' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      user: {
        username: name.toLowerCase(),
        email: null,
        emailVerified: false,
        name: 'Ada',
        status: 'active',
      },
      session: { amr: ['pwd'], aal: 'aal1' },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect((await t.request('GET', '/auth/session', { token: created.body.accessToken })).status).toBe(200);
    for (const spelling of [
      name,
      name.toLowerCase(),
      fullWidth(name),
      ` ${fullWidth(name.toUpperCase())}\t`,
    ]) {
      const reply = await signIn(spelling);
      expect(reply.status, JSON.stringify(spelling)).toBe(200);
      expect(reply.body.user.id).toBe(created.body.user.id);
      expect(reply.body.session.amr).toEqual(['pwd']);
    }
    const signedIn = await t.gatehouse.listAuditEvents({
      userId: created.body.user.id,
      type: 'user.signed_in',
    });
    expect(signedIn.items[0]?.data).toMatchObject({ method: 'username' });
  });

  it('one account per canonical name: every spelling of a taken name is USERNAME_TAKEN', async () => {
    const name = uniqueUsername('taken');
    expect((await signUp({ username: name })).status).toBe(201);
    for (const spelling of [name, name.toUpperCase(), fullWidth(name), ` ${name} `]) {
      const again = await signUp({ username: spelling });
      expect(again.status, JSON.stringify(spelling)).toBe(409);
      expect(again.body.error.code).toBe('USERNAME_TAKEN');
    }
  });

  it('reserved names answer exactly like a taken one, in any spelling', async () => {
    const taken = uniqueUsername('held');
    await signUp({ username: taken });
    const reference = observable(await signUp({ username: taken }));
    for (const reserved of ['admin', 'ADMIN', 'ａｄｍｉｎ', 'Root', 'no-reply', 'postmaster', 'gatehouse']) {
      expect(observable(await signUp({ username: reserved })), reserved).toEqual(reference);
    }
  });

  it('refuses names outside the rules with a 400 that says what a username may be', async () => {
    for (const username of [
      'ab',
      'a'.repeat(33),
      'ada lovelace',
      'ada@example.com',
      '\u0430dmin', // Cyrillic а: a look-alike is refused, never folded
      'ada\u0000',
      'émile',
      '',
      '   ',
    ]) {
      const reply = await signUp({ username });
      expect(reply.status, JSON.stringify(username)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      expect(reply.body.error.message).toMatch(/username must be 3 to 32 characters/);
    }
    for (const username of [42, null, ['ada'], { name: 'ada' }, 'x'.repeat(300)]) {
      const reply = await signUp({ username });
      expect(reply.status, JSON.stringify(username)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
    // Sign-in refuses what can never be a username the same way (no lookup, no lockout).
    const bad = await signIn('ab');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    // The password rules of email sign-up.
    const weak = await signUp({ username: uniqueUsername(), password: 'short' });
    expect([weak.status, weak.body.error.code]).toEqual([400, 'WEAK_PASSWORD']);
  });

  it('an address given at sign-up gets the verification link, and a taken one is USER_EXISTS with nothing stored', async () => {
    const name = uniqueUsername('mail');
    const email = uniqueEmail('by-username');
    const created = await signUp({ username: name, email: email.toUpperCase() });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: name, email, emailVerified: false });
    const link = await verificationLink(smtp, email);
    expect(
      (await t.request('POST', '/auth/verify-email', { body: { token: link.searchParams.get('token') } }))
        .status,
    ).toBe(200);

    const other = uniqueUsername('other');
    const clash = await signUp({ username: other, email });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('USER_EXISTS');
    // Nothing was stored: the username is still free.
    expect((await signUp({ username: other })).status).toBe(201);
    // An empty address is the same as none.
    expect((await signUp({ username: uniqueUsername(), email: '' })).body.user.email).toBeNull();
    const badEmail = await signUp({ username: uniqueUsername(), email: 'not an address' });
    expect([badEmail.status, badEmail.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('sessionTtl makes a shorter session; a bad one is refused before the password is checked', async () => {
    const name = uniqueUsername('short');
    await signUp({ username: name });
    const reply = await signIn(name, PASSWORD, { sessionTtl: 3600 });
    expect(reply.status).toBe(200);
    const lifetime = Date.parse(reply.body.session.expiresAt) - Date.parse(reply.body.session.createdAt);
    expect(lifetime).toBe(3600_000);
    for (const sessionTtl of [10, 1e12, 1.5, '3600']) {
      const refused = await signIn(name, PASSWORD, { sessionTtl });
      expect(refused.status, String(sessionTtl)).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('wrong password, unknown name, suspended and revoked accounts get the email route’s answers', async () => {
    const name = uniqueUsername('refused');
    const { body } = await signUp({ username: name });
    const wrong = await signIn(name, 'definitely not the password');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(observable(await signIn(uniqueUsername('ghost'), 'definitely not the password'))).toEqual(
      observable(wrong),
    );
    await t.gatehouse.suspendUser(body.user.id);
    const suspended = await signIn(name);
    expect([suspended.status, suspended.body.error.code]).toEqual([403, 'USER_SUSPENDED']);
    // A suspended account with a wrong password learns nothing.
    expect(observable(await signIn(name, 'definitely not the password'))).toEqual(observable(wrong));
    await t.gatehouse.reactivateUser(body.user.id);
    await t.gatehouse.revokeUser(body.user.id);
    expect(observable(await signIn(name))).toEqual(observable(wrong));
    const failures = await t.gatehouse.listAuditEvents({ userId: body.user.id, type: 'user.sign_in_failed' });
    expect(failures.items.map((e) => e.data.reason)).toEqual(
      expect.arrayContaining(['wrong_password', 'suspended']),
    );
    expect(failures.items[0]?.data.username).toBe(name);
  });

  it('an account with a second factor gets the MFA step, which the code completes', async () => {
    const name = uniqueUsername('mfa');
    const { body } = await signUp({ username: name });
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: body.accessToken });
    expect(enrol.status).toBe(200);
    const secret = base32Decode(enrol.body.secret);
    const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token: body.accessToken,
      body: { code: code() },
    });
    expect(activated.status).toBe(200);
    const challenge = await signIn(fullWidth(name));
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(challenge.body.accessToken).toBeUndefined();
    t.clock.advance(30_000);
    const done = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'totp', code: code() },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      user: { username: name },
      session: { amr: ['pwd', 'otp'], aal: 'aal2' },
    });
  });

  it('a username-only account adds an address through the email change, then signs in by either name', async () => {
    const name = uniqueUsername('later');
    const email = uniqueEmail('added-later');
    const { body } = await signUp({ username: name });
    const before = smtp.messages.length;
    const asked = await t.request('POST', '/auth/change-email', {
      token: body.accessToken,
      body: { newEmail: email, password: PASSWORD },
    });
    expect(asked.status).toBe(202);
    const { token, mail } = await mailedLink(smtp, email, 'confirm-email-change');
    // The mail names the account by its username: there is no old address.
    expect(mail.text).toContain(name);
    const confirmed = await t.request('POST', '/auth/confirm-email-change', {
      body: { token },
      token: body.accessToken,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user).toMatchObject({ username: name, email, emailVerified: true });
    // The only mail of the change went to the new address: the account had no other.
    await t.gatehouse.settled();
    expect(smtp.messages.slice(before).map((m) => (m.to as { text: string }).text)).toEqual([email]);

    const byEmail = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.user).toMatchObject({ id: body.user.id, username: name, email });
    const byName = await signIn(name.toUpperCase());
    expect(byName.status).toBe(200);
    expect(byName.body.user.id).toBe(body.user.id);
    // Now the account has an address, so a forgotten password can be reset.
    await t.request('POST', '/auth/forgot-password', { body: { email } });
    const reset = await mailedLink(smtp, email, 'reset-password');
    const newPassword = 'another correct horse battery staple';
    const done = await t.request('POST', '/auth/reset-password', {
      body: { token: reset.token, password: newPassword },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await signIn(name, newPassword)).status).toBe(200);
  });

  it('openSignUp: false closes both sign-up routes; existing accounts still sign in', async () => {
    const closed = await openGatehouse(kind, { openSignUp: false });
    try {
      const refused = await signUp({ username: uniqueUsername('closed') }, closed);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'SIGN_UP_CLOSED']);
      const byEmail = await closed.request('POST', '/auth/sign-up/email', {
        body: { email: uniqueEmail('closed'), password: PASSWORD },
      });
      expect([byEmail.status, byEmail.body.error.code]).toEqual([403, 'SIGN_UP_CLOSED']);
      await expect(
        closed.gatehouse.signUpWithUsername({ username: uniqueUsername(), password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'SIGN_UP_CLOSED' });
      await expect(
        closed.gatehouse.signUpPendingVerification({ email: uniqueEmail(), password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'SIGN_UP_CLOSED' });
      expect(await closed.db.count(`${closed.tablePrefix}users`)).toBe(0);
      // An operator's account can still sign in.
      const user = await closed.gatehouse.createUser({ email: uniqueEmail('operator-made') });
      await closed.gatehouse.addPasswordCredential(user.id, PASSWORD);
      const signedIn = await closed.request('POST', '/auth/sign-in/email', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(signedIn.status).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('a beforeSignUp hook sees the address (or null) and the username, and may refuse either', async () => {
    const seen: unknown[] = [];
    const hooked = await openGatehouse(
      kind,
      {},
      {
        hooks: {
          beforeSignUp: ({ email, username, method }) => {
            seen.push({ email, username, method });
            if (username?.startsWith('blocked')) return { reject: 'That name is not allowed here' };
            return email === null || email.endsWith('@example.com')
              ? undefined
              : { reject: 'Sign-ups are open to example.com only' };
          },
        },
      },
    );
    try {
      const name = uniqueUsername('hooked');
      const allowed = await signUp({ username: name, email: uniqueEmail('hooked') }, hooked);
      expect(allowed.status).toBe(201);
      const rejected = await signUp(
        { username: uniqueUsername('hooked'), email: 'someone@elsewhere.org' },
        hooked,
      );
      expect(rejected.body.error).toEqual({
        code: 'SIGN_UP_REJECTED',
        message: 'Sign-ups are open to example.com only',
      });
      const bareName = uniqueUsername('bare');
      const bare = await signUp({ username: bareName }, hooked);
      expect(bare.status).toBe(201);
      const blocked = await signUp({ username: uniqueUsername('blocked') }, hooked);
      expect([blocked.status, blocked.body.error.code]).toEqual([403, 'SIGN_UP_REJECTED']);
      expect(seen.slice(0, 3)).toEqual([
        { email: allowed.body.user.email, username: name, method: 'username' },
        { email: 'someone@elsewhere.org', username: expect.any(String), method: 'username' },
        { email: null, username: bareName, method: 'username' },
      ]);
      expect(await hooked.db.count(`${hooked.tablePrefix}users`)).toBe(2);
    } finally {
      await hooked.close();
    }
  });

  it('works the same from code', async () => {
    const name = uniqueUsername('code');
    const created = await t.gatehouse.signUpWithUsername({
      username: name.toUpperCase(),
      password: PASSWORD,
    });
    expect(created).toMatchObject({ user: { username: name, email: null } });
    const signedIn = await t.gatehouse.signInWithUsername(
      { username: name, password: PASSWORD },
      {},
      { sessionTtl: 120 },
    );
    expect(signedIn).toMatchObject({ user: { username: name }, expiresIn: expect.any(Number) });
    await expect(
      t.gatehouse.signUpWithUsername({ username: name, password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });

  describe('with requireEmailVerified', () => {
    let strict: TestGatehouse;
    let strictSmtp: SmtpReceiver;
    let closeStrict: () => Promise<void>;
    beforeAll(async () => {
      ({
        t: strict,
        smtp: strictSmtp,
        close: closeStrict,
      } = await openGatehouseWithSmtp(kind, {
        requireEmailVerified: true,
      }));
    });
    afterAll(() => closeStrict());

    const users = () => strict.db.count(`${strict.tablePrefix}users`);

    it('needs an address: without one, 400 and nothing stored', async () => {
      for (const email of [undefined, null, '']) {
        const reply = await signUp(
          { username: uniqueUsername('no-mail'), ...(email === undefined ? {} : { email }) },
          strict,
        );
        expect(reply.status, String(email)).toBe(400);
        expect(reply.body.error).toMatchObject({ code: 'VALIDATION_ERROR', issues: [{ path: 'email' }] });
      }
      expect(await users()).toBe(0);
    });

    it('answers 202 alike for a new account, a taken username, a reserved one and a taken address; each address hears what happened', async () => {
      const name = uniqueUsername('strict');
      const email = uniqueEmail('strict');
      const first = await signUp({ username: name, email }, strict);
      expect(first.status).toBe(202);
      const reference = observable(first);
      expect(first.body).toEqual({ accepted: true });

      const nameTakenAddress = uniqueEmail('name-taken');
      const reservedAddress = uniqueEmail('reserved');
      const attempts = [
        { username: name.toUpperCase(), email: nameTakenAddress },
        { username: 'ADMIN', email: reservedAddress },
        { username: uniqueUsername('fresh'), email },
      ];
      for (const body of attempts) {
        expect(observable(await signUp(body, strict)), JSON.stringify(body)).toEqual(reference);
      }
      await strict.gatehouse.settled();
      expect(await users()).toBe(1);

      // The new account: a verification link; signing in waits for it.
      const link = await verificationLink(strictSmtp, email);
      const early = await signIn(name, PASSWORD, {}, strict);
      expect([early.status, early.body.error.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
      expect(
        (
          await strict.request('POST', '/auth/verify-email', {
            body: { token: link.searchParams.get('token') },
          })
        ).status,
      ).toBe(200);
      expect((await signIn(name, PASSWORD, {}, strict)).status).toBe(200);

      // A taken or reserved username: no account, and the address is told, without the name.
      for (const address of [nameTakenAddress, reservedAddress]) {
        const notice = await waitForMail(strictSmtp, address, /username is taken or reserved/);
        expect(notice.subject).toBe('Your sign-up did not go through');
        expect(notice.text).not.toMatch(/admin|strict/i);
        expect(mailsTo(strictSmtp, address)).toHaveLength(1);
      }
      // A taken address: its owner hears someone tried.
      await waitForMail(strictSmtp, email, /already has one/);
      expect(mailsTo(strictSmtp, email).map((m) => m.subject)).toEqual([
        'Confirm your email address',
        'Someone tried to sign up with your address',
      ]);
    });

    it('an address with an account hears about it even when the username was taken too', async () => {
      const name = uniqueUsername('both');
      const email = uniqueEmail('both');
      await signUp({ username: name, email }, strict);
      expect((await signUp({ username: name, email }, strict)).status).toBe(202);
      await strict.gatehouse.settled();
      await waitForMail(strictSmtp, email, /already has one/);
      expect(mailsTo(strictSmtp, email).some((m) => /username/.test(m.text ?? ''))).toBe(false);
    });
  });
});

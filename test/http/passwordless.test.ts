/**
 * Passwordless sign-in by mail over HTTP, on SQLite and PostgreSQL, with the mail really
 * delivered over SMTP: magic links and email codes for new and existing accounts, single use
 * (also under ten concurrent tries), lifetimes and tries, a newer code voiding the older, who
 * gets mail and who does not (closed sign-up, suspended accounts), the switch, cookies, the
 * second factor, housekeeping, and the same calls embedded. The checklist items (enumeration,
 * smuggled addresses, pre-hijacking, tokens of other purposes, secrets at rest) are in
 * test/security/passwordless.test.ts.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { hashToken, newOpaqueToken } from '../../src/crypto/opaque-token.js';
import { totpAt } from '../../src/crypto/totp.js';
import { isMfaChallenge } from '../../src/services/mfa/pending-sign-in.js';
import {
  ORIGIN,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

const COOKIE = { 'gatehouse-transport': 'cookie', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
const CODE_MAIL = /sign-in code is (\d{6})/;

describe.each(everyStoreKind)('passwordless sign-in (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const askLink = (email: unknown, g = t) =>
    g.request('POST', '/auth/sign-in/magic-link', { body: { email } });
  const useLink = (token: unknown, headers: Record<string, string> = {}, g = t) =>
    g.request('POST', '/auth/sign-in/magic-link/verify', { body: { token }, headers });
  const askCode = (email: unknown, g = t) =>
    g.request('POST', '/auth/sign-in/email-code', { body: { email } });
  const useCode = (email: unknown, code: unknown, g = t) =>
    g.request('POST', '/auth/sign-in/email-code/verify', { body: { email, code } });
  const linkFor = async (email: string, count = 1) =>
    (await mailedLink(smtp, email, 'sign-in/magic-link', count)).token;
  const codeFor = async (email: string, count = 1) =>
    CODE_MAIL.exec((await waitForMail(smtp, email, CODE_MAIL, count)).text ?? '')![1]!;
  const liveSessions = async (userId: string) =>
    (await t.store.sessions.listLive(userId as never, t.clock.now())).length;
  /** An account with a password whose address is verified. */
  const verifiedAccount = async (email = uniqueEmail('verified')) => {
    const { user } = await t.signUp(email);
    await t.gatehouse.updateUser(user.id, { emailVerified: true });
    return { email, userId: user.id as string };
  };

  it('a magic link for a new address: 202, a link to the base URL, then a new verified account signed in', async () => {
    const email = uniqueEmail('newbie');
    const asked = await askLink(email);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true });
    const { url, token, mail } = await mailedLink(smtp, email, 'sign-in/magic-link');
    expect(url.origin + url.pathname).toBe('https://app.example/sign-in/magic-link');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(mail.subject).toBe('Your sign-in link');
    expect(mail.text).toContain('15 minutes');
    expect(mail.html).toContain(url.href);

    const signedIn = await useLink(token);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      user: { email, emailVerified: true, status: 'active' },
      session: { amr: ['email'], aal: 'aal1' },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    const session = await t.request('GET', '/auth/session', { token: signedIn.body.accessToken });
    expect(session.body.user.id).toBe(signedIn.body.user.id);
    const created = await t.gatehouse.listAuditEvents({
      userId: signedIn.body.user.id,
      type: 'user.created',
    });
    expect(created.items.map((e) => e.data)).toEqual([{ method: 'magic_link', emailVerified: true }]);

    const again = await useLink(token);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('LINK_USED');
  });

  it('a magic link signs an existing verified account in; its password still works', async () => {
    const { email, userId } = await verifiedAccount();
    await askLink(email);
    const signedIn = await useLink(await linkFor(email));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(userId);
    const events = await t.gatehouse.listAuditEvents({ userId, type: 'user.signed_in' });
    expect(events.items[0]?.data).toMatchObject({ method: 'magic_link' });
    const withPassword = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
    });
    expect(withPassword.status).toBe(200);
    expect(withPassword.body.user.id).toBe(userId);
  });

  it('an email code: six digits in the mail, one sign-in, then refused', async () => {
    const { email, userId } = await verifiedAccount();
    const asked = await askCode(email);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true });
    const mail = await waitForMail(smtp, email, CODE_MAIL);
    expect(mail.subject).toBe('Your sign-in code');
    expect(mail.text).toContain('10 minutes');
    const code = CODE_MAIL.exec(mail.text ?? '')![1]!;
    expect(mail.subject).not.toContain(code);

    // Typed with spaces, as people copy it.
    const signedIn = await useCode(` ${email.toUpperCase()} `, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(userId);
    expect(signedIn.body.session.amr).toEqual(['email']);
    const again = await useCode(email, code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CODE');
  });

  it('an email code for a new address makes a verified account on first use', async () => {
    const email = uniqueEmail('code-newbie');
    await askCode(email);
    const signedIn = await useCode(email, await codeFor(email));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email, emailVerified: true });
  });

  it('five wrong codes kill the code, the right one included; a new code works', async () => {
    const { email } = await verifiedAccount();
    await askCode(email);
    const code = await codeFor(email);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const reply = await useCode(email, wrong);
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_CODE');
    }
    const dead = await useCode(email, code);
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('INVALID_CODE');

    await askCode(email);
    expect((await useCode(email, await codeFor(email, 2))).status).toBe(200);
  });

  it('four wrong codes leave the fifth try to the right one', async () => {
    const { email } = await verifiedAccount();
    await askCode(email);
    const code = await codeFor(email);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 4; i++) expect((await useCode(email, wrong)).status).toBe(401);
    expect((await useCode(email, code)).status).toBe(200);
  });

  it('what cannot be a code is a 400 and no try: the right code still works after many', async () => {
    const { email } = await verifiedAccount();
    await askCode(email);
    const code = await codeFor(email);
    for (const bad of ['12345', '1234567', 'abcdef', '１２３４５６', 123456, null, '12 34 5']) {
      const reply = await useCode(email, bad);
      expect(reply.status, String(bad)).toBe(400);
      expect(reply.body.error.code, String(bad)).toBe('VALIDATION_ERROR');
    }
    expect((await useCode(email, code)).status).toBe(200);
  });

  it('a new code voids the older one; a new link voids the older link', async () => {
    const { email } = await verifiedAccount();
    await askCode(email);
    const first = await codeFor(email);
    await askCode(email);
    const second = await codeFor(email, 2);
    if (first !== second) expect((await useCode(email, first)).status).toBe(401);
    expect((await useCode(email, second)).status).toBe(200);

    await askLink(email);
    const older = await linkFor(email);
    await askLink(email);
    const newer = await linkFor(email, 2);
    expect((await useLink(older)).body.error.code).toBe('LINK_USED');
    expect((await useLink(newer)).status).toBe(200);
  });

  it('a link lives 15 minutes and a code 10: then LINK_EXPIRED and INVALID_CODE', async () => {
    const { email } = await verifiedAccount();
    await askLink(email);
    const token = await linkFor(email);
    await askCode(email);
    const code = await codeFor(email);
    t.clock.advance(10 * 60_000);
    expect((await useCode(email, code)).body.error.code).toBe('INVALID_CODE');
    t.clock.advance(5 * 60_000);
    const expired = await useLink(token);
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('LINK_EXPIRED');
  });

  it('ten concurrent uses of one link, and of one code: exactly one session', async () => {
    const { email, userId } = await verifiedAccount();
    await askLink(email);
    const token = await linkFor(email);
    const before = await liveSessions(userId);
    const links = await Promise.all(Array.from({ length: 10 }, () => useLink(token)));
    expect(links.filter((r) => r.status === 200)).toHaveLength(1);
    expect(links.filter((r) => r.body.error?.code === 'LINK_USED')).toHaveLength(9);
    expect(await liveSessions(userId)).toBe(before + 1);

    await askCode(email);
    const code = await codeFor(email);
    const codes = await Promise.all(Array.from({ length: 10 }, () => useCode(email, code)));
    expect(codes.filter((r) => r.status === 200)).toHaveLength(1);
    expect(codes.filter((r) => r.body.error?.code === 'INVALID_CODE')).toHaveLength(9);
    expect(await liveSessions(userId)).toBe(before + 2);
  });

  it('ten concurrent first uses for a new address (a link and a code): one account', async () => {
    const email = uniqueEmail('racer');
    await askLink(email);
    const token = await linkFor(email);
    await askCode(email);
    const code = await codeFor(email);
    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => useLink(token)),
      ...Array.from({ length: 5 }, () => useCode(email, code)),
    ]);
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(2);
    expect(new Set(ok.map((r) => r.body.user.id)).size).toBe(1);
  });

  it('cookies on request: the tokens go into cookies, not the body', async () => {
    const { email } = await verifiedAccount();
    await askLink(email);
    const reply = await useLink(await linkFor(email), COOKIE);
    expect(reply.status).toBe(200);
    expect(reply.headers.getSetCookie()).toHaveLength(2);
    expect(reply.body.accessToken).toBeUndefined();
    expect(reply.body.refreshToken).toBeUndefined();
  });

  it('an account with a second factor is asked for it: a challenge, then a session with both factors', async () => {
    const { email, userId } = await verifiedAccount();
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signIn.body.accessToken });
    const secret = base32Decode(enrol.body.secret);
    const codeAt = (steps: number) => totpAt(secret, Math.floor(t.clock.now() / 1000) + steps * 30);
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token: signIn.body.accessToken,
      body: { code: codeAt(0) },
    });
    expect(activated.status).toBe(200);
    const before = await liveSessions(userId);

    await askCode(email);
    const challenge = await useCode(email, await codeFor(email));
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(challenge.body.accessToken).toBeUndefined();
    expect(await liveSessions(userId)).toBe(before);

    t.clock.advance(30_000);
    const done = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'totp', code: codeAt(0) },
    });
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ aal: 'aal2' });
    expect([...done.body.session.amr].sort()).toEqual(['email', 'otp']);
  });

  it('a suspended, revoked or deleted account gets no mail; the answer is the same 202', async () => {
    const suspended = await verifiedAccount(uniqueEmail('suspended'));
    await t.gatehouse.suspendUser(suspended.userId);
    const revoked = await verifiedAccount(uniqueEmail('revoked'));
    await t.gatehouse.revokeUser(revoked.userId);
    const deleted = uniqueEmail('deleted');
    const d = await t.signUp(deleted);
    await t.gatehouse.deleteAccount(d.accessToken, PASSWORD);
    for (const email of [suspended.email, revoked.email, deleted]) {
      expect((await askLink(email)).status).toBe(202);
      expect((await askCode(email)).status).toBe(202);
    }
    await t.gatehouse.settled();
    for (const email of [suspended.email, revoked.email, deleted]) {
      expect(mailsTo(smtp, email).filter((m) => /^Your sign-in (link|code)$/.test(m.subject ?? ''))).toEqual(
        [],
      );
    }
  });

  it('an account suspended after its link was mailed is refused with USER_SUSPENDED', async () => {
    const { email, userId } = await verifiedAccount();
    await askLink(email);
    const token = await linkFor(email);
    await t.gatehouse.suspendUser(userId);
    const reply = await useLink(token);
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('USER_SUSPENDED');
  });

  it('housekeeping deletes used and expired links and codes, and counts them as challenges', async () => {
    const { email } = await verifiedAccount();
    await askLink(email);
    await useLink(await linkFor(email));
    await askCode(email);
    await codeFor(email);
    t.clock.advance(11 * 60_000);
    const report = await t.gatehouse.housekeeping();
    expect(report.challenges).toBeGreaterThanOrEqual(2);
    expect(await t.store.emailSignIns.latest(email, 'link')).toBeNull();
    expect(await t.store.emailSignIns.latest(email, 'code')).toBeNull();
  });

  it('embedded: the same four operations as methods of the instance', async () => {
    const { email, userId } = await verifiedAccount();
    await t.gatehouse.requestMagicLink(email);
    const byLink = await t.gatehouse.signInWithMagicLink(await linkFor(email));
    expect(isMfaChallenge(byLink) ? null : byLink.user.id).toBe(userId);
    await t.gatehouse.requestEmailCode(email);
    const byCode = await t.gatehouse.signInWithEmailCode({ email, code: await codeFor(email) });
    expect(isMfaChallenge(byCode) ? null : byCode.session.amr).toEqual(['email']);
    await expect(t.gatehouse.signInWithMagicLink('not a link')).rejects.toMatchObject({
      code: 'LINK_INVALID',
    });
  });
});

describe.each(everyStoreKind)('passwordless settings (%s)', (kind) => {
  it('sign-up closed: a new address gets no mail, an account does; a link issued while open then meets SIGN_UP_CLOSED', async () => {
    const { t, smtp, close } = await openGatehouseWithSmtp(kind, { openSignUp: false });
    try {
      const stranger = uniqueEmail('stranger');
      expect(
        (await t.request('POST', '/auth/sign-in/magic-link', { body: { email: stranger } })).status,
      ).toBe(202);
      expect(
        (await t.request('POST', '/auth/sign-in/email-code', { body: { email: stranger } })).status,
      ).toBe(202);
      const member = uniqueEmail('member');
      const user = await t.gatehouse.createUser({ email: member, emailVerified: true });
      await t.request('POST', '/auth/sign-in/magic-link', { body: { email: member } });
      const { token: memberToken } = await mailedLink(smtp, member, 'sign-in/magic-link');
      // An unverified account would be replaced by a new one, which closed sign-up forbids.
      const unverified = uniqueEmail('unverified');
      const pending = await t.gatehouse.createUser({ email: unverified });
      await t.request('POST', '/auth/sign-in/email-code', { body: { email: unverified } });
      await t.gatehouse.settled();
      expect(mailsTo(smtp, stranger)).toEqual([]);
      expect(mailsTo(smtp, unverified)).toEqual([]);
      const signedIn = await t.request('POST', '/auth/sign-in/magic-link/verify', {
        body: { token: memberToken },
      });
      expect(signedIn.body.user?.id).toBe(user.id);

      // A link for an address without an account, as it was mailed while sign-up was still open.
      const token = newOpaqueToken<string>(systemRandom);
      const now = t.clock.now();
      await t.store.emailSignIns.issue({
        id: newId('esi', now, systemRandom),
        email: uniqueEmail('late'),
        userId: null,
        kind: 'link',
        secretHash: hashToken(token),
        attempts: 0,
        createdAt: now,
        expiresAt: now + 60_000,
        usedAt: null,
        appId: DEFAULT_APP_ID,
      });
      const refused = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('SIGN_UP_CLOSED');

      // The same for a link to the unverified account: it is neither signed in to nor replaced.
      const second = newOpaqueToken<string>(systemRandom);
      await t.store.emailSignIns.issue({
        id: newId('esi', now, systemRandom),
        email: unverified,
        userId: pending.id,
        kind: 'link',
        secretHash: hashToken(second),
        attempts: 0,
        createdAt: now,
        expiresAt: now + 60_000,
        usedAt: null,
        appId: DEFAULT_APP_ID,
      });
      const kept = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token: second } });
      expect(kept.body.error?.code).toBe('SIGN_UP_CLOSED');
      expect((await t.store.users.findByEmail(unverified))?.id).toBe(pending.id);
    } finally {
      await close();
    }
  });

  it('passwordless off: every route answers 404 NOT_FOUND', async () => {
    const { t, close } = await openGatehouseWithSmtp(kind, { passwordless: { enabled: false } });
    try {
      for (const [path, body] of [
        ['/auth/sign-in/magic-link', { email: 'a@example.com' }],
        ['/auth/sign-in/magic-link/verify', { token: 'x'.repeat(43) }],
        ['/auth/sign-in/email-code', { email: 'a@example.com' }],
        ['/auth/sign-in/email-code/verify', { email: 'a@example.com', code: '123456' }],
      ] as const) {
        const reply = await t.request('POST', path, { body });
        expect(reply.status, path).toBe(404);
        expect(reply.body.error.code, path).toBe('NOT_FOUND');
      }
    } finally {
      await close();
    }
  });

  it('a beforeSignUp hook that refuses the address: SIGN_UP_REJECTED at first use, no account', async () => {
    const { openGatehouse } = await import('../support/gatehouse.js');
    const { smtpMailer } = await import('../../src/delivery/smtp-mailer.js');
    const { startSmtpReceiver } = await import('../support/smtp.js');
    const smtp = await startSmtpReceiver();
    const t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example' },
      {
        mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>'),
        hooks: {
          beforeSignUp: ({ email }) =>
            email?.endsWith('@blocked.example') ? { reject: 'Not here' } : undefined,
        },
      },
    );
    try {
      const email = `someone-${Date.now()}@blocked.example`;
      await t.request('POST', '/auth/sign-in/magic-link', { body: { email } });
      const { token } = await mailedLink(smtp, email, 'sign-in/magic-link');
      const reply = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token } });
      expect(reply.status).toBe(403);
      expect(reply.body.error).toMatchObject({ code: 'SIGN_UP_REJECTED', message: 'Not here' });
      expect(await t.store.users.findByEmail(email)).toBeNull();
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('passwordless settings from gatehouse.toml and the environment', () => {
  it('reads [passwordless] and GATEHOUSE_PASSWORDLESS_*; the environment wins', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { loadSettings } = await import('../../src/cli/settings-sources.js');
    const { tempDir } = await import('../support/cli.js');
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      'open_sign_up = false\n[passwordless]\nenabled = false\nlink_ttl = 300\ncode_ttl = 120\nmax_attempts = 3\n',
    );
    expect(loadSettings({ cwd, env: {} }).settings).toMatchObject({
      openSignUp: false,
      passwordless: { enabled: false, linkTtl: 300, codeTtl: 120, maxAttempts: 3 },
    });
    const env = { GATEHOUSE_PASSWORDLESS_ENABLED: 'true', GATEHOUSE_PASSWORDLESS_CODE_TTL: '600' };
    expect(loadSettings({ cwd, env }).settings.passwordless).toEqual({
      enabled: true,
      linkTtl: 300,
      codeTtl: 600,
      maxAttempts: 3,
    });
  });
});

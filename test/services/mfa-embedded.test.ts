/**
 * Second factors through the instance's own methods, on SQLite and PostgreSQL: `signIn` answering
 * an `MfaChallenge`, `verifyMfa`, `enrollTotp` / `activateTotp` / `removeTotp`, `listFactors`,
 * `regenerateRecoveryCodes`, `reauthenticate`, and the operators' `resetMfa`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type UserId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { en } from '../../src/delivery/locales/en.js';
import { isMfaChallenge } from '../../src/index.js';
import {
  openGatehouseWithSmtp,
  PASSWORD,
  signedIn,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

const CLIENT = { ip: '198.51.100.9', userAgent: 'embedded-test/1.0' };

describe.each(storeKinds)('second factors, embedded (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const codeOf = (secret: Uint8Array) => totpAt(secret, Math.floor(t.clock.now() / 1000));
  /** A code that is wrong now: one of a step outside the drift window. */
  const wrongCode = (secret: Uint8Array) => {
    const near = [-30, 0, 30].map((s) => totpAt(secret, Math.floor(t.clock.now() / 1000) + s));
    for (let s = 150; ; s += 30) {
      const code = totpAt(secret, Math.floor(t.clock.now() / 1000) + s);
      if (!near.includes(code)) return code;
    }
  };
  const nextCode = (secret: Uint8Array) => {
    t.clock.advance(30_000);
    return codeOf(secret);
  };
  const live = async (userId: string) =>
    (await t.store.sessions.listLive(userId as UserId, t.clock.now())).length;
  const codeOfError = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: { code?: string }) => error.code,
    );

  /** An account with an authenticator app, set up through the embedded methods. */
  async function withTotp(email = uniqueEmail('embedded')) {
    const up = await t.gatehouse.signUp({ email, password: PASSWORD }, CLIENT);
    const enrolment = await t.gatehouse.enrollTotp(up.accessToken);
    const secret = base32Decode(enrolment.secret);
    const added = await t.gatehouse.activateTotp(up.accessToken, codeOf(secret), CLIENT);
    return { email, user: up.user, secret, enrolment, added, accessToken: added.accessToken };
  }

  it('signIn answers an MfaChallenge and no session; verifyMfa starts an aal2 session whose token says so', async () => {
    const { email, user, secret } = await withTotp();
    const before = await live(user.id);
    const challenge = await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT);
    expect(isMfaChallenge(challenge)).toBe(true);
    if (!isMfaChallenge(challenge)) return;
    expect(challenge).toEqual({
      mfaRequired: true,
      mfaToken: expect.stringMatching(/^gh_mfa_/),
      methods: expect.arrayContaining(['totp', 'recovery_code']),
      expiresIn: 300,
    });
    expect(() => signedIn(challenge)).toThrow(/MFA challenge/);
    expect(await live(user.id)).toBe(before);

    const result = await t.gatehouse.verifyMfa(
      { mfaToken: challenge.mfaToken, method: 'totp', code: nextCode(secret) },
      CLIENT,
    );
    expect(result.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
    expect(await live(user.id)).toBe(before + 1);
    expect(await t.gatehouse.verifyAccessToken(result.accessToken)).toMatchObject({
      sub: user.id,
      amr: ['pwd', 'otp'],
      aal: 'aal2',
    });
    expect((await t.gatehouse.getSession(result.accessToken)).session).toMatchObject({ aal: 'aal2' });
    const refreshed = await t.gatehouse.refresh(result.refreshToken);
    expect(refreshed.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
    const events = await t.gatehouse.listAuditEvents({ userId: user.id, type: 'user.signed_in' });
    expect(events.items.map((e) => e.data)).toContainEqual(expect.objectContaining({ secondFactor: 'totp' }));
  });

  it('verifyMfa refuses another client, a spent token and wrong or malformed input with coded errors', async () => {
    const { email, secret } = await withTotp();
    const challenge = await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT);
    if (!isMfaChallenge(challenge)) throw new Error('expected a challenge');
    const { mfaToken } = challenge;
    const code = nextCode(secret);
    const verify = (input: Record<string, unknown>, client = CLIENT) =>
      codeOfError(t.gatehouse.verifyMfa({ mfaToken, method: 'totp', ...input } as never, client));
    expect(await verify({ code }, { ...CLIENT, userAgent: 'someone else' })).toBe('INVALID_MFA_TOKEN');
    expect(await verify({ code: 42 })).toBe('VALIDATION_ERROR');
    expect(await verify({ method: 'carrier-pigeon', code })).toBe('VALIDATION_ERROR');
    expect(await verify({ mfaToken: 'gh_mfa_nope', code })).toBe('INVALID_MFA_TOKEN');
    expect(await verify({ code: wrongCode(secret) })).toBe('INVALID_CODE');
    expect(await verify({ code })).toBe('resolved');
    expect(await verify({ code: nextCode(secret) })).toBe('INVALID_MFA_TOKEN');
  });

  it('a shortened sessionTtl asked for at signIn carries over to the session verifyMfa starts', async () => {
    const { email, secret } = await withTotp();
    const challenge = await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT, { sessionTtl: 3600 });
    if (!isMfaChallenge(challenge)) throw new Error('expected a challenge');
    const code = nextCode(secret);
    const result = await t.gatehouse.verifyMfa(
      { mfaToken: challenge.mfaToken, method: 'totp', code },
      CLIENT,
    );
    expect(Date.parse(result.session.expiresAt) - t.clock.now()).toBe(3600 * 1000);
  });

  it('enrollTotp, activateTotp, listFactors, regenerateRecoveryCodes and removeTotp', async () => {
    const { user, enrolment, added, accessToken } = await withTotp();
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCodeSvg).toMatch(/^<svg/);
    expect(added.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
    expect(added.recoveryCodes).toHaveLength(10);

    const listing = await t.gatehouse.listFactors(accessToken);
    expect([...listing.methods].sort()).toEqual(['recovery_code', 'totp']);
    expect(listing.factors.recovery_code).toEqual({ remaining: 10 });
    expect(await codeOfError(t.gatehouse.enrollTotp(accessToken))).toBe('FACTOR_EXISTS');

    const { recoveryCodes } = await t.gatehouse.regenerateRecoveryCodes(accessToken, CLIENT);
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((c) => added.recoveryCodes?.includes(c))).toEqual([]);

    await t.gatehouse.removeTotp(accessToken, CLIENT);
    expect(await t.store.totp.find(user.id as UserId)).toBeNull();
    expect((await t.gatehouse.listFactors(accessToken)).methods).toEqual([]);
    expect(await codeOfError(t.gatehouse.removeTotp(accessToken))).toBe('NOT_FOUND');
    // A wrong first code leaves a new enrolment pending.
    const again = await t.gatehouse.enrollTotp(accessToken);
    const wrong = wrongCode(base32Decode(again.secret));
    expect(await codeOfError(t.gatehouse.activateTotp(accessToken, wrong))).toBe('INVALID_CODE');
    expect(await t.store.totp.find(user.id as UserId)).toMatchObject({ status: 'pending' });
  });

  it('reauthenticate: the password refreshes the sign-in time; a TOTP code raises the session to aal2', async () => {
    const email = uniqueEmail('embedded-reauth');
    const up = await t.gatehouse.signUp({ email, password: PASSWORD }, CLIENT);
    const other = signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT));
    const enrolment = await t.gatehouse.enrollTotp(up.accessToken);
    const secret = base32Decode(enrolment.secret);
    await t.gatehouse.activateTotp(up.accessToken, codeOf(secret), CLIENT);

    t.clock.advance(60_000);
    const byPassword = await t.gatehouse.reauthenticate(other.accessToken, { password: PASSWORD }, CLIENT);
    expect(byPassword.session).toMatchObject({
      id: other.session.id,
      aal: 'aal1',
      authenticatedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(
      await codeOfError(
        t.gatehouse.reauthenticate(other.accessToken, { password: 'not the password' }, CLIENT),
      ),
    ).toBe('WRONG_PASSWORD');
    const byCode = await t.gatehouse.reauthenticate(
      other.accessToken,
      { method: 'totp', code: nextCode(secret) },
      CLIENT,
    );
    expect(byCode.session).toMatchObject({ id: other.session.id, amr: ['pwd', 'otp'], aal: 'aal2' });
    expect((await t.gatehouse.verifyAccessToken(byCode.accessToken)).aal).toBe('aal2');
    expect((await t.gatehouse.getSession(other.accessToken)).session.aal).toBe('aal2');
  });

  it('resetMfa removes every factor and code, ends every session and pending sign-in, mails a notice and is audited', async () => {
    const { email, user, secret, accessToken } = await withTotp();
    const extra = await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT);
    if (!isMfaChallenge(extra)) throw new Error('expected a challenge');
    const session = await t.gatehouse.verifyMfa(
      { mfaToken: extra.mfaToken, method: 'totp', code: nextCode(secret) },
      CLIENT,
    );
    const outstanding = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
    });
    expect(outstanding.body.mfaRequired).toBe(true);
    expect(await live(user.id)).toBe(2);

    await t.gatehouse.resetMfa(user.id);
    expect(await t.store.totp.find(user.id as UserId)).toBeNull();
    expect(await t.store.recoveryCodes.countUnused(user.id as UserId)).toBe(0);
    expect(await live(user.id)).toBe(0);
    for (const token of [accessToken, session.accessToken]) {
      expect(await codeOfError(t.gatehouse.getSession(token))).toBe('SESSION_NOT_FOUND');
    }
    const pending = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: outstanding.body.mfaToken, method: 'totp', code: nextCode(secret) },
    });
    expect(pending.status).toBe(401);
    expect(pending.body.error.code).toBe('INVALID_MFA_TOKEN');

    const mail = await waitForMail(smtp, email, /removed every second factor/);
    expect(mail.subject).toBe(en['mfa-reset'].subject);
    expect(mailsTo(smtp, email).filter((m) => m.subject === en['mfa-reset'].subject)).toHaveLength(1);
    const audit = await t.gatehouse.listAuditEvents({ userId: user.id, type: 'mfa.reset' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.data).toMatchObject({ sessionsEnded: 2 });

    const direct = await t.gatehouse.signIn({ email, password: PASSWORD }, CLIENT);
    expect(isMfaChallenge(direct)).toBe(false);
    expect(signedIn(direct).session).toMatchObject({ amr: ['pwd'], aal: 'aal1' });
  });

  it('resetMfa of an unknown or malformed user id is NOT_FOUND', async () => {
    expect(await codeOfError(t.gatehouse.resetMfa(newId('usr', t.clock.now(), systemRandom)))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOfError(t.gatehouse.resetMfa('not an id'))).toBe('NOT_FOUND');
  });
});

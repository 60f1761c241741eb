/**
 * Inside a session an operator started as a user, the changes only the user may make are refused
 * with 403 `IMPERSONATION_RESTRICTED` — password, address, deletion, export, reauthentication,
 * second factors and passkeys, linked identities, tokens — and nothing changes; reading and
 * ordinary profile edits work. Over HTTP, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const SOME_PASSKEY = 'mfa_0190f2a81b3c7abc8123456789abcdef';
const SOME_IDENTITY = 'idn_0190f2a81b3c7abc8123456789abcdef';

/** What an operator must not do as the user: method, path, body. */
const SENSITIVE: ReadonlyArray<readonly [string, string, unknown?]> = [
  ['POST', '/auth/change-password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 42' }],
  ['POST', '/auth/change-email', { newEmail: 'taken-over@example.com', password: PASSWORD }],
  ['DELETE', '/auth/me', { password: PASSWORD }],
  ['GET', '/auth/me/export'],
  ['POST', '/auth/reauthenticate', { password: PASSWORD }],
  ['POST', '/auth/reauthenticate/passkey/options'],
  ['POST', '/auth/reauthenticate/sms'],
  ['POST', '/auth/mfa/totp/enroll'],
  ['DELETE', '/auth/mfa/totp'],
  ['POST', '/auth/mfa/recovery-codes'],
  ['POST', '/auth/passkeys/register/options'],
  ['PATCH', `/auth/passkeys/${SOME_PASSKEY}`, { name: 'mine now' }],
  ['DELETE', `/auth/passkeys/${SOME_PASSKEY}`],
  ['POST', '/auth/phone/start', { phone: '+15555550100' }],
  ['DELETE', '/auth/phone'],
  ['DELETE', `/auth/identities/${SOME_IDENTITY}`],
  ['POST', '/auth/identities/id-token', { provider: 'firebase', idToken: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' }],
  ['POST', '/auth/tokens', { name: 'backdoor', scopes: ['profile:read'] }],
];

describe.each(storeKinds)('impersonation restrictions (%s)', (kind) => {
  let t: TestGatehouse;

  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  /** A user with a password and an authenticator app, and an operator's session as them. */
  async function impersonatedUser() {
    const email = uniqueEmail('impersonated');
    const user = await t.signUp(email);
    const enrolment = await t.gatehouse.enrollTotp(user.accessToken);
    const secret = base32Decode(enrolment.secret);
    await t.gatehouse.activateTotp(user.accessToken, totpAt(secret, Math.floor(t.clock.now() / 1000)));
    const operator = await signInOperator(t);
    const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
      token: operator.accessToken,
      body: { reason: 'ticket 99' },
    });
    expect(reply.status).toBe(201);
    return {
      email,
      userId: user.user.id as string,
      userToken: user.accessToken as string,
      token: reply.body.accessToken as string,
    };
  }

  /** The user's audit records of the kinds the refused requests would have written. */
  const changesOf = async (userId: string) =>
    (
      await t.gatehouse.listAuditEvents({
        userId,
        type: [
          'password.changed',
          'email.change_requested',
          'user.deleted',
          'user.exported',
          'user.reauthenticated',
          'mfa.factor_added',
          'mfa.factor_removed',
          'mfa.recovery_codes_generated',
          'phone.verified',
          'pat.created',
          'identity.linked',
          'identity.unlinked',
        ],
        limit: 100,
      })
    ).items;

  it('refuses every change only the user may make with 403 IMPERSONATION_RESTRICTED', async () => {
    const { token } = await impersonatedUser();
    const answers = [];
    for (const [method, path, body] of SENSITIVE) {
      const reply = await t.request(method, path, { token, ...(body === undefined ? {} : { body }) });
      answers.push([method, path, reply.status, reply.body.error?.code]);
    }
    expect(answers).toEqual(
      SENSITIVE.map(([method, path]) => [method, path, 403, 'IMPERSONATION_RESTRICTED']),
    );
  });

  it('and nothing changed: same password, address, factors, no token, account active, nothing audited', async () => {
    const { email, userId, userToken, token } = await impersonatedUser();
    const factorsBefore = await t.gatehouse.listFactors(userToken);
    const auditBefore = await changesOf(userId);
    for (const [method, path, body] of SENSITIVE) {
      await t.request(method, path, { token, ...(body === undefined ? {} : { body }) });
    }
    const me = await t.request('GET', '/auth/me', { token: userToken });
    expect(me.body).toMatchObject({ id: userId, email, status: 'active' });
    expect(await t.gatehouse.listFactors(userToken)).toEqual(factorsBefore);
    expect(await t.gatehouse.listPats(userToken)).toEqual([]);
    // The password is the one it was: the first factor of a sign-in still passes with it.
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect([signIn.status, signIn.body.mfaRequired]).toEqual([200, true]);
    expect(await changesOf(userId)).toEqual(auditBefore);
  });

  it('reading and ordinary profile edits work', async () => {
    const { userId, token } = await impersonatedUser();
    for (const path of [
      '/auth/me',
      '/auth/session',
      '/auth/sessions',
      '/auth/mfa',
      '/auth/passkeys',
      '/auth/identities',
      '/auth/tokens',
      '/auth/me/apps',
    ]) {
      const reply = await t.request('GET', path, { token });
      expect([path, reply.status]).toEqual([path, 200]);
    }
    const edit = await t.request('PATCH', '/auth/me', { token, body: { name: 'Fixed by support' } });
    expect([edit.status, edit.body.id, edit.body.name]).toEqual([200, userId, 'Fixed by support']);
  });

  it('the user’s own session makes the same changes (the refusal is the impersonation’s)', async () => {
    const { userToken } = await impersonatedUser();
    const exported = await t.request('GET', '/auth/me/export', { token: userToken });
    expect(exported.status).toBe(200);
    const reauth = await t.request('POST', '/auth/reauthenticate', {
      token: userToken,
      body: { password: PASSWORD },
    });
    expect(reauth.status).toBe(200);
    const pat = await t.request('POST', '/auth/tokens', {
      token: userToken,
      body: { name: 'mine', scopes: ['profile:read'] },
    });
    expect(pat.status).toBe(201);
  });
});

/**
 * Passkeys over HTTP, on SQLite and PostgreSQL, with a software authenticator (real keys and
 * signatures): adding, listing, renaming and removing them, signing in with one and no password,
 * a passkey as the second step after a password and for reauthentication, the recent-sign-in
 * rule, the notice mails, each algorithm we accept, and the same assertion raced. Each WebAuthn
 * check by itself is in test/security/webauthn.test.ts; the real browser in
 * test/browser/passkeys.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import {
  ORIGIN,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { type SmtpReceiver, waitForMail } from '../support/smtp.js';
import {
  type SoftwareAlgorithm,
  type SoftwareAuthenticator,
  softwareAuthenticator,
  type Tweaks,
} from '../support/software-authenticator.js';
import { everyStoreKind } from '../support/stores.js';

const PASSKEYS = { rpId: 'localhost', origins: [ORIGIN] };
const REAUTH_MAX_AGE_MS = 600_000;

/** The passkey requests a suite sends, against the instance `instance()` returns at call time. */
function passkeyClient(instance: () => TestGatehouse) {
  const t = () => instance();
  return {
    /** Registration options, then the authenticator's answer, then `POST /auth/passkeys/register`. */
    async register(token: string, authenticator: SoftwareAuthenticator, extra: { name?: string } = {}) {
      const options = await t().request('POST', '/auth/passkeys/register/options', { token });
      expect(options.status).toBe(200);
      return t().request('POST', '/auth/passkeys/register', {
        token,
        body: { response: authenticator.create(options.body), ...extra },
      });
    },
    /** A fresh account with one passkey; the access token is the one the registration returned (aal2). */
    async withPasskey(algorithm: SoftwareAlgorithm = -7, email = uniqueEmail('pk')) {
      const signUp = await t().signUp(email);
      const authenticator = softwareAuthenticator({ algorithm, origin: ORIGIN });
      const added = await this.register(signUp.accessToken, authenticator);
      expect(added.status).toBe(200);
      return {
        email,
        userId: signUp.user.id as string,
        authenticator,
        accessToken: added.body.accessToken as string,
        passkeyId: added.body.passkey.id as string,
        recoveryCodes: added.body.recoveryCodes as string[],
      };
    },
    /** A passwordless sign-in's answer (the assertion as the authenticator made it, and the reply). */
    async signIn(
      authenticator: SoftwareAuthenticator,
      tweaks: Tweaks = {},
      headers: Record<string, string> = {},
    ) {
      const options = await t().request('POST', '/auth/sign-in/passkey/options');
      expect(options.status).toBe(200);
      const response = authenticator.get(options.body, tweaks);
      const reply = await t().request('POST', '/auth/sign-in/passkey', { body: { response }, headers });
      return { response, reply };
    },
  };
}

describe.each(everyStoreKind)('passkeys over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: PASSKEYS });
  });
  afterAll(() => t.close());
  const pk = passkeyClient(() => t);
  const liveSessions = async (userId: string) =>
    (await t.store.sessions.listLive(userId as never, t.clock.now())).length;

  it('registers a passkey: the session steps up to aal2 with hwk, recovery codes come once, the factor is listed', async () => {
    const signUp = await t.signUp(uniqueEmail('pk'));
    const authenticator = softwareAuthenticator({ origin: ORIGIN });
    const options = await t.request('POST', '/auth/passkeys/register/options', { token: signUp.accessToken });
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost', name: 'Gatehouse' },
      user: { name: signUp.user.email },
      challenge: expect.stringMatching(/^[\w-]{43}$/),
      pubKeyCredParams: [{ alg: -8 }, { alg: -7 }, { alg: -257 }].map((p) => ({ ...p, type: 'public-key' })),
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    // The WebAuthn user handle is the user id's 16 bytes: stable, and not the email.
    expect(Buffer.from(options.body.user.id, 'base64url').toString('hex')).toBe(signUp.user.id.slice(4));

    const added = await t.request('POST', '/auth/passkeys/register', {
      token: signUp.accessToken,
      body: { response: authenticator.create(options.body), name: 'Work laptop' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      session: expect.objectContaining({ amr: ['pwd', 'hwk'], aal: 'aal2' }),
      accessToken: expect.any(String),
      expiresIn: 900,
      recoveryCodes: expect.any(Array),
      passkey: {
        id: expect.stringMatching(/^mfa_[0-9a-f]{32}$/),
        name: 'Work laptop',
        createdAt: expect.any(String),
        lastUsedAt: null,
        backedUp: false,
        transports: ['internal'],
      },
    });
    expect(added.body.recoveryCodes).toHaveLength(10);

    const factors = await t.request('GET', '/auth/mfa', { token: added.body.accessToken });
    expect([...factors.body.methods].sort()).toEqual(['passkey', 'recovery_code']);
    expect(factors.body.factors.passkey).toEqual({ count: 1 });

    // A second passkey: its options exclude the first; no new recovery codes.
    const second = softwareAuthenticator({ origin: ORIGIN, algorithm: -8 });
    const again = await t.request('POST', '/auth/passkeys/register/options', {
      token: added.body.accessToken,
    });
    expect(again.body.excludeCredentials).toEqual([
      { id: authenticator.credentialId, type: 'public-key', transports: ['internal'] },
    ]);
    const secondAdded = await t.request('POST', '/auth/passkeys/register', {
      token: added.body.accessToken,
      body: { response: second.create(again.body) },
    });
    expect(secondAdded.status).toBe(200);
    expect(secondAdded.body.recoveryCodes).toBeUndefined();
    expect(secondAdded.body.passkey.name).toBe('Passkey');
  });

  it('lists the caller’s passkeys without keys or credential ids; renames them; another user’s are not found', async () => {
    const a = await pk.withPasskey();
    const b = await pk.withPasskey();
    const list = await t.request('GET', '/auth/passkeys', { token: a.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.passkeys).toEqual([
      {
        id: a.passkeyId,
        name: 'Passkey',
        createdAt: expect.any(String),
        lastUsedAt: null,
        backedUp: false,
        transports: ['internal'],
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(a.authenticator.credentialId);

    const renamed = await t.request('PATCH', `/auth/passkeys/${a.passkeyId}`, {
      token: a.accessToken,
      body: { name: '  Phone  ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: a.passkeyId, name: 'Phone' });
    expect((await t.request('GET', '/auth/passkeys', { token: a.accessToken })).body.passkeys[0].name).toBe(
      'Phone',
    );

    const foreign = await t.request('PATCH', `/auth/passkeys/${a.passkeyId}`, {
      token: b.accessToken,
      body: { name: 'Mine now' },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    for (const name of ['', ' ', 'x'.repeat(65), 'tab\there']) {
      const bad = await t.request('PATCH', `/auth/passkeys/${a.passkeyId}`, {
        token: a.accessToken,
        body: { name },
      });
      expect(bad.status, JSON.stringify(name)).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    }
    const unknown = await t.request('PATCH', '/auth/passkeys/not-an-id', {
      token: a.accessToken,
      body: { name: 'x' },
    });
    expect(unknown.status).toBe(404);
    expect((await t.request('GET', '/auth/passkeys', { token: a.accessToken })).body.passkeys[0].name).toBe(
      'Phone',
    );
  });

  it('deletes a passkey (recent sign-in needed); with none left, a password alone signs in again', async () => {
    const { email, accessToken, passkeyId, userId } = await pk.withPasskey();
    const b = await pk.withPasskey();
    expect((await t.request('DELETE', `/auth/passkeys/${passkeyId}`, { token: b.accessToken })).status).toBe(
      404,
    );

    t.clock.advance(REAUTH_MAX_AGE_MS + 1000);
    const stale = await t.request('DELETE', `/auth/passkeys/${passkeyId}`, { token: accessToken });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('REAUTH_REQUIRED');
    const reauth = await t.request('POST', '/auth/reauthenticate', {
      token: accessToken,
      body: { password: PASSWORD },
    });
    expect(reauth.status).toBe(200);

    const deleted = await t.request('DELETE', `/auth/passkeys/${passkeyId}`, {
      token: reauth.body.accessToken,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true });
    expect(
      (await t.request('GET', '/auth/passkeys', { token: reauth.body.accessToken })).body.passkeys,
    ).toEqual([]);
    const again = await t.request('DELETE', `/auth/passkeys/${passkeyId}`, {
      token: reauth.body.accessToken,
    });
    expect(again.status).toBe(404);
    // The last factor is gone, and the recovery codes with it.
    const factors = await t.request('GET', '/auth/mfa', { token: reauth.body.accessToken });
    expect(factors.body.methods).toEqual([]);
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.mfaRequired).toBeUndefined();
    expect(await liveSessions(userId)).toBeGreaterThan(0);
  });

  it('signs in with a passkey and no password: amr hwk+user at aal2, the counter and last use recorded, user.signed_in', async () => {
    const { userId, authenticator, accessToken } = await pk.withPasskey();
    const before = await liveSessions(userId);
    const { reply } = await pk.signIn(authenticator);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      user: { id: userId },
      session: { amr: ['hwk', 'user'], aal: 'aal2' },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(await liveSessions(userId)).toBe(before + 1);
    const session = await t.request('GET', '/auth/session', { token: reply.body.accessToken });
    expect(session.body.session).toMatchObject({ amr: ['hwk', 'user'], aal: 'aal2' });
    expect(await t.gatehouse.verifyAccessToken(reply.body.accessToken)).toMatchObject({
      amr: ['hwk', 'user'],
      aal: 'aal2',
    });

    const [stored] = await t.store.passkeys.listForUser(userId as never);
    expect(stored).toMatchObject({ counter: 1, lastUsedAt: t.clock.now() });
    const listed = await t.request('GET', '/auth/passkeys', { token: accessToken });
    expect(listed.body.passkeys[0].lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
    const signedIn = await t.gatehouse.listAuditEvents({ userId: userId as never, type: 'user.signed_in' });
    expect(signedIn.items[0]).toMatchObject({
      sessionId: reply.body.session.id,
      data: { method: 'passkey', userVerified: true },
    });

    // And again: the counter moves on.
    expect((await pk.signIn(authenticator)).reply.status).toBe(200);
    expect((await t.store.passkeys.listForUser(userId as never))[0]!.counter).toBe(2);
  });

  it('with cookie transport the passkey sign-in sets the session cookies and returns no token', async () => {
    const { authenticator } = await pk.withPasskey();
    const { reply } = await pk.signIn(
      authenticator,
      {},
      { 'gatehouse-transport': 'cookie', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.accessToken).toBeUndefined();
    expect(reply.body.refreshToken).toBeUndefined();
    const jar = reply.headers
      .getSetCookie()
      .map((c: string) => c.split(';')[0])
      .join('; ');
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.body.session).toMatchObject({ amr: ['hwk', 'user'], aal: 'aal2' });
  });

  it('a passkey completes a password sign-in as its second factor (amr pwd+hwk, aal2)', async () => {
    const { email, userId, authenticator } = await pk.withPasskey();
    const challenge = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(challenge.status).toBe(200);
    expect(challenge.body.mfaRequired).toBe(true);
    expect([...challenge.body.methods].sort()).toEqual(['passkey', 'recovery_code']);
    const before = await liveSessions(userId);

    const options = await t.request('POST', '/auth/mfa/passkey/options', {
      body: { mfaToken: challenge.body.mfaToken },
    });
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ id: authenticator.credentialId, type: 'public-key' }],
    });
    expect(await liveSessions(userId)).toBe(before);

    const done = await t.request('POST', '/auth/mfa/verify', {
      body: {
        mfaToken: challenge.body.mfaToken,
        method: 'passkey',
        assertion: authenticator.get(options.body),
      },
    });
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ amr: ['pwd', 'hwk'], aal: 'aal2' });
    expect(await liveSessions(userId)).toBe(before + 1);

    // A bad mfaToken gets no options.
    const stale = await t.request('POST', '/auth/mfa/passkey/options', {
      body: { mfaToken: challenge.body.mfaToken },
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('INVALID_MFA_TOKEN');
  });

  it('a refused second-factor assertion is INVALID_CODE, counted, and audited', async () => {
    const { email, userId, authenticator } = await pk.withPasskey();
    const challenge = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    const options = await t.request('POST', '/auth/mfa/passkey/options', {
      body: { mfaToken: challenge.body.mfaToken },
    });
    const wrong = await t.request('POST', '/auth/mfa/verify', {
      body: {
        mfaToken: challenge.body.mfaToken,
        method: 'passkey',
        assertion: authenticator.get(options.body, { tamper: 'clientDataJSON' }),
      },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CODE');
    const refused = await t.gatehouse.listAuditEvents({
      userId: userId as never,
      type: 'passkey.assertion_refused',
    });
    expect(refused.items[0]!.data).toMatchObject({ reason: 'signature_invalid', during: 'second_factor' });
    const failed = await t.gatehouse.listAuditEvents({ userId: userId as never, type: 'mfa.failed' });
    expect(failed.items).toHaveLength(1);
    // Its challenge is spent: the right assertion needs new options.
    const late = await t.request('POST', '/auth/mfa/verify', {
      body: {
        mfaToken: challenge.body.mfaToken,
        method: 'passkey',
        assertion: authenticator.get(options.body),
      },
    });
    expect(late.status).toBe(401);
    const fresh = await t.request('POST', '/auth/mfa/passkey/options', {
      body: { mfaToken: challenge.body.mfaToken },
    });
    const done = await t.request('POST', '/auth/mfa/verify', {
      body: {
        mfaToken: challenge.body.mfaToken,
        method: 'passkey',
        assertion: authenticator.get(fresh.body),
      },
    });
    expect(done.status).toBe(200);
    // Without an assertion: bad input, not a wrong code.
    const next = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    const missing = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: next.body.mfaToken, method: 'passkey' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('reauthenticates with a passkey: authenticatedAt moves on, hwk is recorded, and a stale session may change factors again', async () => {
    const { accessToken, authenticator } = await pk.withPasskey();
    t.clock.advance(REAUTH_MAX_AGE_MS + 1000);
    const stale = await t.request('POST', '/auth/passkeys/register/options', { token: accessToken });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('REAUTH_REQUIRED');

    const options = await t.request('POST', '/auth/reauthenticate/passkey/options', { token: accessToken });
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials).toEqual([
      { id: authenticator.credentialId, type: 'public-key', transports: ['internal'] },
    ]);
    const reauth = await t.request('POST', '/auth/reauthenticate', {
      token: accessToken,
      body: { method: 'passkey', assertion: authenticator.get(options.body) },
    });
    expect(reauth.status).toBe(200);
    expect(reauth.body.session).toMatchObject({ amr: ['pwd', 'hwk'], aal: 'aal2' });
    expect(reauth.body.session.authenticatedAt).toBe(new Date(t.clock.now()).toISOString());
    const fresh = await t.request('POST', '/auth/passkeys/register/options', {
      token: reauth.body.accessToken,
    });
    expect(fresh.status).toBe(200);

    // Reauthentication options need a passkey to offer.
    const plain = await t.signUp();
    const none = await t.request('POST', '/auth/reauthenticate/passkey/options', {
      token: plain.accessToken,
    });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
  });

  it('registration needs a recent sign-in: both the options and the answer are refused with 403 REAUTH_REQUIRED', async () => {
    const signUp = await t.signUp();
    const authenticator = softwareAuthenticator({ origin: ORIGIN });
    const options = await t.request('POST', '/auth/passkeys/register/options', { token: signUp.accessToken });
    t.clock.advance(REAUTH_MAX_AGE_MS + 1000);
    const late = await t.request('POST', '/auth/passkeys/register', {
      token: signUp.accessToken,
      body: { response: authenticator.create(options.body) },
    });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('REAUTH_REQUIRED');
    const again = await t.request('POST', '/auth/passkeys/register/options', { token: signUp.accessToken });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('REAUTH_REQUIRED');
    expect(await t.store.passkeys.countForUser(signUp.user.id)).toBe(0);
  });

  it.each([
    ['ES256', -7],
    ['EdDSA', -8],
    ['RS256', -257],
  ] as const)('%s: a passkey registers and signs in', async (_name, algorithm) => {
    const { userId, authenticator } = await pk.withPasskey(algorithm);
    const [stored] = await t.store.passkeys.listForUser(userId as never);
    expect(stored!.algorithm).toBe(algorithm);
    const { reply } = await pk.signIn(authenticator);
    expect(reply.status).toBe(200);
    expect(reply.body.user.id).toBe(userId);
  });

  it.each([
    ['a counting authenticator', 1],
    ['an authenticator without a counter (0 and 0: only the challenge stops a replay)', 0],
  ])('the same assertion sent 10 times at once starts exactly one session: %s', async (_what, counter) => {
    const { userId, authenticator } = await pk.withPasskey();
    const before = await liveSessions(userId);
    const options = await t.request('POST', '/auth/sign-in/passkey/options');
    const response = authenticator.get(options.body, { counter });
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => t.request('POST', '/auth/sign-in/passkey', { body: { response } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(401)]);
    for (const r of replies.filter((r) => r.status !== 200))
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(await liveSessions(userId)).toBe(before + 1);
  });

  it('bad input gets a 4xx: a body that is no assertion, an unknown credential, options without an mfaToken', async () => {
    const noBody = await t.request('POST', '/auth/sign-in/passkey', { body: {} });
    expect(noBody.status).toBe(400);
    const notAssertion = await t.request('POST', '/auth/sign-in/passkey', {
      body: { response: { id: 'x' } },
    });
    expect(notAssertion.status).toBe(400);
    expect(notAssertion.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      issues: [{ path: 'response', message: expect.any(String) }],
    });
    const stranger = softwareAuthenticator({ origin: ORIGIN });
    const options = await t.request('POST', '/auth/sign-in/passkey/options');
    const unknown = await t.request('POST', '/auth/sign-in/passkey', {
      body: { response: stranger.get(options.body) },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
    const noToken = await t.request('POST', '/auth/mfa/passkey/options', { body: {} });
    expect(noToken.status).toBe(400);
    const badToken = await t.request('POST', '/auth/mfa/passkey/options', { body: { mfaToken: 'gh_mfa_x' } });
    expect(badToken.status).toBe(401);
    const signUp = await t.signUp();
    const noResponse = await t.request('POST', '/auth/passkeys/register', {
      token: signUp.accessToken,
      body: { response: 'nope' },
    });
    expect(noResponse.status).toBe(400);
    const garbage = await t.request('POST', '/auth/passkeys/register', {
      token: signUp.accessToken,
      body: { response: { id: 'abc', rawId: 'abc', type: 'public-key', response: {} } },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatchObject({
      code: 'PASSKEY_REJECTED',
      issues: [{ path: 'response', message: 'malformed' }],
    });
  });

  it('challenges: housekeeping can delete spent and expired ones in batches; a live one stays usable', async () => {
    const fresh = await openGatehouse(kind, { passkeys: PASSKEYS });
    try {
      const store = fresh.store.webauthnChallenges;
      const now = fresh.clock.now();
      const binding = { purpose: 'sign_in', userId: null, boundTo: null } as const;
      const challenge = (n: number, expiresAt: number) => ({
        id: `chl_0190f2a81b3c7abc8123456789abcd${n}0` as never,
        digest: `digest-${n}`,
        ...binding,
        createdAt: now - 1000,
        expiresAt,
      });
      for (const [n, expiresAt] of [
        [1, now + 60_000],
        [2, now + 60_000],
        [3, now - 1],
        [4, now - 1],
      ] as const)
        await store.create(challenge(n, expiresAt));
      expect(await store.consume('digest-2', binding, now - 500)).toBe(true);
      expect(await store.consume('digest-3', binding, now)).toBe(false);
      expect(await fresh.store.housekeeping.deleteDeadWebauthnChallenges(now, 2)).toBe(2);
      expect(await fresh.store.housekeeping.deleteDeadWebauthnChallenges(now, 2)).toBe(1);
      expect(await fresh.store.housekeeping.deleteDeadWebauthnChallenges(now, 2)).toBe(0);
      expect(await store.consume('digest-1', { ...binding, purpose: 'reauth' }, now)).toBe(false);
      expect(await store.consume('digest-1', binding, now)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('resetMfa removes every passkey', async () => {
    const { userId, authenticator } = await pk.withPasskey();
    await t.gatehouse.resetMfa(userId);
    expect(await t.store.passkeys.countForUser(userId as never)).toBe(0);
    expect((await pk.signIn(authenticator)).reply.status).toBe(401);
  });
});

describe.each(everyStoreKind)('passkeys with userVerification "preferred" (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: { ...PASSKEYS, userVerification: 'preferred' } });
  });
  afterAll(() => t.close());
  const pk = passkeyClient(() => t);

  it('a sign-in without user verification is possession only: amr hwk at aal1; with UV it is aal2', async () => {
    const { authenticator } = await pk.withPasskey();
    const without = await pk.signIn(authenticator, { uv: false });
    expect(without.reply.status).toBe(200);
    expect(without.reply.body.session).toMatchObject({ amr: ['hwk'], aal: 'aal1' });
    const withUv = await pk.signIn(authenticator);
    expect(withUv.reply.body.session).toMatchObject({ amr: ['hwk', 'user'], aal: 'aal2' });
  });

  it('without user verification an account with an authenticator app must pass it too; the passkey cannot be its own second step', async () => {
    const { userId, authenticator, accessToken } = await pk.withPasskey();
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: accessToken });
    const secret = base32Decode(enrol.body.secret);
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token: accessToken,
      body: { code: totpAt(secret, Math.floor(t.clock.now() / 1000)) },
    });
    expect(activated.status).toBe(200);
    const sessions = (await t.store.sessions.listLive(userId as never, t.clock.now())).length;

    const { reply } = await pk.signIn(authenticator, { uv: false });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ mfaRequired: true, mfaToken: expect.any(String) });
    expect([...reply.body.methods].sort()).toEqual(['recovery_code', 'totp']);
    expect((await t.store.sessions.listLive(userId as never, t.clock.now())).length).toBe(sessions);
    const options = await t.request('POST', '/auth/mfa/passkey/options', {
      body: { mfaToken: reply.body.mfaToken },
    });
    expect(options.status).toBe(400);
    expect(options.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');

    t.clock.advance(30_000);
    const done = await t.request('POST', '/auth/mfa/verify', {
      body: {
        mfaToken: reply.body.mfaToken,
        method: 'totp',
        code: totpAt(secret, Math.floor(t.clock.now() / 1000)),
      },
    });
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ amr: ['hwk', 'otp'], aal: 'aal2' });
  });
});

describe.each(everyStoreKind)('passkey notices (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind, { passkeys: PASSKEYS }));
  });
  afterAll(() => close());
  const pk = passkeyClient(() => t);

  it('adding and removing a passkey mail the owner; a passkey sign-in from a new device does too', async () => {
    const email = uniqueEmail('pk-notice');
    const { accessToken, passkeyId, authenticator } = await pk.withPasskey(-7, email);
    const added = await waitForMail(smtp, email, /A passkey was added/);
    expect(added.subject).toBe('A sign-in method was added to your account');

    const { reply } = await pk.signIn(
      authenticator,
      {},
      { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
    );
    expect(reply.status).toBe(200);
    const newDevice = await waitForMail(smtp, email, /was signed in to from/);
    expect(newDevice.subject).toBe('New sign-in to your account');

    const removed = await t.request('DELETE', `/auth/passkeys/${passkeyId}`, { token: accessToken });
    expect(removed.status).toBe(200);
    const mail = await waitForMail(smtp, email, /A passkey was removed/);
    expect(mail.subject).toBe('A sign-in method was removed from your account');
  });
});

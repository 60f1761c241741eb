/**
 * Second factors over HTTP, on SQLite and PostgreSQL: the two-step sign-in with an authenticator
 * app or a recovery code (tokens or cookies, `amr` and `aal` on the session and in the access
 * token, kept by refresh), enrolment and the factor listing, removal, reauthentication, and what
 * bad input gets. The security properties (replay, brute force, skipping the step, races) are in
 * test/security/mfa.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { ORIGIN, openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

const COOKIE = { 'gatehouse-transport': 'cookie', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
const jarOf = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');
const sorted = (values: readonly string[]) => [...values].sort();

describe.each(everyStoreKind)('second factors over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  /** The code of `secret` now, or `steps` steps away. */
  const codeOf = (secret: Uint8Array, steps = 0) =>
    totpAt(secret, Math.floor(t.clock.now() / 1000) + steps * 30);
  /** Moves to the next 30-second step (the previous code is spent) and returns its code. */
  const nextCode = (secret: Uint8Array) => {
    t.clock.advance(30_000);
    return codeOf(secret);
  };
  const signIn = (email: string, headers: Record<string, string> = {}) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD }, headers });
  const verify = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request('POST', '/auth/mfa/verify', { body, headers });
  const liveSessions = async (userId: string) =>
    (await t.store.sessions.listLive(userId as never, t.clock.now())).length;

  /** A fresh account with an active authenticator app, enrolled and activated over HTTP. */
  async function withTotp(email = uniqueEmail('mfa')) {
    const signUp = await t.signUp(email);
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    expect(enrol.status).toBe(200);
    const secret = base32Decode(enrol.body.secret);
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token: signUp.accessToken,
      body: { code: codeOf(secret) },
    });
    expect(activated.status).toBe(200);
    return {
      email,
      userId: signUp.user.id as string,
      secret,
      accessToken: activated.body.accessToken as string,
      recoveryCodes: activated.body.recoveryCodes as string[],
    };
  }

  it('a correct password answers a challenge and no session; the code completes the sign-in with tokens at aal2', async () => {
    const { email, userId, secret } = await withTotp();
    const before = await liveSessions(userId);
    const challenge = await signIn(email);
    expect(challenge.status).toBe(200);
    expect(challenge.body).toEqual({
      mfaRequired: true,
      mfaToken: expect.stringMatching(/^gh_mfa_[\w-]{43}$/),
      methods: expect.any(Array),
      expiresIn: 300,
    });
    expect(sorted(challenge.body.methods)).toEqual(['recovery_code', 'totp']);
    expect(await liveSessions(userId)).toBe(before);

    const done = await verify({ mfaToken: challenge.body.mfaToken, method: 'totp', code: nextCode(secret) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      user: { id: userId, email },
      session: { amr: ['pwd', 'otp'], aal: 'aal2' },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    expect(await liveSessions(userId)).toBe(before + 1);
    const row = (await t.store.sessions.listLive(userId as never, t.clock.now()))[0]!;
    expect(row).toMatchObject({ id: done.body.session.id, amr: ['pwd', 'otp'], aal: 2 });

    const claims = await t.gatehouse.verifyAccessToken(done.body.accessToken);
    expect(claims).toMatchObject({
      sub: userId,
      sid: done.body.session.id,
      amr: ['pwd', 'otp'],
      aal: 'aal2',
    });
    const session = await t.request('GET', '/auth/session', { token: done.body.accessToken });
    expect(session.status).toBe(200);
    expect(session.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });

    const refreshed = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: done.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
    expect(await t.gatehouse.verifyAccessToken(refreshed.body.accessToken)).toMatchObject({
      amr: ['pwd', 'otp'],
      aal: 'aal2',
    });
  });

  it('with cookie transport: no cookie with the challenge; cookies after the code; refresh by cookie keeps aal2', async () => {
    const { email, secret } = await withTotp();
    const challenge = await signIn(email, COOKIE);
    expect(challenge.status).toBe(200);
    expect(challenge.body.mfaRequired).toBe(true);
    expect(challenge.headers.getSetCookie()).toEqual([]);

    const done = await verify(
      { mfaToken: challenge.body.mfaToken, method: 'totp', code: nextCode(secret) },
      COOKIE,
    );
    expect(done.status).toBe(200);
    expect(done.body.accessToken).toBeUndefined();
    expect(done.body.refreshToken).toBeUndefined();
    const cookies = done.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('gh_access='))).toBe(true);
    expect(cookies.some((c) => c.startsWith('gh_refresh='))).toBe(true);
    let jar = jarOf(cookies);
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });

    const refreshed = await t.request('POST', '/auth/refresh', { headers: { ...COOKIE, cookie: jar } });
    expect(refreshed.status).toBe(200);
    jar = jarOf(refreshed.headers.getSetCookie());
    const after = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(after.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
  });

  it('a recovery code completes a sign-in too, recorded as rc', async () => {
    const { email, recoveryCodes } = await withTotp();
    const challenge = await signIn(email);
    const done = await verify({
      mfaToken: challenge.body.mfaToken,
      method: 'recovery_code',
      code: recoveryCodes[0],
    });
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ amr: ['pwd', 'rc'], aal: 'aal2' });
  });

  it('enrolment and the factor listing: pending until activated, re-enrolling replaces the secret, never a secret listed', async () => {
    const signUp = await t.signUp(uniqueEmail('enrol'));
    const token = signUp.accessToken as string;
    const listing = () => t.request('GET', '/auth/mfa', { token });
    expect((await listing()).body).toEqual({
      methods: [],
      factors: expect.objectContaining({ totp: null, recovery_code: { remaining: 0 } }),
    });
    expect(signUp.session).toMatchObject({ amr: ['pwd'], aal: 'aal1' });

    const first = await t.request('POST', '/auth/mfa/totp/enroll', { token });
    expect(first.status).toBe(200);
    expect((await listing()).body.methods).toEqual([]);
    const second = await t.request('POST', '/auth/mfa/totp/enroll', { token });
    expect(second.body.secret).not.toBe(first.body.secret);
    const stale = await t.request('POST', '/auth/mfa/totp/activate', {
      token,
      body: { code: codeOf(base32Decode(first.body.secret)) },
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('INVALID_CODE');

    const secret = base32Decode(second.body.secret);
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token,
      body: { code: codeOf(secret) },
    });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({
      session: { id: signUp.session.id, amr: ['pwd', 'otp'], aal: 'aal2' },
      accessToken: expect.any(String),
      expiresIn: 900,
    });
    expect(activated.body.recoveryCodes).toHaveLength(10);
    expect(await t.gatehouse.verifyAccessToken(activated.body.accessToken)).toMatchObject({ aal: 'aal2' });
    // The session row itself was raised: the token from before the step-up sees aal2 too.
    expect((await t.request('GET', '/auth/session', { token })).body.session.aal).toBe('aal2');

    const after = await listing();
    expect(sorted(after.body.methods)).toEqual(['recovery_code', 'totp']);
    expect(after.body.factors.totp).toEqual({ activatedAt: expect.any(String) });
    expect(after.body.factors.recovery_code).toEqual({ remaining: 10 });
    const text = JSON.stringify(after.body);
    expect(text).not.toContain(second.body.secret);
    for (const code of activated.body.recoveryCodes) expect(text).not.toContain(code);

    const again = await t.request('POST', '/auth/mfa/totp/enroll', { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FACTOR_EXISTS');
    const reactivate = await t.request('POST', '/auth/mfa/totp/activate', {
      token,
      body: { code: nextCode(secret) },
    });
    expect(reactivate.status).toBe(409);
    expect(reactivate.body.error.code).toBe('FACTOR_EXISTS');
  });

  it('removing the authenticator app turns the two-step sign-in off and drops the recovery codes', async () => {
    const { email, accessToken } = await withTotp();
    const removed = await t.request('DELETE', '/auth/mfa/totp', { token: accessToken });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ success: true });
    const listing = await t.request('GET', '/auth/mfa', { token: accessToken });
    expect(listing.body.methods).toEqual([]);
    expect(listing.body.factors.recovery_code).toEqual({ remaining: 0 });
    const direct = await signIn(email);
    expect(direct.status).toBe(200);
    expect(direct.body.mfaRequired).toBeUndefined();
    expect(direct.body.session).toMatchObject({ amr: ['pwd'], aal: 'aal1' });
    const again = await t.request('DELETE', '/auth/mfa/totp', { token: accessToken });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
    const codes = await t.request('POST', '/auth/mfa/recovery-codes', { token: accessToken });
    expect(codes.status).toBe(409);
    expect(codes.body.error.code).toBe('MFA_NOT_ENABLED');
  });

  it('reauthentication: the password moves authenticatedAt; a TOTP code raises an aal1 session to aal2', async () => {
    const email = uniqueEmail('reauth');
    const signUp = await t.signUp(email);
    // Signed in before the app was added: this session stays aal1.
    const older = (await signIn(email)).body;
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    const secret = base32Decode(enrol.body.secret);
    await t.request('POST', '/auth/mfa/totp/activate', {
      token: signUp.accessToken,
      body: { code: codeOf(secret) },
    });
    expect(
      (await t.request('GET', '/auth/session', { token: older.accessToken })).body.session,
    ).toMatchObject({
      amr: ['pwd'],
      aal: 'aal1',
    });

    t.clock.advance(120_000);
    const byPassword = await t.request('POST', '/auth/reauthenticate', {
      token: older.accessToken,
      body: { password: PASSWORD },
    });
    expect(byPassword.status).toBe(200);
    expect(byPassword.body.session).toMatchObject({
      id: older.session.id,
      amr: ['pwd'],
      aal: 'aal1',
      authenticatedAt: new Date(t.clock.now()).toISOString(),
    });

    const byCode = await t.request('POST', '/auth/reauthenticate', {
      token: older.accessToken,
      body: { method: 'totp', code: nextCode(secret) },
    });
    expect(byCode.status).toBe(200);
    expect(byCode.body.session).toMatchObject({ id: older.session.id, amr: ['pwd', 'otp'], aal: 'aal2' });
    expect(await t.gatehouse.verifyAccessToken(byCode.body.accessToken)).toMatchObject({
      sid: older.session.id,
      amr: ['pwd', 'otp'],
      aal: 'aal2',
    });
    expect((await t.request('GET', '/auth/session', { token: older.accessToken })).body.session.aal).toBe(
      'aal2',
    );
  });

  it('reauthentication with cookie transport replaces the access cookie only', async () => {
    const email = uniqueEmail('reauth-cookie');
    await t.signUp(email);
    const signedIn = await signIn(email, COOKIE);
    const jar = jarOf(signedIn.headers.getSetCookie());
    const reply = await t.request('POST', '/auth/reauthenticate', {
      body: { password: PASSWORD },
      headers: { ...COOKIE, cookie: jar },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.accessToken).toBeUndefined();
    const cookies = reply.headers.getSetCookie();
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['gh_access']);
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jarOf(cookies) } });
    expect(session.status).toBe(200);
  });

  it('bad input to verify, reauthenticate and activate is a 400 with a stable code, never a 500, and does not spend the sign-in', async () => {
    const { email, userId, secret, accessToken } = await withTotp();
    const { mfaToken } = (await signIn(email)).body;
    const bodies: unknown[] = [
      {},
      { mfaToken },
      { method: 'totp', code: '123456' },
      { mfaToken, code: '123456' },
      { mfaToken, method: 'totp' },
      { mfaToken, method: 'totp', code: '123456', extra: true },
      { mfaToken, method: 'email', code: '123456' },
      { mfaToken, method: 'TOTP', code: '123456' },
      { mfaToken, method: 'totp', code: 123456 },
      { mfaToken, method: 'totp', code: null },
      { mfaToken, method: 'totp', code: ['123456'] },
      { mfaToken, method: 'totp', code: { code: '123456' } },
      { mfaToken, method: 'totp', code: '1'.repeat(20) },
      { mfaToken, method: 'totp', code: '1'.repeat(65) },
      { mfaToken, method: 'recovery_code', code: 'A'.repeat(65) },
      { mfaToken: 42, method: 'totp', code: '123456' },
      { mfaToken: 'x'.repeat(200), method: 'totp', code: '123456' },
      null,
      [mfaToken, 'totp', '123456'],
      'totp',
    ];
    for (const body of bodies) {
      const reply = await verify(body as Record<string, unknown>);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe('VALIDATION_ERROR');
    }
    const raw = await t.request('POST', '/auth/mfa/verify', { raw: '{"mfaToken": ' });
    expect(raw.status).toBe(400);

    const unknown = await verify({ mfaToken: `gh_mfa_${'A'.repeat(43)}`, method: 'totp', code: '123456' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('INVALID_MFA_TOKEN');

    // A method the account does not have (its recovery codes are gone).
    await t.store.recoveryCodes.removeAll(userId as never);
    const lacking = await verify({ mfaToken, method: 'recovery_code', code: 'ABCD-EFGH-JKMN' });
    expect(lacking.status).toBe(400);
    expect(lacking.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');

    const reauthBodies: unknown[] = [
      {},
      { password: PASSWORD, method: 'totp', code: '123456' },
      { password: 12345678 },
      { method: 'totp', code: 123456 },
      { method: 'carrier-pigeon', code: '123456' },
      { method: 'totp', code: '1'.repeat(65) },
      { password: PASSWORD, extra: 1 },
    ];
    for (const body of reauthBodies) {
      const reply = await t.request('POST', '/auth/reauthenticate', { token: accessToken, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe('VALIDATION_ERROR');
    }
    for (const body of [{}, { code: 123456 }, { code: '1'.repeat(17) }, { code: '123456', x: 1 }]) {
      const reply = await t.request('POST', '/auth/mfa/totp/activate', { token: accessToken, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe('VALIDATION_ERROR');
    }

    // None of it spent the pending sign-in.
    const done = await verify({ mfaToken, method: 'totp', code: nextCode(secret) });
    expect(done.status).toBe(200);
  });

  it('reauthentication with a method the account lacks is MFA_METHOD_UNAVAILABLE', async () => {
    const signUp = await t.signUp(uniqueEmail('lacks'));
    const reply = await t.request('POST', '/auth/reauthenticate', {
      token: signUp.accessToken,
      body: { method: 'totp', code: '123456' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
  });
});

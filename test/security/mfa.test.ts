/**
 * Second factors under attack, on SQLite and PostgreSQL (SECURITY.md MFA-01..05, MFA-07, RST-06):
 * a correct TOTP enrolment sealed at rest, no replay (also by 20 requests at once), a lockout of
 * its own for wrong codes, a pending sign-in that opens nothing and cannot be skipped, raced or
 * moved to another client, single-use race-free recovery codes, recent sign-in and notices for
 * factor changes, and no bypass through a password reset. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { isValidRecoveryCode } from '../../src/crypto/recovery-codes.js';
import { totpAt } from '../../src/crypto/totp.js';
import { en } from '../../src/delivery/locales/en.js';
import {
  ORIGIN,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { outboxDelivered, waitUntil } from '../support/wait.js';

const NEW_PASSWORD = 'a brand new passphrase 77';
const WRONG_PASSWORD = 'definitely not the password';
const COOKIE = { 'gatehouse-transport': 'cookie', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
/** The recovery-code format of recovery-code-format.json: three groups of four, no 0/O/1/I/L. */
const RECOVERY_CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

/** What every suite here does with its instance: users with an authenticator app, and codes. */
function mfaClient(get: () => TestGatehouse) {
  const t = () => get();
  const codeOf = (secret: Uint8Array, steps = 0) =>
    totpAt(secret, Math.floor(t().clock.now() / 1000) + steps * 30);
  /** A code that is wrong now (the one of a step outside the drift window). */
  const wrongCode = (secret: Uint8Array) => {
    const near = [-1, 0, 1].map((s) => codeOf(secret, s));
    for (let s = 5; ; s++) if (!near.includes(codeOf(secret, s))) return codeOf(secret, s);
  };
  const nextCode = (secret: Uint8Array) => {
    t().clock.advance(30_000);
    return codeOf(secret);
  };
  const signIn = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    t().request('POST', '/auth/sign-in/email', { body: { email, password }, headers });
  const challenge = async (email: string, headers: Record<string, string> = {}): Promise<string> => {
    const reply = await signIn(email, PASSWORD, headers);
    expect(reply.status).toBe(200);
    expect(reply.body.mfaRequired).toBe(true);
    return reply.body.mfaToken;
  };
  const verify = (mfaToken: unknown, code: unknown, method = 'totp', headers: Record<string, string> = {}) =>
    t().request('POST', '/auth/mfa/verify', { body: { mfaToken, method, code }, headers });
  const reauth = (token: string, body: unknown) =>
    t().request('POST', '/auth/reauthenticate', { token, body });
  const liveSessions = async (userId: string) =>
    (await t().store.sessions.listLive(userId as never, t().clock.now())).length;
  async function withTotp(email = uniqueEmail('mfa')) {
    const signUp = await t().signUp(email);
    const enrol = await t().request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    expect(enrol.status).toBe(200);
    const secret = base32Decode(enrol.body.secret);
    const activated = await t().request('POST', '/auth/mfa/totp/activate', {
      token: signUp.accessToken,
      body: { code: codeOf(secret) },
    });
    expect(activated.status).toBe(200);
    return {
      email,
      userId: signUp.user.id as string,
      base32: enrol.body.secret as string,
      secret,
      accessToken: activated.body.accessToken as string,
      refreshToken: signUp.refreshToken as string,
      recoveryCodes: activated.body.recoveryCodes as string[],
    };
  }
  return { codeOf, wrongCode, nextCode, signIn, challenge, verify, reauth, liveSessions, withTotp };
}

const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();
const ones = (n: number, first: number, rest: number) => [first, ...Array(n - 1).fill(rest)].sort();

describe.each(storeKinds)('second factors (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());
  const { codeOf, wrongCode, nextCode, signIn, challenge, verify, reauth, liveSessions, withTotp } =
    mfaClient(() => t);

  it('MFA-01: enrolment gives an otpauth URI for SHA1, 6 digits and 30 s with a 160-bit secret, and an SVG QR code; the secret is sealed at rest', async () => {
    const email = uniqueEmail('enrol');
    const signUp = await t.signUp(email);
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    expect(enrol.status).toBe(200);
    const { secret, otpauthUri, qrCodeSvg } = enrol.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Gatehouse:${email}`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret,
      issuer: 'Gatehouse',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(qrCodeSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
    const other = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    expect(other.body.secret).not.toBe(secret);

    const rows = await t.db.rows(`${t.tablePrefix}totp_factors`);
    const row = rows.find((r) => r.user_id === signUp.user.id)!;
    expect(row).toBeDefined();
    const stored = JSON.stringify(rows);
    const bytes = Buffer.from(base32Decode(other.body.secret));
    for (const form of [
      other.body.secret,
      other.body.secret.toLowerCase(),
      bytes.toString('hex'),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]) {
      expect(stored).not.toContain(form);
    }
    expect(String(row.sealed_secret)).not.toBe(other.body.secret);
  });

  it('MFA-01 / MFA-07: the app turns on only after one valid code; a wrong code leaves it pending and the password alone still signs in', async () => {
    const email = uniqueEmail('pending');
    const signUp = await t.signUp(email);
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    const secret = base32Decode(enrol.body.secret);
    const activate = (code: string) =>
      t.request('POST', '/auth/mfa/totp/activate', { token: signUp.accessToken, body: { code } });
    for (const code of [wrongCode(secret), codeOf(secret, 2), codeOf(secret, -2)]) {
      const wrong = await activate(code);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CODE');
    }
    const direct = await signIn(email);
    expect(direct.status).toBe(200);
    expect(direct.body.accessToken).toEqual(expect.any(String));
    expect(direct.body.mfaRequired).toBeUndefined();
    expect((await t.request('GET', '/auth/mfa', { token: signUp.accessToken })).body.methods).toEqual([]);
    // One step of drift is allowed.
    expect((await activate(codeOf(secret, -1))).status).toBe(200);
    expect((await signIn(email)).body.mfaRequired).toBe(true);
  });

  it('MFA-02: the same code twice in one step is refused the second time; after step T was used, codes for T-1 and T-2 are refused', async () => {
    const { email, secret } = await withTotp();
    t.clock.advance(90_000);
    // T-1 is within the drift window and never used: accepted.
    expect((await verify(await challenge(email), codeOf(secret, -1))).status).toBe(200);
    expect((await verify(await challenge(email), codeOf(secret))).status).toBe(200);
    const mfaToken = await challenge(email);
    for (const code of [codeOf(secret), codeOf(secret, -1), codeOf(secret, -2)]) {
      const replay = await verify(mfaToken, code);
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('INVALID_CODE');
    }
    // The same sign-in takes the next step's code.
    expect((await verify(mfaToken, nextCode(secret))).status).toBe(200);
  });

  it('MFA-02: 20 sign-ins presenting the same valid code at once: exactly one succeeds', async () => {
    const { email, userId, secret } = await withTotp();
    const code = nextCode(secret);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => challenge(email)));
    const before = await liveSessions(userId);
    const replies = await Promise.all(tokens.map((mfaToken) => verify(mfaToken, code)));
    expect(statuses(replies)).toEqual(ones(20, 200, 401));
    expect(replies.filter((r) => r.status === 401).every((r) => r.body.error.code === 'INVALID_CODE')).toBe(
      true,
    );
    expect(await liveSessions(userId)).toBe(before + 1);
  });

  it('MFA-02: 20 reauthentications presenting the same valid code at once: exactly one succeeds', async () => {
    const { secret, accessToken } = await withTotp();
    const code = nextCode(secret);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => reauth(accessToken, { method: 'totp', code })),
    );
    expect(statuses(replies)).toEqual(ones(20, 200, 401));
  });

  it('MFA-04: before the second factor nothing grants access: no session row, no cookie, no user.signed_in event', async () => {
    const { email, userId, secret } = await withTotp();
    const signedIn: string[] = [];
    const off = t.gatehouse.on('user.signed_in', (event) => {
      if (event.userId === userId) signedIn.push(event.type);
    });
    try {
      const audit = async (type: 'user.signed_in' | 'mfa.challenged') =>
        (await t.gatehouse.listAuditEvents({ userId, type })).items.length;
      const before = await liveSessions(userId);
      const reply = await signIn(email, PASSWORD, COOKIE);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        mfaRequired: true,
        mfaToken: expect.any(String),
        methods: expect.any(Array),
        expiresIn: 300,
      });
      expect(reply.headers.getSetCookie()).toEqual([]);
      expect(reply.headers.get('set-cookie')).toBeNull();
      expect(await liveSessions(userId)).toBe(before);
      expect(await audit('mfa.challenged')).toBe(1);
      expect(await audit('user.signed_in')).toBe(0);
      expect(signedIn).toEqual([]);

      const done = await verify(reply.body.mfaToken, nextCode(secret), 'totp', COOKIE);
      expect(done.status).toBe(200);
      expect(done.headers.getSetCookie().length).toBe(2);
      expect(await liveSessions(userId)).toBe(before + 1);
      expect(await audit('user.signed_in')).toBe(1);
      await waitUntil(() => signedIn.length === 1, 'the user.signed_in handler');
    } finally {
      off();
    }
  });

  it('MFA-04: the mfaToken opens nothing but the second step: session, me, sessions, refresh, sign-out, factor routes and link routes refuse it', async () => {
    const { email, secret } = await withTotp();
    const mfaToken = await challenge(email);
    for (const [method, path] of [
      ['GET', '/auth/session'],
      ['GET', '/auth/me'],
      ['GET', '/auth/sessions'],
      ['GET', '/auth/mfa'],
      ['GET', '/auth/me/export'],
      ['POST', '/auth/sign-out'],
      ['POST', '/auth/mfa/totp/enroll'],
      ['POST', '/auth/mfa/recovery-codes'],
      ['DELETE', '/auth/mfa/totp'],
    ] as const) {
      const reply = await t.request(method, path, { token: mfaToken });
      expect(reply.status, path).toBe(401);
      expect(reply.body.error.code, path).toBe('INVALID_TOKEN');
    }
    const reauthenticated = await reauth(mfaToken, { password: PASSWORD });
    expect(reauthenticated.status).toBe(401);
    const asAccessCookie = await t.request('GET', '/auth/session', {
      headers: { cookie: `gh_access=${mfaToken}` },
    });
    expect(asAccessCookie.status).toBe(401);
    for (const init of [
      { body: { refreshToken: mfaToken } },
      { headers: { ...COOKIE, cookie: `gh_refresh=${mfaToken}` } },
    ]) {
      const refreshed = await t.request('POST', '/auth/refresh', init);
      expect(refreshed.status).toBe(401);
      expect(refreshed.body.error.code).toBe('INVALID_TOKEN');
    }
    for (const [path, body] of [
      ['/auth/verify-email', { token: mfaToken }],
      ['/auth/reset-password', { token: mfaToken, password: NEW_PASSWORD }],
      ['/auth/confirm-email-change', { token: mfaToken }],
      ['/auth/cancel-email-change', { token: mfaToken }],
    ] as const) {
      const reply = await t.request('POST', path, { body });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code, path).toBe('LINK_INVALID');
    }
    // It still does what it is for.
    expect((await verify(mfaToken, nextCode(secret))).status).toBe(200);
  });

  it('MFA-04: a refresh token, an access token, a link token or a tampered mfaToken is refused as an mfaToken', async () => {
    const { email, secret, accessToken, refreshToken } = await withTotp();
    const link = await mailedLink(smtp, email, 'verify-email');
    const mfaToken = await challenge(email);
    const code = nextCode(secret);
    const tampered = `${mfaToken.slice(0, -1)}${mfaToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [refreshToken, link.token, tampered, mfaToken.slice('gh_mfa_'.length)]) {
      const reply = await verify(token, code);
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_MFA_TOKEN');
    }
    // An access token (a JWT) is longer than any mfaToken: refused as input before any lookup.
    const jwt = await verify(accessToken, code);
    expect(jwt.status).toBe(400);
    expect(jwt.body.error.code).toBe('VALIDATION_ERROR');
    expect((await verify(mfaToken, code)).status).toBe(200);
  });

  it('MFA-04: the mfaToken lives mfa.pendingTtl, works once, and only for the client that started the sign-in', async () => {
    const { email, secret } = await withTotp();
    const expiring = await challenge(email);
    const lasting = await challenge(email);
    t.clock.advance(299_000);
    expect((await verify(lasting, codeOf(secret))).status).toBe(200);
    t.clock.advance(2_000);
    const expired = await verify(expiring, codeOf(secret));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('INVALID_MFA_TOKEN');

    const once = await challenge(email);
    expect((await verify(once, nextCode(secret))).status).toBe(200);
    const twice = await verify(once, nextCode(secret));
    expect(twice.status).toBe(401);
    expect(twice.body.error.code).toBe('INVALID_MFA_TOKEN');

    const agent = { 'user-agent': 'Mozilla/5.0 (the real user)' };
    const bound = await challenge(email, agent);
    const code = nextCode(secret);
    const others: Record<string, string>[] = [{ 'user-agent': 'curl/8.0 (somebody else)' }, {}];
    for (const headers of others) {
      const elsewhere = await verify(bound, code, 'totp', headers);
      expect(elsewhere.status).toBe(401);
      expect(elsewhere.body.error.code).toBe('INVALID_MFA_TOKEN');
    }
    expect((await verify(bound, code, 'totp', agent)).status).toBe(200);
  });

  it('MFA-04: 20 parallel verifications of one mfaToken with the right code: exactly one session', async () => {
    const { email, userId, secret } = await withTotp();
    const mfaToken = await challenge(email);
    const code = nextCode(secret);
    const before = await liveSessions(userId);
    const replies = await Promise.all(Array.from({ length: 20 }, () => verify(mfaToken, code)));
    expect(statuses(replies)).toEqual(ones(20, 200, 401));
    expect(await liveSessions(userId)).toBe(before + 1);
  });

  it('MFA-04: a pending sign-in dies with a suspension while the code is typed', async () => {
    const { email, userId, secret } = await withTotp();
    const mfaToken = await challenge(email);
    await t.gatehouse.suspendUser(userId);
    const reply = await verify(mfaToken, nextCode(secret));
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('INVALID_MFA_TOKEN');
    expect(await liveSessions(userId)).toBe(0);
  });

  it('MFA-03: with the account lockout off, the pending sign-in itself dies after mfa.maxAttempts wrong codes', async () => {
    const { email, secret } = await withTotp();
    const mfaToken = await challenge(email);
    const code = nextCode(secret);
    for (let i = 0; i < 4; i++)
      expect((await verify(mfaToken, wrongCode(secret))).body.error.code).toBe('INVALID_CODE');
    const last = await challenge(email);
    expect((await verify(last, wrongCode(secret))).body.error.code).toBe('INVALID_CODE');
    // Four failures: still alive. The fifth ends it.
    expect((await verify(mfaToken, wrongCode(secret))).body.error.code).toBe('INVALID_CODE');
    const dead = await verify(mfaToken, code);
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('INVALID_MFA_TOKEN');
    // Counted per sign-in: another one with a single failure still completes.
    expect((await verify(last, code)).status).toBe(200);
  });

  it('MFA-05: ten recovery codes in the published format, shown once and stored hashed; a code works once', async () => {
    const { email, userId, recoveryCodes, accessToken } = await withTotp();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) {
      expect(code).toMatch(RECOVERY_CODE);
      expect(isValidRecoveryCode(code)).toBe(true);
    }
    const listing = await t.request('GET', '/auth/mfa', { token: accessToken });
    expect(listing.body.factors.recovery_code).toEqual({ remaining: 10 });
    const shown = JSON.stringify(listing.body);
    const stored = JSON.stringify(await t.db.rows(`${t.tablePrefix}recovery_codes`));
    for (const code of recoveryCodes) {
      expect(shown).not.toContain(code);
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }

    const first = await verify(await challenge(email), recoveryCodes[0], 'recovery_code');
    expect(first.status).toBe(200);
    expect(first.body.session).toMatchObject({ amr: ['pwd', 'rc'], aal: 'aal2' });
    const again = await verify(await challenge(email), recoveryCodes[0], 'recovery_code');
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CODE');
    const viaReauth = await reauth(accessToken, { method: 'recovery_code', code: recoveryCodes[0] });
    expect(viaReauth.status).toBe(401);
    expect(await t.store.recoveryCodes.countUnused(userId as never)).toBe(9);
  });

  it('MFA-05: 2 and then 20 parallel uses of one recovery code: exactly one succeeds each time', async () => {
    const { email, recoveryCodes } = await withTotp();
    for (const [n, code] of [
      [2, recoveryCodes[1]],
      [20, recoveryCodes[2]],
    ] as const) {
      const tokens = await Promise.all(Array.from({ length: n }, () => challenge(email)));
      const replies = await Promise.all(tokens.map((mfaToken) => verify(mfaToken, code, 'recovery_code')));
      expect(statuses(replies), `${n} parallel`).toEqual(ones(n, 200, 401));
    }
  });

  it('MFA-05: regenerating voids the whole old set and shows the new one once', async () => {
    const { email, recoveryCodes, accessToken } = await withTotp();
    expect((await verify(await challenge(email), recoveryCodes[0], 'recovery_code')).status).toBe(200);
    const regenerated = await t.request('POST', '/auth/mfa/recovery-codes', { token: accessToken });
    expect(regenerated.status).toBe(200);
    const fresh = regenerated.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.every(isValidRecoveryCode)).toBe(true);
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    const listing = await t.request('GET', '/auth/mfa', { token: accessToken });
    expect(listing.body.factors.recovery_code).toEqual({ remaining: 10 });
    for (const old of recoveryCodes.slice(1, 4)) {
      expect((await verify(await challenge(email), old, 'recovery_code')).status).toBe(401);
    }
    expect((await verify(await challenge(email), fresh[0], 'recovery_code')).status).toBe(200);
  });

  it('MFA-05: the count left falls with each use, a mail warns when few remain, and case, spaces and hyphens do not matter', async () => {
    const { email, recoveryCodes, accessToken } = await withTotp();
    const remaining = async () =>
      (await t.request('GET', '/auth/mfa', { token: accessToken })).body.factors.recovery_code.remaining;
    const low = () => mailsTo(smtp, email).filter((m) => m.subject === en['recovery-codes-low'].subject);
    const spellings = [
      (c: string) => c.toLowerCase(),
      (c: string) => c.replaceAll('-', ''),
      (c: string) => ` ${c.replaceAll('-', ' ')} `,
      (c: string) => c.toLowerCase().replaceAll('-', ''),
      (c: string) => c,
      (c: string) => `${c.slice(0, 4).toLowerCase()}${c.slice(4)}`,
    ];
    for (const [i, spell] of spellings.entries()) {
      const reply = await reauth(accessToken, { method: 'recovery_code', code: spell(recoveryCodes[i]!) });
      expect(reply.status, spell(recoveryCodes[i]!)).toBe(200);
      expect(await remaining()).toBe(9 - i);
    }
    // Four left: no warning yet.
    await outboxDelivered(t);
    expect(low()).toEqual([]);
    const signedIn = await verify(await challenge(email), recoveryCodes[6]!.toLowerCase(), 'recovery_code');
    expect(signedIn.status).toBe(200);
    expect(await remaining()).toBe(3);
    const mail = await waitForMail(smtp, email, /recovery codes? left|unused codes remain/);
    expect(mail.subject).toBe(en['recovery-codes-low'].subject);
    expect(mail.text).toContain('3 unused codes remain');
    expect(low()).toHaveLength(1);
  });

  it('MFA-07: adding, activating and removing the app and new recovery codes need a recent sign-in; reauthentication lifts it', async () => {
    const email = uniqueEmail('recent');
    const signUp = await t.signUp(email);
    let access = signUp.accessToken as string;
    let refresh = signUp.refreshToken as string;
    /** Lets the sign-in grow stale, then hands out a fresh access token of the same session. */
    const stale = async () => {
      t.clock.advance(601_000);
      const refreshed = await t.request('POST', '/auth/refresh', { body: { refreshToken: refresh } });
      expect(refreshed.status).toBe(200);
      ({ accessToken: access, refreshToken: refresh } = refreshed.body);
    };
    const refused = async (method: string, path: string, body?: unknown) => {
      const reply = await t.request(method, path, { token: access, ...(body ? { body } : {}) });
      expect(reply.status, path).toBe(403);
      expect(reply.body.error.code, path).toBe('REAUTH_REQUIRED');
    };

    t.clock.advance(590_000);
    const young = await t.request('POST', '/auth/mfa/totp/enroll', { token: access });
    expect(young.status).toBe(200);
    await stale();
    await refused('POST', '/auth/mfa/totp/enroll');
    await refused('POST', '/auth/mfa/totp/activate', { code: codeOf(base32Decode(young.body.secret)) });
    expect((await reauth(access, { password: PASSWORD })).status).toBe(200);
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: access });
    expect(enrol.status).toBe(200);
    const secret = base32Decode(enrol.body.secret);

    await stale();
    await refused('POST', '/auth/mfa/totp/activate', { code: codeOf(secret) });
    expect((await reauth(access, { password: PASSWORD })).status).toBe(200);
    expect(
      (await t.request('POST', '/auth/mfa/totp/activate', { token: access, body: { code: codeOf(secret) } }))
        .status,
    ).toBe(200);

    await stale();
    await refused('POST', '/auth/mfa/recovery-codes');
    await refused('DELETE', '/auth/mfa/totp');
    const stepped = await reauth(access, { method: 'totp', code: nextCode(secret) });
    expect(stepped.status).toBe(200);
    expect((await t.request('POST', '/auth/mfa/recovery-codes', { token: access })).status).toBe(200);
    expect((await t.request('DELETE', '/auth/mfa/totp', { token: access })).status).toBe(200);
  });

  it('MFA-07: reauthentication with a wrong password is WRONG_PASSWORD and lifts nothing', async () => {
    const signUp = await t.signUp(uniqueEmail('wrong'));
    t.clock.advance(601_000);
    const wrong = await reauth(signUp.accessToken, { password: WRONG_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    expect(enrol.status).toBe(403);
    expect(enrol.body.error.code).toBe('REAUTH_REQUIRED');
  });

  it('MFA-07: a notice mail follows adding and removing the app and a new set of recovery codes; a pending enrolment sends none', async () => {
    const email = uniqueEmail('notice');
    const signUp = await t.signUp(email);
    const subjects = () => mailsTo(smtp, email).map((m) => m.subject);
    const added = en['mfa-factor-added'].subject;
    const removed = en['mfa-factor-removed'].subject;
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
    await outboxDelivered(t);
    expect(subjects().filter((s) => s === added || s === removed)).toEqual([]);

    const secret = base32Decode(enrol.body.secret);
    await t.request('POST', '/auth/mfa/totp/activate', {
      token: signUp.accessToken,
      body: { code: codeOf(secret) },
    });
    const addedMail = await waitForMail(smtp, email, /An authenticator app was added/);
    expect(addedMail.subject).toBe(added);
    await t.request('POST', '/auth/mfa/recovery-codes', { token: signUp.accessToken });
    const codesMail = await waitForMail(smtp, email, /A new set of recovery codes was added/);
    expect(codesMail.subject).toBe(added);
    await t.request('DELETE', '/auth/mfa/totp', { token: signUp.accessToken });
    const removedMail = await waitForMail(smtp, email, /An authenticator app was removed/);
    expect(removedMail.subject).toBe(removed);
    for (const mail of [addedMail, codesMail, removedMail]) {
      expect(mail.text).not.toContain(enrol.body.secret);
    }
  });

  async function resetPassword(email: string) {
    expect((await t.request('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    const link = await mailedLink(smtp, email, 'reset-password');
    const reset = await t.request('POST', '/auth/reset-password', {
      body: { token: link.token, password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ success: true });
  }

  it('RST-06: after a password reset a TOTP account still needs its second factor: the new password alone gives no session', async () => {
    const { email, userId, secret } = await withTotp();
    await resetPassword(email);
    expect(await liveSessions(userId)).toBe(0);

    const after = await signIn(email, NEW_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      mfaRequired: true,
      mfaToken: expect.any(String),
      methods: expect.any(Array),
      expiresIn: 300,
    });
    expect(after.body.methods).toContain('totp');
    expect(await liveSessions(userId)).toBe(0);
    const done = await verify(after.body.mfaToken, nextCode(secret));
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
  });

  // Regression: a sign-in pending from before the reset was refused only after its code had been
  // checked, so it spent the code's step (the user's next sign-in then failed with it) and
  // answered differently for a right and a wrong code.
  it('RST-06: a sign-in pending from before a reset is void, and refused before its code is looked at', async () => {
    const { email, secret } = await withTotp();
    const before = await challenge(email);
    await resetPassword(email);
    const after = (await signIn(email, NEW_PASSWORD)).body.mfaToken;
    const code = nextCode(secret);
    for (const attempt of [wrongCode(secret), code]) {
      const stale = await verify(before, attempt);
      expect(stale.status).toBe(401);
      expect(stale.body.error.code).toBe('INVALID_MFA_TOKEN');
    }
    const done = await verify(after, code);
    expect(done.status).toBe(200);
  });
});

describe.each(storeKinds)('second-factor lockout (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      lockout: { threshold: 5, baseSeconds: 60, maxSeconds: 3600 },
      mfa: { maxAttempts: 5, lockBaseSeconds: 60 },
      // Route limits out of the way: this suite is about the per-account counts.
      limits: {
        ip: { max: 100_000, window: 60 },
        credentialIp: { max: 100_000, window: 60 },
        mailPerAccount: { max: 100, window: 3600 },
      },
    });
  });
  afterAll(() => t?.close());
  const { codeOf, wrongCode, nextCode, signIn, challenge, verify, reauth, withTotp } = mfaClient(() => t);

  it('MFA-03: after 5 wrong codes the pending sign-in is void and the next code, even the right one, gets 429 with Retry-After', async () => {
    const { email, secret } = await withTotp();
    const first = await challenge(email);
    const code = nextCode(secret);
    for (let i = 0; i < 5; i++) {
      const wrong = await verify(first, wrongCode(secret));
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CODE');
    }
    const voided = await verify(first, code);
    expect(voided.status).toBe(401);
    expect(voided.body.error.code).toBe('INVALID_MFA_TOKEN');

    // The password is not locked by wrong codes: a new challenge comes, but codes stay locked.
    const second = await challenge(email);
    const locked = await verify(second, code);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(locked.headers.get('retry-after')).toBe('60');

    t.clock.advance(61_000);
    const third = await challenge(email);
    expect((await verify(third, codeOf(secret))).status).toBe(200);
  });

  // Regression: with the lockout on, the requests refused with 429 (and the replays) were each
  // counted against the pending sign-in, voided it at mfa.maxAttempts, and the one request whose
  // code had passed then found it void: no session at all, and the code spent.
  it('MFA-04: with the lockout on, 20 parallel verifications of one mfaToken with the right code still give exactly one session', async () => {
    const { email, userId, secret } = await withTotp();
    const mfaToken = await challenge(email);
    const code = nextCode(secret);
    const before = (await t.store.sessions.listLive(userId as never, t.clock.now())).length;
    const replies = await Promise.all(Array.from({ length: 20 }, () => verify(mfaToken, code)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => r.status === 200 || r.status === 401 || r.status === 429)).toBe(true);
    expect((await t.store.sessions.listLive(userId as never, t.clock.now())).length).toBe(before + 1);
  });

  it('MFA-03: wrong codes and wrong passwords count on separate counters', async () => {
    const { email, secret, accessToken } = await withTotp();
    for (let i = 0; i < 5; i++) expect((await signIn(email, WRONG_PASSWORD)).status).toBe(401);
    expect((await signIn(email)).status).toBe(429);
    // Passwords locked; codes are not.
    expect((await reauth(accessToken, { method: 'totp', code: nextCode(secret) })).status).toBe(200);

    t.clock.advance(61_000);
    for (let i = 0; i < 5; i++) {
      expect((await reauth(accessToken, { method: 'totp', code: wrongCode(secret) })).status).toBe(401);
    }
    const locked = await reauth(accessToken, { method: 'totp', code: nextCode(secret) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Codes locked; passwords are not.
    expect((await signIn(email)).body.mfaRequired).toBe(true);
    expect((await reauth(accessToken, { password: PASSWORD })).status).toBe(200);
  });

  it('MFA-03: a lockout reached at sign-in holds for reauthentication, recovery codes and activation too', async () => {
    const { email, secret, accessToken, recoveryCodes } = await withTotp();
    const mfaToken = await challenge(email);
    for (let i = 0; i < 5; i++) expect((await verify(mfaToken, wrongCode(secret))).status).toBe(401);
    const code = nextCode(secret);
    for (const body of [
      { method: 'totp', code },
      { method: 'recovery_code', code: recoveryCodes[0] },
    ]) {
      const reply = await reauth(accessToken, body);
      expect(reply.status, body.method).toBe(429);
      expect(reply.body.error.code).toBe('RATE_LIMITED');
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await verify(await challenge(email), recoveryCodes[0], 'recovery_code')).status).toBe(429);

    // Activation is under the same kind of lockout.
    const other = await t.signUp(uniqueEmail('activate'));
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: other.accessToken });
    const otherSecret = base32Decode(enrol.body.secret);
    const activate = (c: string) =>
      t.request('POST', '/auth/mfa/totp/activate', { token: other.accessToken, body: { code: c } });
    for (let i = 0; i < 5; i++) expect((await activate(wrongCode(otherSecret))).status).toBe(401);
    const lockedActivation = await activate(codeOf(otherSecret));
    expect(lockedActivation.status).toBe(429);
    expect((await reauth(other.accessToken, { password: PASSWORD })).status).toBe(200);
  });
});

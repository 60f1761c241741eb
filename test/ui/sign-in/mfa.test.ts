/**
 * The second step of a page sign-in on SQLite and PostgreSQL: a password for an account with a
 * second factor answers the step's page itself (200, no cookie, the pending `mfaToken` only in
 * hidden fields), offering only the account's methods; a TOTP code, a recovery code or a texted
 * code finishes it with the session's cookies on a 303 to `returnTo`; a wrong code is said at its
 * field; a lockout is a 429 message; an expired sign-in starts again. MFA-04: the pending sign-in
 * is no session anywhere — `/account` sends the browser to sign in, and the token is refused as
 * a bearer or a cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingSms } from '../../../src/delivery/sms/sms-sender.js';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, submit } from '../pages.js';
import {
  accountWithTotp,
  expectSignedInRedirect,
  fieldError,
  hidden,
  sessionOf,
  tokenCookies,
} from './support.js';

const s = signInStrings.en.mfa;

describe.each(storeKinds)('the second step of a page sign-in (%s)', (kind) => {
  let t: TestGatehouse;
  const texts: OutgoingSms[] = [];
  beforeAll(async () => {
    t = await openGatehouse(kind, {}, { smsSender: { send: async (m) => void texts.push(m) } });
  });
  afterAll(() => t.close());

  /** Signs in with the password in a fresh browser; returns the step's page and its hidden fields. */
  async function firstStep(email: string, returnTo?: string) {
    clearBrowser(t);
    await open(t, returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
    const reply = await submit(t, '/sign-in', {
      intent: 'password',
      login: email,
      password: PASSWORD,
      ...(returnTo ? { returnTo } : {}),
    });
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(s.title);
    const mfaToken = hidden(body, 'mfaToken')!;
    expect(mfaToken).toMatch(/^gh_mfa_/);
    return { reply, body, mfaToken, methods: hidden(body, 'methods')! };
  }
  const verify = (
    step: { mfaToken: string; methods: string },
    method: string,
    code: string,
    returnTo?: string,
  ) =>
    submit(t, '/sign-in/mfa', {
      intent: 'verify',
      mfaToken: step.mfaToken,
      methods: step.methods,
      method,
      code,
      ...(returnTo ? { returnTo } : {}),
    });

  it('a password answers the step itself: 200, no cookie, the token in hidden fields only, the account’s methods only', async () => {
    const account = await accountWithTotp(t);
    const step = await firstStep(account.email);
    expect(tokenCookies(step.reply).size).toBe(0);
    expect(step.reply.headers.get('location')).toBeNull();
    expect(step.methods.split(',').sort()).toEqual(['recovery_code', 'totp']);
    expect(step.body).toContain(`<h2 id="totp-title">${s.totpTitle}</h2>`);
    expect(step.body).toContain(`<h2 id="recovery_code-title">${s.recoveryTitle}</h2>`);
    expect(step.body).not.toContain(s.smsTitle);
    expect(step.body).not.toContain('data-webauthn=');
    // Each of the step's forms carries the token; nothing else does.
    const forms = step.body.match(/<form method="post"[\s\S]*?<\/form>/g)!;
    expect(forms).toHaveLength(2);
    expect(step.body.split(step.mfaToken)).toHaveLength(forms.length + 1);
    expect(step.body).toContain('autocomplete="one-time-code"');
  });

  it('a TOTP code finishes it: the session’s cookies on a 303 to returnTo, at aal2', async () => {
    const account = await accountWithTotp(t);
    const step = await firstStep(account.email, '/account/sessions');
    expect(hidden(step.body, 'returnTo')).toBe('/account/sessions');
    const done = await verify(step, 'totp', account.code(), '/account/sessions');
    const cookies = expectSignedInRedirect(done, '/account/sessions');
    const session = await sessionOf(t, cookies);
    expect(session.status).toBe(200);
    expect(session.body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
  });

  it('a wrong code is said at its field (400) and the step goes on; the right one then works', async () => {
    const account = await accountWithTotp(t);
    const step = await firstStep(account.email);
    const right = account.code();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const refused = await verify(step, 'totp', wrong);
    const body = expectSafePage(refused, 400);
    expect(fieldError(body, 'totp-code')).toBe(s.wrongCode);
    expect(body).toContain(`<li><a href="#totp-code">${s.wrongCode}</a></li>`);
    expect(tokenCookies(refused).size).toBe(0);
    expect(hidden(body, 'mfaToken')).toBe(step.mfaToken);
    const empty = await verify(step, 'totp', '  ');
    expect(fieldError(String(empty.body), 'totp-code')).toBe(s.codeMissing);
    const letters = await verify(step, 'totp', 'abcdef');
    expect(letters.status).toBe(400);
    expectSignedInRedirect(await verify(step, 'totp', right), '/account');
  });

  it('a recovery code finishes it once; the same code a second time is refused at its field', async () => {
    const account = await accountWithTotp(t);
    const [code] = account.recoveryCodes;
    const first = await firstStep(account.email);
    const cookies = expectSignedInRedirect(await verify(first, 'recovery_code', code!), '/account');
    expect((await sessionOf(t, cookies)).body.session.amr).toEqual(['pwd', 'rc']);
    const second = await firstStep(account.email);
    const refused = await verify(second, 'recovery_code', code!);
    expect(fieldError(expectSafePage(refused, 400), 'recovery-code')).toBe(s.wrongRecoveryCode);
  });

  it('a texted code: "text me a code" answers the step with the code field, and the code finishes it', async () => {
    const user = await t.gatehouse.signUp({ email: uniqueEmail('page-sms'), password: PASSWORD });
    if (!('accessToken' in user)) throw new Error('expected a session');
    const phone = `+1628555${String(Date.now() % 10_000).padStart(4, '0')}`;
    await t.gatehouse.startPhoneSetup(user.accessToken, phone);
    await t.gatehouse.settled();
    const setupCode = /\b(\d{6})\b/.exec(texts.filter((m) => m.to === phone).at(-1)!.body)![1]!;
    await t.gatehouse.confirmPhone(user.accessToken, setupCode);

    const step = await firstStep(user.user.email!);
    expect(step.methods.split(',')).toContain('sms');
    expect(step.body).toContain(`>${s.smsSend}</button>`);
    expect(step.body).not.toContain('<input id="sms-code"');
    const sent = await submit(t, '/sign-in/mfa', {
      intent: 'send-sms',
      mfaToken: step.mfaToken,
      methods: step.methods,
      method: 'sms',
    });
    const body = expectSafePage(sent, 200);
    expect(body).toContain(`<p role="status">${s.smsSent}</p>`);
    expect(body).toContain('<input id="sms-code" name="code"');
    await t.gatehouse.settled();
    const code = /\b(\d{6})\b/.exec(texts.filter((m) => m.to === phone).at(-1)!.body)![1]!;
    const wrong = await verify(step, 'sms', String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    expect(fieldError(expectSafePage(wrong, 400), 'sms-code')).toBe(s.wrongCode);
    const cookies = expectSignedInRedirect(await verify(step, 'sms', code), '/account');
    expect((await sessionOf(t, cookies)).body.session.amr).toEqual(['pwd', 'sms']);
  });

  it('MFA-04: the pending sign-in is no session: /account sends the browser to sign in, the token opens nothing', async () => {
    const account = await accountWithTotp(t);
    const step = await firstStep(account.email);
    // The browser holds no token cookie at all: /account goes through the resume to sign-in.
    const account1 = await open(t, '/account');
    expect(account1.status).toBe(303);
    expect(account1.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount');
    const resumed = await open(t, '/auth/refresh/resume?returnTo=%2Faccount');
    expect(resumed.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
    expect(tokenCookies(account1).size).toBe(0);
    // Nor does the token work where a session's would: a cookie, a bearer, a refresh token.
    const asCookie = await t.request('GET', '/account', {
      headers: { cookie: `gh_access=${step.mfaToken}` },
    });
    expect(asCookie.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount');
    expect((await t.request('GET', '/auth/me', { token: step.mfaToken })).status).toBe(401);
    expect((await sessionOf(t, new Map([['gh_access', step.mfaToken]]))).status).toBe(401);
    const refresh = await t.request('POST', '/auth/refresh', { body: { refreshToken: step.mfaToken } });
    expect(refresh.status).toBeGreaterThanOrEqual(400);
    expect(refresh.status).toBeLessThan(500);
    // The step still finishes afterwards: nothing above spent it.
    expectSignedInRedirect(await verify(step, 'totp', account.code()), '/account');
  });

  it('an expired or finished sign-in starts again; a GET of the step goes to sign in', async () => {
    const account = await accountWithTotp(t);
    const step = await firstStep(account.email);
    t.clock.advance(301_000);
    const expired = await verify(step, 'totp', account.code());
    expect(heading(expired)).toBe(s.expired.title);
    expect(expectSafePage(expired, 400)).toContain(`<a href="/sign-in">${s.signInAgain}</a>`);
    expect(tokenCookies(expired).size).toBe(0);
    const forged = await verify({ mfaToken: `gh_mfa_${'A'.repeat(43)}`, methods: 'totp' }, 'totp', '123456');
    expect(heading(forged)).toBe(s.expired.title);
    const get = await open(t, '/sign-in/mfa?returnTo=%2Faccount%2Femail');
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount%2Femail');
  });

  it('in German for Accept-Language: de', async () => {
    const account = await accountWithTotp(t);
    clearBrowser(t);
    const de = signInStrings.de.mfa;
    await open(t, '/sign-in', { 'accept-language': 'de' });
    const reply = await submit(
      t,
      '/sign-in',
      { intent: 'password', login: account.email, password: PASSWORD },
      { ...SAME_ORIGIN, 'accept-language': 'de' },
    );
    expect(heading(reply)).toBe(de.title);
    expect(String(reply.body)).toContain(de.totpLabel);
  });
});

describe.each(storeKinds)('the second step under the account’s lockout (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: 10_000, window: 60 } },
      mfa: { maxAttempts: 2, lockBaseSeconds: 180 },
    });
  });
  afterAll(() => t.close());

  it('too many wrong codes: a 429 message with the wait, the right code included', async () => {
    const account = await accountWithTotp(t);
    const steps = async () => {
      clearBrowser(t);
      await open(t, '/sign-in');
      const reply = await submit(t, '/sign-in', {
        intent: 'password',
        login: account.email,
        password: PASSWORD,
      });
      const body = String(reply.body);
      return { mfaToken: hidden(body, 'mfaToken')!, methods: hidden(body, 'methods')! };
    };
    const step = await steps();
    const right = account.code();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const post = (st: { mfaToken: string; methods: string }, code: string) =>
      submit(t, '/sign-in/mfa', { intent: 'verify', method: 'totp', code, ...st });
    expect((await post(step, wrong)).status).toBe(400);
    expect((await post(step, wrong)).status).toBe(400);
    const again = await steps();
    const locked = await post(again, right);
    const body = expectSafePage(locked, 429);
    expect(fieldError(body, 'totp-code')).toBe(s.locked(3));
    expect(tokenCookies(locked).size).toBe(0);
  });
});

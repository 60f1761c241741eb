/**
 * `/account/reauth` on SQLite and PostgreSQL: after the password or an authenticator code the
 * browser's access cookie alone is replaced with one that records the fresh sign-in (a factor
 * change refused before is accepted after), and the browser goes back to `returnTo` — a path on
 * this server only; a wrong or missing password or code comes back next to its field; the page
 * offers exactly the second factors the account has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../../src/crypto/base32.js';
import { totpAt } from '../../../src/crypto/totp.js';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, open, submit } from '../pages.js';
import { fieldError, signedInUser } from './account.js';
import { passwordlessUser } from './passwordless-user.js';

const s = accountStrings.en.reauth;

/** The access token a reply set as the access cookie, if it set one. */
const accessCookie = (reply: { headers: Headers }) =>
  reply.headers
    .getSetCookie()
    .map((c) => /^(?:__Host-)?gh_access=([^;]+);/.exec(c)?.[1])
    .find(Boolean);

describe.each(storeKinds)('the reauthentication page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const stale = () => t.clock.advance((t.gatehouse.settings.mfa.reauthMaxAge + 60) * 1000);
  const enrolStatus = async (token: string) =>
    (await t.request('POST', '/auth/mfa/totp/enroll', { token })).status;

  it('the password: a fresh access cookie, then back to returnTo', async () => {
    const user = await signedInUser(t, 'reauth-password');
    stale();
    expect(await enrolStatus(user.accessToken)).toBe(403);
    const form = expectSafePage(await open(t, '/account/reauth?returnTo=%2Faccount%2Fsecurity'), 200);
    expect(form).toContain('<input type="hidden" name="returnTo" value="/account/security">');
    expect(form).not.toContain(s.factorHeading);

    const posted = await submit(t, '/account/reauth', {
      method: 'password',
      password: PASSWORD,
      returnTo: '/account/security',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/security');
    const fresh = accessCookie(posted);
    expect(fresh).toBeTruthy();
    expect(posted.headers.getSetCookie().some((c) => c.includes('gh_refresh='))).toBe(false);
    expect(await enrolStatus(fresh!)).toBe(200);
  });

  it('an account without a password is not asked for one: it signs out and in again, coming back here', async () => {
    await passwordlessUser(t, 'reauth-no-password');
    const body = expectSafePage(await open(t, '/account/reauth?returnTo=%2Faccount%2Fpassword'), 200);
    expect(body).not.toContain('id="reauth-password"');
    expect(body).toContain(s.signInAgainIntro);
    const back = `/sign-in?returnTo=${encodeURIComponent('/account/password')}`;
    expect(body).toContain(`<input type="hidden" name="returnTo" value="${back}">`);
    const out = await submit(t, '/sign-out', { returnTo: back });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(`${back}&result=signed-out`);
    // An account with a password is offered the password form, and no sign-out.
    await signedInUser(t, 'reauth-with-password');
    const withPassword = expectSafePage(await open(t, '/account/reauth'), 200);
    expect(withPassword).toContain('id="reauth-password"');
    expect(withPassword).not.toContain(s.signInAgainIntro);
  });

  it('returnTo leads only to a path on this server, never back here', async () => {
    await signedInUser(t, 'reauth-return');
    for (const target of [
      'https://evil.example/',
      '//evil.example/x',
      '/account/reauth?returnTo=/x',
      'javascript:alert(1)',
    ]) {
      const page = expectSafePage(
        await open(t, `/account/reauth?returnTo=${encodeURIComponent(target)}`),
        200,
      );
      expect(page, target).toContain('<input type="hidden" name="returnTo" value="/account">');
      const posted = await submit(t, '/account/reauth', {
        method: 'password',
        password: PASSWORD,
        returnTo: target,
      });
      expect(posted.headers.get('location'), target).toBe('/account');
    }
  });

  it('a missing or wrong password comes back next to its field, and no cookie is set', async () => {
    await signedInUser(t, 'reauth-wrong');
    await open(t, '/account/reauth');
    const missing = await submit(t, '/account/reauth', {
      method: 'password',
      password: '',
      returnTo: '/account',
    });
    expectSafePage(missing, 400);
    expect(fieldError(missing, 'reauth-password')).toBe(s.passwordMissing);
    const wrong = await submit(t, '/account/reauth', {
      method: 'password',
      password: 'certainly not it',
      returnTo: '/account',
    });
    expectSafePage(wrong, 403);
    expect(fieldError(wrong, 'reauth-password')).toBe(s.passwordWrong);
    expect(accessCookie(wrong)).toBeUndefined();
  });

  it('an authenticator code: offered when the account has one; a wrong one is refused, the right one works', async () => {
    const user = await signedInUser(t, 'reauth-totp');
    const enrolment = await t.gatehouse.enrollTotp(user.accessToken);
    const secret = base32Decode(enrolment.secret);
    const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
    await t.gatehouse.activateTotp(user.accessToken, code());
    stale();

    const form = expectSafePage(await open(t, '/account/reauth?returnTo=%2Faccount%2Fsecurity'), 200);
    expect(form).toContain(s.factorHeading);
    expect(form).toContain(s.totpLabel);
    expect(form).toContain(s.recoveryLabel);
    expect(form).not.toContain(s.smsSend);

    const wrong = await submit(t, '/account/reauth', {
      method: 'totp',
      code: '000000',
      returnTo: '/account/security',
    });
    expectSafePage(wrong, 400);
    expect(fieldError(wrong, 'reauth-totp')).toBe(s.codeWrong);

    const posted = await submit(t, '/account/reauth', {
      method: 'totp',
      code: code(),
      returnTo: '/account/security',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/security');
    const fresh = accessCookie(posted)!;
    const session = (await t.request('GET', '/auth/session', { token: fresh })).body.session;
    expect(session.aal).toBe('aal2');
    expect(await enrolStatus(fresh)).not.toBe(403);
  });
});

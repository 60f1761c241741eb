/**
 * `/account/password` on SQLite and PostgreSQL: a change with the right current password signs
 * every other device out and keeps this browser signed in with new cookies (the old tokens die
 * with the old session), and the page says so; a wrong current password, a missing one and a new
 * password the policy refuses each come back next to their field, with nothing changed. An
 * account without a password sets a first one on the same page (a recent sign-in needed); one
 * with a password is never offered that, however this browser signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { en as pageStrings } from '../../../src/ui/locales/en.js';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, follow, heading, open, signInBrowser, submit } from '../pages.js';
import {
  fieldError,
  impersonatedBrowser,
  otherDevice,
  sessionStatus,
  signedInUser,
  statusText,
} from './account.js';
import { magicLinkSignIn, passwordlessUser } from './passwordless-user.js';

const s = accountStrings.en.password;
const NEW_PASSWORD = 'a fresh passphrase for the account page';

describe.each(storeKinds)('the password page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const signIn = (email: string, password: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });

  it('changes the password: other devices are signed out, this browser gets new cookies and stays', async () => {
    const user = await signedInUser(t, 'pw-change');
    const phone = await otherDevice(t, user.email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)');
    const form = expectSafePage(await open(t, '/account/password'), 200);
    expect(form).toContain(s.intro);
    expect(form).toContain(s.newHint(t.gatehouse.settings.passwordMinLength));
    expect(form).not.toContain(s.noPassword);

    const posted = await submit(t, '/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/password?result=changed');
    const cookies = posted.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/gh_access=[\w.-]{20,};/);
    expect(cookies).toMatch(/gh_refresh=[\w-]{20,};/);

    const done = await follow(t, '/account/password', posted);
    expectSafePage(done, 200);
    expect(statusText(done)).toBe(s.changed);
    expect(await sessionStatus(t, phone)).toBe(401);
    expect(await sessionStatus(t, user.accessToken)).toBe(401);
    // The browser is signed in with its new cookies.
    expect(heading(await open(t, '/account/sessions'))).toBe(accountStrings.en.sessions.title);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
  });

  it('a wrong current password comes back next to its field; nothing changes, nobody is signed out', async () => {
    const user = await signedInUser(t, 'pw-wrong');
    const phone = await otherDevice(t, user.email, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
    await open(t, '/account/password');
    const refused = await submit(t, '/account/password', {
      currentPassword: 'not the password at all',
      newPassword: NEW_PASSWORD,
    });
    expectSafePage(refused, 403);
    expect(fieldError(refused, 'current-password')).toBe(s.currentWrong);
    expect(fieldError(refused, 'new-password')).toBe('');
    expect(await sessionStatus(t, phone)).toBe(200);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);

    const missing = await submit(t, '/account/password', { currentPassword: '', newPassword: NEW_PASSWORD });
    expectSafePage(missing, 400);
    expect(fieldError(missing, 'current-password')).toBe(s.currentMissing);
  });

  it('a new password the policy refuses comes back next to its field with the rule it broke', async () => {
    const user = await signedInUser(t, 'pw-weak');
    await open(t, '/account/password');
    const short = await submit(t, '/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expectSafePage(short, 400);
    expect(fieldError(short, 'new-password')).toBe(
      pageStrings.form.passwordTooShort(t.gatehouse.settings.passwordMinLength),
    );
    const common = await submit(t, '/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'password12345678',
    });
    expectSafePage(common, 400);
    expect(fieldError(common, 'new-password')).toBe(pageStrings.form.passwordRefused);
    expect(fieldError(common, 'current-password')).toBe('');
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
  });

  it('a user with a password who signed in another way (a mailed link) gets the change form, not a set-first offer', async () => {
    const user = await signedInUser(t, 'pw-by-link');
    // Verified: a mailed link to an unverified account drops its password (pre-hijacking).
    await t.gatehouse.updateUser(user.userId, { emailVerified: true });
    const byLink = await magicLinkSignIn(t, user.email, user.userId);
    expect(byLink.session).toMatchObject({ amr: ['email'] });
    clearBrowser(t);
    signInBrowser(t, byLink);
    const page = await open(t, '/account/password');
    const body = expectSafePage(page, 200);
    expect(heading(page)).toBe(s.title);
    expect(body).not.toContain(s.noPassword);
    expect(body).not.toContain(s.setFirst);
    expect(body).toContain('name="currentPassword"');
  });

  it('an account without a password sets a first one: no current password asked, then it signs in with it', async () => {
    const user = await passwordlessUser(t, 'pw-first');
    const phone = (await magicLinkSignIn(t, user.email, user.userId)).accessToken;
    const form = await open(t, '/account/password');
    const body = expectSafePage(form, 200);
    expect(heading(form)).toBe(s.setTitle);
    expect(body).toContain(s.noPassword);
    expect(body).not.toContain('name="currentPassword"');

    const weak = await submit(t, '/account/password', { newPassword: 'short' });
    expectSafePage(weak, 400);
    expect(fieldError(weak, 'new-password')).toBe(
      pageStrings.form.passwordTooShort(t.gatehouse.settings.passwordMinLength),
    );

    const posted = await submit(t, '/account/password', { newPassword: NEW_PASSWORD });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/password?result=set');
    const done = await follow(t, '/account/password', posted);
    expectSafePage(done, 200);
    expect(statusText(done)).toBe(s.set);
    // Now there is a password: the page offers to change it.
    expect(heading(done)).toBe(s.title);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
    expect(await sessionStatus(t, phone)).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('setting a first password needs a recent sign-in: an old one is sent to confirm it is them', async () => {
    await passwordlessUser(t, 'pw-first-stale');
    await open(t, '/account/password');
    t.clock.advance((t.gatehouse.settings.mfa.reauthMaxAge + 1) * 1000);
    const stale = await submit(t, '/account/password', { newPassword: NEW_PASSWORD });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toMatch(/^\/account\/reauth\?/);
  });

  it('an operator acting as a user with a password is refused the change', async () => {
    await impersonatedBrowser(t, 'pw-imp');
    const body = expectSafePage(await open(t, '/account/password'), 200);
    expect(body).not.toContain(s.noPassword);
    const refused = await submit(t, '/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expectSafePage(refused, 403);
  });
});

/**
 * The account pages as a whole, on SQLite and PostgreSQL: each one shown to a signed-in user
 * (safe headers, its heading, the account navigation with the page marked current); without a
 * session each sends the browser through the session resume and on to sign-in with `returnTo`;
 * an access cookie that expired is renewed from the refresh cookie on the way; a form posted
 * with another session's CSRF token is refused (403); the pages speak German when asked; and an
 * operator's impersonated session gets a clear refusal, never a 500, from every form that is the
 * user's alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { en as pageStrings } from '../../../src/ui/locales/en.js';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, follow, heading, open, signInBrowser, submit } from '../pages.js';
import { alertText, currentNavLink, impersonatedBrowser, sessionStatus, signedInUser } from './account.js';

const en = accountStrings.en;
const de = accountStrings.de;

/** Every account page for signed-in users: path, heading, the navigation entry marked current. */
const PAGES: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ['/account', en.profile.title, '/account'],
  ['/account/password', en.password.title, '/account/password'],
  ['/account/email', en.email.title, '/account/email'],
  ['/account/sessions', en.sessions.title, '/account/sessions'],
  ['/account/apps', en.apps.title, '/account/apps'],
  ['/account/data', en.data.title, '/account/data'],
  ['/account/delete', en.deleteAccount.title, '/account/data'],
  ['/account/reauth', en.reauth.title, undefined],
];

const csrfOf = (body: unknown) => /<input type="hidden" name="csrf" value="([^"]*)">/.exec(String(body))?.[1];

describe.each(storeKinds)('the account pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  it('each page is shown to a signed-in user, in the account navigation with itself marked', async () => {
    await signedInUser(t, 'acct-pages');
    for (const [path, title, current] of PAGES) {
      const reply = await open(t, path);
      const body = expectSafePage(reply, 200);
      expect(heading(reply), path).toBe(title);
      expect(currentNavLink(reply), path).toBe(current);
      for (const link of ['/account/security', '/account/identities', '/account/tokens'])
        expect(body, path).toContain(`<a href="${link}"`);
      expect(body).toContain(`<nav class="gh-nav" aria-label="${en.nav.label}">`);
      // Every form on it carries the CSRF token.
      const forms = body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      for (const form of forms) expect(form, path).toContain('name="csrf"');
    }
  });

  it('without a session, each page goes through the session resume to sign-in, with returnTo', async () => {
    clearBrowser(t);
    for (const [path] of PAGES) {
      const first = await open(t, path);
      expect(first.status, path).toBe(303);
      expect(first.headers.get('location')).toBe(`/auth/refresh/resume?returnTo=${encodeURIComponent(path)}`);
      const resumed = await follow(t, path, first);
      expect(resumed.status).toBe(303);
      expect(resumed.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    // A form posted without a session is not run either.
    const posted = await submit(t, '/account', { name: 'Nobody' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount');
  });

  it('an expired access cookie is renewed from the refresh cookie, and the page comes back', async () => {
    const user = await signedInUser(t, 'acct-resume');
    t.clock.advance((t.gatehouse.settings.accessTokenTtl + 60) * 1000);
    const first = await open(t, '/account/sessions');
    expect(first.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount%2Fsessions');
    const resumed = await follow(t, '/account/sessions', first);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get('location')).toBe('/account/sessions');
    const back = await follow(t, '/auth/refresh/resume', resumed);
    expectSafePage(back, 200);
    expect(heading(back)).toBe(en.sessions.title);
    expect(await sessionStatus(t, user.accessToken)).toBe(401);
  });

  it('a form posted with a CSRF token from another session is refused with 403, and nothing changes', async () => {
    const first = await signedInUser(t, 'acct-csrf-a');
    const stolen = csrfOf((await open(t, '/account')).body);
    expect(stolen).toBeTruthy();
    // The same browser (same form cookie), now signed in as someone else.
    const second = await t.signUp();
    signInBrowser(t, second);
    const refused = await submit(t, '/account', { name: 'Forged', csrf: stolen! });
    expectSafePage(refused, 403);
    expect(heading(refused)).toBe(pageStrings.errors.formExpired.title);
    const me = (await t.request('GET', '/auth/me', { token: second.accessToken })).body;
    expect(me.name).toBeNull();
    // The token this session's page shows does work: the refusal was about the token.
    const own = csrfOf((await open(t, '/account')).body);
    expect(own).not.toBe(stolen);
    const saved = await submit(t, '/account', { name: 'Own', csrf: own! });
    expect(saved.status).toBe(303);
    expect((await t.request('GET', '/auth/me', { token: second.accessToken })).body.name).toBe('Own');
    expect((await t.request('GET', '/auth/me', { token: first.accessToken })).body.name).toBeNull();
  });

  it('the pages are in German for a browser that prefers it, and for a profile that says so', async () => {
    await signedInUser(t, 'acct-de');
    const byBrowser = await open(t, '/account/sessions', { 'accept-language': 'de-DE,de;q=0.9' });
    const body = expectSafePage(byBrowser, 200);
    expect(heading(byBrowser)).toBe(de.sessions.title);
    expect(body).toContain('<html lang="de">');
    expect(body).toContain(`aria-label="${de.nav.label}"`);
    expect(body).toContain(de.sessions.thisDevice);

    const german: Record<string, string> = {
      '/account': de.profile.title,
      '/account/password': de.password.title,
      '/account/email': de.email.title,
      '/account/apps': de.apps.title,
      '/account/data': de.data.title,
      '/account/delete': de.deleteAccount.title,
      '/account/reauth': de.reauth.title,
    };
    for (const [path, title] of Object.entries(german)) {
      const reply = await open(t, path, { 'accept-language': 'de' });
      expectSafePage(reply, 200);
      expect(heading(reply), path).toBe(title);
    }

    await open(t, '/account');
    expect((await submit(t, '/account', { locale: 'de' })).status).toBe(303);
    const byProfile = await open(t, '/account/password', { 'accept-language': 'en' });
    expect(heading(byProfile)).toBe(de.password.title);
  });

  it('an impersonated session: the owner-only forms answer 403 with a clear message, never a 500', async () => {
    await impersonatedBrowser(t, 'acct-impersonated');
    const message = `${en.impersonated.title} ${en.impersonated.body}`;
    const forms: ReadonlyArray<readonly [string, Record<string, string>]> = [
      ['/account/password', { currentPassword: PASSWORD, newPassword: 'an entirely new passphrase 7' }],
      ['/account/email', { newEmail: 'taken-over@example.com', password: PASSWORD }],
      ['/account/data', {}],
      ['/account/delete', { password: PASSWORD, confirm: 'yes' }],
      ['/account/reauth', { method: 'password', password: PASSWORD }],
    ];
    for (const [path, fields] of forms) {
      await open(t, path);
      const reply = await submit(t, path, fields);
      expectSafePage(reply, 403);
      expect(alertText(reply), path).toBe(message);
    }
    // Looking around and ordinary profile edits work.
    expectSafePage(await open(t, '/account/sessions'), 200);
    await open(t, '/account');
    expect((await submit(t, '/account', { displayName: 'Edited by support' })).status).toBe(303);
  });
});

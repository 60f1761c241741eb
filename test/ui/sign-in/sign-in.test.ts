/**
 * The `/sign-in` page on SQLite and PostgreSQL, through `handler(Request)` like a browser: a
 * password sign-in sets the API's cookies on a 303 to `returnTo` (default `/account`), by email
 * or by username; a wrong password answers the form again (400, no cookie); `returnTo` off this
 * server is never followed (RED-01); a cross-site post or one without the right CSRF token is
 * refused before anything runs (CSRF-01); someone signed in is sent on; a provider's refusal
 * comes back as a message; German for `Accept-Language: de`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/locales/en.js';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, submit } from '../pages.js';
import { expectSignedInRedirect, fieldError, hidden, sessionOf, tokenCookies } from './support.js';

const s = signInStrings.en;
const PATH = '/sign-in';

/** RED-01's spellings of somewhere else, and a target that would loop back to signing in. */
const ELSEWHERE = [
  'https://evil.tld',
  '//evil.tld',
  '/\\evil.tld',
  'https:evil.tld',
  'javascript:alert(1)',
  'https://app.tld@evil.tld',
  '%2F%2Fevil.tld',
  'http://[',
  '/\t/evil.tld',
  '/sign-in',
];

describe.each(storeKinds)('the sign-in page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const signInAs = (login: string, password: string, extra: Record<string, string> = {}) =>
    submit(t, PATH, { intent: 'password', login, password, ...extra });
  const liveSessions = async (email: string) => {
    const user = await t.store.users.findByEmail(email);
    return user ? (await t.store.sessions.listLive(user.id, t.clock.now())).length : 0;
  };

  it('shows the password form, the ways in the instance offers and the links, under the page rules', async () => {
    clearBrowser(t);
    const reply = await open(t, PATH);
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(s.signIn.title);
    // Usernames are allowed by the default app: the login field takes either.
    expect(body).toContain(`<label for="login">${s.signIn.loginLabel}</label>`);
    expect(body).toContain('autocomplete="current-password"');
    expect(body).toContain('<a href="/forgot-password">');
    expect(body).toContain(`<a href="/sign-up">${s.signIn.signUp}</a>`);
    // The passkey form waits, hidden, for the script; passwordless mail is on by default.
    expect(body).toMatch(/<form method="post" action="\/sign-in" hidden[^>]*data-webauthn="get"/);
    expect(body).toContain('data-webauthn-options="/auth/sign-in/passkey/options"');
    expect(body).toContain(
      `<button type="submit" name="intent" value="magic-link" class="gh-button-secondary">${s.signIn.sendLink}</button>`,
    );
    // Every form posting here carries the CSRF token.
    const forms = body.match(/<form method="post"[\s\S]*?<\/form>/g)!;
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) expect(form).toMatch(/<input type="hidden" name="csrf" value="[^"]+">/);
  });

  it('a password sign-in sets the session cookies and goes to returnTo; without one, to /account', async () => {
    const email = uniqueEmail('page-signin');
    await t.signUp(email);
    clearBrowser(t);
    const form = await open(t, `${PATH}?returnTo=${encodeURIComponent('/account/sessions?tab=1')}`);
    expect(hidden(String(form.body), 'returnTo')).toBe('/account/sessions?tab=1');
    const posted = await signInAs(email, PASSWORD, { returnTo: '/account/sessions?tab=1' });
    const cookies = expectSignedInRedirect(posted, '/account/sessions?tab=1');
    const session = await sessionOf(t, cookies);
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(email);
    expect(session.body.session.amr).toEqual(['pwd']);

    clearBrowser(t);
    expectSignedInRedirect(await signInAs(email, PASSWORD), '/account');
  });

  it('a wrong password answers the form again: 400, the message at the field and in the summary, no cookie, no session', async () => {
    const email = uniqueEmail('page-wrong');
    await t.signUp(email);
    const before = await liveSessions(email);
    clearBrowser(t);
    const reply = await signInAs(email, 'not the password at all');
    const body = expectSafePage(reply, 400);
    expect(fieldError(body, 'password')).toBe(s.errors.invalidCredentials);
    expect(body).toContain(`<li><a href="#password">${s.errors.invalidCredentials}</a></li>`);
    expect(body).toContain('aria-invalid="true"');
    // The login is shown again; the password never is.
    expect(body).toContain(`value="${email}"`);
    expect(body).not.toContain('not the password at all');
    expect(tokenCookies(reply).size).toBe(0);
    expect(await liveSessions(email)).toBe(before);

    // An unknown account reads exactly the same.
    const unknown = await signInAs(uniqueEmail('nobody'), 'not the password at all');
    expect(unknown.status).toBe(400);
    expect(fieldError(String(unknown.body), 'password')).toBe(s.errors.invalidCredentials);
  });

  it('missing and malformed fields are said at each field before any operation runs', async () => {
    clearBrowser(t);
    const empty = await signInAs('', '');
    const body = expectSafePage(empty, 400);
    expect(fieldError(body, 'login')).toBe(s.errors.loginMissing);
    expect(fieldError(body, 'password')).toBe(s.errors.passwordMissing);
    const malformed = await signInAs('not an address@', PASSWORD);
    expect(fieldError(String(malformed.body), 'login')).toBe(s.errors.emailInvalid);
    const badName = await signInAs('no', PASSWORD);
    expect(fieldError(String(badName.body), 'login')).toBe(s.errors.usernameInvalid);
  });

  it('a username signs in through the same field, in any spelling of it', async () => {
    const username = `page_${Date.now().toString(36)}`;
    await t.gatehouse.signUpWithUsername({ username, password: PASSWORD });
    clearBrowser(t);
    const cookies = expectSignedInRedirect(
      await signInAs(` ${username.toUpperCase()} `, PASSWORD),
      '/account',
    );
    const session = await sessionOf(t, cookies);
    expect(session.body.user.username).toBe(username);
  });

  it.each(ELSEWHERE)(
    'RED-01: returnTo %j is never followed, on the form or after the sign-in',
    async (target) => {
      const email = uniqueEmail('page-red');
      await t.signUp(email);
      clearBrowser(t);
      const form = await open(t, `${PATH}?returnTo=${encodeURIComponent(target)}`);
      const body = expectSafePage(form, 200);
      expect(hidden(body, 'returnTo')).toBeUndefined();
      expect(body).not.toContain('evil.tld');
      const posted = await signInAs(email, PASSWORD, { returnTo: target });
      expectSignedInRedirect(posted, '/account');
    },
  );

  it('a passkey answer that is no assertion, or not JSON at all, is refused at the passkey button (400), no cookie', async () => {
    clearBrowser(t);
    for (const response of [
      '',
      'not json',
      JSON.stringify({ id: 'x', rawId: 'x', type: 'public-key', response: {} }),
    ]) {
      const reply = await submit(t, PATH, { intent: 'passkey', response });
      const body = expectSafePage(reply, 400);
      expect(fieldError(body, 'passkey-button')).toBe(s.errors.passkeyRejected);
      expect(tokenCookies(reply).size).toBe(0);
    }
  });

  it('someone already signed in is sent straight on to returnTo', async () => {
    const email = uniqueEmail('page-already');
    await t.signUp(email);
    clearBrowser(t);
    await signInAs(email, PASSWORD);
    const again = await open(t, `${PATH}?returnTo=${encodeURIComponent('/account/email')}`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/account/email');
    const evil = await open(t, `${PATH}?returnTo=${encodeURIComponent('//evil.tld')}`);
    expect(evil.headers.get('location')).toBe('/account');
  });

  it('CSRF-01: a cross-site post is refused 403 before anything runs: no cookie, no session', async () => {
    const email = uniqueEmail('page-csrf');
    await t.signUp(email);
    const before = await liveSessions(email);
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.tld' },
      { origin: 'https://evil.tld' },
      {} as Record<string, string>,
    ]) {
      clearBrowser(t);
      await open(t, PATH);
      const refused = await submit(
        t,
        PATH,
        { intent: 'password', login: email, password: PASSWORD },
        headers,
      );
      expectSafePage(refused, 403);
      expect(heading(refused)).toBe(en.errors.crossSite.title);
      expect(tokenCookies(refused).size).toBe(0);
    }
    expect(await liveSessions(email)).toBe(before);
  });

  it('CSRF-01: a form without the CSRF token, or with another browser’s, is 403 FORM_EXPIRED', async () => {
    const email = uniqueEmail('page-token');
    await t.signUp(email);
    clearBrowser(t);
    await open(t, PATH);
    const before = await liveSessions(email);
    for (const csrf of ['', 'x'.repeat(43), 'not-a-token']) {
      const refused = await submit(
        t,
        PATH,
        { intent: 'password', login: email, password: PASSWORD, csrf },
        SAME_ORIGIN,
      );
      expectSafePage(refused, 403);
      expect(heading(refused)).toBe(en.errors.formExpired.title);
      expect(tokenCookies(refused).size).toBe(0);
    }
    // A token another browser was shown does not fit this browser's form cookie.
    const other = hidden(String((await open(t, PATH)).body), 'csrf')!;
    clearBrowser(t);
    await open(t, PATH);
    const stolen = await submit(t, PATH, {
      intent: 'password',
      login: email,
      password: PASSWORD,
      csrf: other,
    });
    expect(stolen.status).toBe(403);
    expect(heading(stolen)).toBe(en.errors.formExpired.title);
    expect(await liveSessions(email)).toBe(before);
  });

  it('a provider’s refusal sent back here is a message from the locale, never the query’s text', async () => {
    clearBrowser(t);
    const linked = await open(t, `${PATH}?error=IDENTITY_NOT_LINKED`);
    expect(expectSafePage(linked, 200)).toContain(s.errors.identityNotLinked);
    const cancelled = await open(t, `${PATH}?error=OAUTH_FAILED&reason=access_denied`);
    expect(String(cancelled.body)).toContain(s.errors.providerCancelled);
    const inherited = expectSafePage(await open(t, `${PATH}?error=constructor`), 200);
    expect(inherited).toContain(s.errors.providerFailed);
    expect(inherited).not.toContain('native code');
    const odd = await open(t, `${PATH}?error=${encodeURIComponent('<b>HACKED</b>')}`);
    const body = expectSafePage(odd, 200);
    expect(body).toContain(s.errors.providerFailed);
    expect(body).not.toContain('HACKED');
  });

  it('in German for Accept-Language: de, errors included', async () => {
    clearBrowser(t);
    const de = signInStrings.de;
    const reply = await open(t, PATH, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    const body = expectSafePage(reply, 200);
    expect(body).toContain('<html lang="de">');
    expect(heading(reply)).toBe(de.signIn.title);
    const wrong = await submit(
      t,
      PATH,
      { intent: 'password', login: uniqueEmail('de'), password: 'falsch falsch' },
      {
        ...SAME_ORIGIN,
        'accept-language': 'de',
      },
    );
    expect(fieldError(String(wrong.body), 'password')).toBe(de.errors.invalidCredentials);
  });
});

describe.each(storeKinds)('the sign-in page with providers and a lockout (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, {
      baseUrl: 'https://auth.example',
      oauth: {
        providers: {
          staff: {
            issuer: 'https://sso.example/realms/staff',
            clientId: 'gatehouse',
            displayName: 'Staff SSO',
          },
          github: { preset: 'github', clientId: 'Iv1.0123' },
        },
      },
      rateLimits: 'on',
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: 10_000, window: 60 } },
      lockout: { threshold: 2, baseSeconds: 120, maxSeconds: 3600 },
    });
  });
  afterAll(() => t.close());

  it('a link per provider to the API’s start route, coming back here with the returnTo', async () => {
    clearBrowser(t);
    const body = expectSafePage(await open(t, PATH), 200);
    const back = encodeURIComponent('https://auth.example/sign-in');
    expect(body).toContain(
      `href="/auth/oauth/staff/start?returnTo=${back}">${s.signIn.withProvider('Staff SSO')}</a>`,
    );
    expect(body).toContain(
      `href="/auth/oauth/github/start?returnTo=${back}">${s.signIn.withProvider('GitHub')}</a>`,
    );
    const withTarget = String((await open(t, `${PATH}?returnTo=%2Faccount%2Fsessions`)).body);
    expect(withTarget).toContain(
      `/auth/oauth/staff/start?returnTo=${encodeURIComponent('https://auth.example/sign-in?returnTo=%2Faccount%2Fsessions')}`,
    );
    // Links, not forms: the redirect after a form post would meet the CSP's form-action 'self'.
    expect(body).not.toMatch(/<form[^>]*action="\/auth\/oauth/);
  });

  it('a locked account is told how long to wait (429), the right password included', async () => {
    const email = uniqueEmail('page-lock');
    await t.signUp(email);
    clearBrowser(t);
    for (let i = 0; i < 2; i++) {
      const wrong = await submit(t, PATH, {
        intent: 'password',
        login: email,
        password: 'wrong wrong wrong',
      });
      expect(wrong.status).toBe(400);
    }
    const locked = await submit(t, PATH, { intent: 'password', login: email, password: PASSWORD });
    const body = expectSafePage(locked, 429);
    expect(fieldError(body, 'password')).toBe(s.errors.locked(2));
    expect(tokenCookies(locked).size).toBe(0);
  });
});

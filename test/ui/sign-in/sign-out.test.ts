/**
 * `/sign-out` on SQLite and PostgreSQL: the layout's form (with its CSRF token) ends the session
 * — its access and refresh tokens stop working — clears the cookies and goes to the sign-in
 * page, which says so; a GET only asks; a cross-site post or one without the token ends nothing
 * (CSRF-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/locales/en.js';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, submit } from '../pages.js';
import { expectSignedInRedirect, sessionOf } from './support.js';

const s = signInStrings.en;

describe.each(storeKinds)('signing out (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  async function signedInBrowser() {
    const email = uniqueEmail('page-out');
    await t.signUp(email);
    clearBrowser(t);
    await open(t, '/sign-in');
    const cookies = expectSignedInRedirect(
      await submit(t, '/sign-in', { intent: 'password', login: email, password: PASSWORD }),
      '/account',
    );
    return { email, cookies };
  }

  it('the layout’s form ends the session, clears the cookies and says so on the sign-in page', async () => {
    const { cookies } = await signedInBrowser();
    // A page for the signed-in user carries the sign-out form with its CSRF token.
    const confirm = await open(t, '/sign-out');
    const body = expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(s.signOut.title);
    expect(body).toContain('<form class="gh-signout" method="post" action="/sign-out">');
    const out = await submit(t, '/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in?result=signed-out');
    const cleared = out.headers.getSetCookie().filter((c) => /^gh_(access|refresh)=/.test(c));
    expect(cleared).toHaveLength(2);
    for (const line of cleared) expect(line).toMatch(/^gh_(access|refresh)=;.*Max-Age=0/i);
    // The session is over: its access token and its refresh token are refused.
    expect((await sessionOf(t, cookies)).status).toBe(401);
    const refresh = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: cookies.get('gh_refresh') },
    });
    expect(refresh.status).toBe(401);
    const signIn = await open(t, '/sign-in?result=signed-out');
    expect(expectSafePage(signIn, 200)).toContain(
      `<p class="gh-notice gh-notice-success" role="status">${s.signIn.signedOut}</p>`,
    );
  });

  it('CSRF-01: a cross-site post, or one without the right token, ends nothing', async () => {
    const { cookies } = await signedInBrowser();
    await open(t, '/sign-out');
    const crossSite = await submit(
      t,
      '/sign-out',
      {},
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.tld' },
    );
    expect(heading(crossSite)).toBe(en.errors.crossSite.title);
    expectSafePage(crossSite, 403);
    for (const csrf of ['', 'A'.repeat(43)]) {
      const refused = await submit(t, '/sign-out', { csrf }, SAME_ORIGIN);
      expectSafePage(refused, 403);
      expect(heading(refused)).toBe(en.errors.formExpired.title);
      expect(refused.headers.getSetCookie().filter((c) => /^gh_(access|refresh)=/.test(c))).toEqual([]);
    }
    expect((await sessionOf(t, cookies)).status).toBe(200);
  });

  it('a GET changes nothing; without a session it goes to sign in', async () => {
    const { cookies } = await signedInBrowser();
    for (let i = 0; i < 2; i++) expect((await open(t, '/sign-out')).status).toBe(200);
    expect((await sessionOf(t, cookies)).status).toBe(200);
    clearBrowser(t);
    const away = await open(t, '/sign-out');
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/sign-in');
  });
});

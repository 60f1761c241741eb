/**
 * The hosted pages' security checks by id, through `handler(Request)` on SQLite and PostgreSQL.
 * CSRF-01: a page form posted cross-site (Fetch Metadata or Origin) is refused before anything
 * runs; a form without its `csrf` token, or with one from another browser or another session, is
 * a 403 `FORM_EXPIRED` page; the form cookie; a GET never changes state. HDR-01: every page in
 * `PAGE_ROUTES`, signed out and signed in, has the nonce-only CSP and the security headers (HSTS:
 * the instance's `baseUrl` is https). RED-01: every `returnTo` the pages take — sign-in, sign-out,
 * sign-up, the resume hop and reauthentication — with each hostile spelling never leads to
 * another origin and never answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ROUTES } from '../../src/ui/routes.js';
import {
  openGatehouseWithSmtp,
  PASSWORD,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { Browser, csrfOf } from '../ui/browser-jar.js';
import { expectSafePage, heading, submit } from '../ui/pages.js';

/** The instance's public origin (`openGatehouseWithSmtp`'s `baseUrl`). */
const BASE = 'https://app.example';

const TOKEN = 'A'.repeat(43);
/** The pages mailed links open, and a GET that shows each one's form. */
const LINK_PAGES = {
  '/verify-email': `/verify-email?token=${TOKEN}`,
  '/forgot-password': '/forgot-password',
  '/reset-password': `/reset-password?token=${TOKEN}`,
  '/confirm-email-change': `/confirm-email-change?token=${TOKEN}`,
  '/cancel-email-change': `/cancel-email-change?token=${TOKEN}`,
  '/sign-in/magic-link': `/sign-in/magic-link?token=${TOKEN}`,
  '/accept-invitation': `/accept-invitation?token=${TOKEN}`,
} as const;
const linkFields = (path: string): Record<string, string> =>
  path === '/forgot-password' ? { email: 'someone@example.com' } : { token: TOKEN, password: 'x' };

/** The spellings of another site that RED-01 lists, and a few more. */
const ELSEWHERE = [
  'https://evil.tld',
  '//evil.tld',
  '/\\evil.tld',
  'https:evil.tld',
  'https://app.example.evil.tld',
  'https://app.example@evil.tld',
  '%2F%2Fevil.tld',
  'javascript:alert(document.domain)',
  'http://[',
  '/\t/evil.tld',
  ' /account',
  'https://app.example/account',
];
/** Query strings no encoder would make: raw `//`, an encoded `//`, a broken URL, a broken escape. */
const RAW_RETURNS = ['returnTo=//evil.tld', 'returnTo=%2F%2Fevil.tld', 'returnTo=http://[', 'returnTo=%ZZ'];
const queries = () => [
  ...ELSEWHERE.map((target) => `returnTo=${encodeURIComponent(target)}`),
  ...RAW_RETURNS,
];

/**
 * RED-01 for one reply: no 500, and any place it sends the browser (`Location`, a `Refresh`) is
 * on this origin — a path that a browser cannot read as another host.
 */
function expectStaysHere(reply: Reply, label: string): void {
  expect(reply.status, label).toBeLessThan(500);
  const targets = [
    reply.headers.get('location'),
    /^\s*\d+\s*;\s*url=(.*)$/i.exec(reply.headers.get('refresh') ?? '')?.[1],
  ].filter((target): target is string => !!target);
  for (const target of targets) {
    expect(target, label).not.toMatch(/^\s*(\/\/|\/\\|\\)/);
    expect(target, label).not.toMatch(/[\t\n\r]/);
    expect(new URL(target, `${BASE}/here/`).origin, `${label}: ${target}`).toBe(BASE);
  }
}

/** A CSP's directives by name. */
function directives(reply: Reply): Map<string, string> {
  const csp = reply.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => !!name)
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe.each(storeKinds)('hosted pages (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // https baseUrl: the cookies are Secure and `__Host-`/`__Secure-` prefixed, and HSTS is on.
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  async function account(): Promise<string> {
    const email = uniqueEmail('pages-security');
    await t.signUp(email);
    return email;
  }

  it('CSRF-01: sign-out without a token, with another browser’s, or with one from before signing in is a 403 page and the session lives on', async () => {
    const email = await account();
    const a = new Browser(t);
    const beforeSignIn = csrfOf(await a.get('/forgot-password'))!;
    await a.signIn(email);
    const token = csrfOf(await a.get('/sign-out'))!;
    expect(token).not.toBe(beforeSignIn);
    const b = new Browser(t);
    await b.signIn(email);
    const otherBrowser = csrfOf(await b.get('/sign-out'))!;
    const anonymous = csrfOf(await new Browser(t).get('/forgot-password'))!;
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    const refused: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['an empty token', { csrf: '' }],
      ['another browser’s (same user)', { csrf: otherBrowser }],
      ['another, anonymous browser’s', { csrf: anonymous }],
      ['this browser’s from before signing in', { csrf: beforeSignIn }],
      ['an altered one', { csrf: altered }],
    ];
    for (const [label, fields] of refused) {
      const reply = await a.post('/sign-out', fields);
      expectSafePage(reply, 403);
      expect(heading(reply), label).toBe('This form has expired');
      expect(reply.headers.getSetCookie().filter((c) => !c.includes('gh_form'))).toEqual([]);
      expect(await a.sessionStatus(), label).toBe(200);
    }
    // The other way round: b posting a's token with b's own cookies.
    expect((await b.post('/sign-out', { csrf: token })).status).toBe(403);
    expect(await b.sessionStatus()).toBe(200);

    const signedOut = await a.post('/sign-out', { csrf: token });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/sign-in?result=signed-out');
    expect(await a.sessionStatus()).toBe(401);
    expect(await b.sessionStatus()).toBe(200);
  });

  it('CSRF-01: an anonymous form without a valid token sends nothing; with its own, the mail goes', async () => {
    const email = await account();
    const a = new Browser(t);
    const token = csrfOf(await a.get('/forgot-password'))!;
    const other = csrfOf(await new Browser(t).get('/forgot-password'))!;
    const refused: Array<Record<string, string>> = [{ email }, { email, csrf: other }, { email, csrf: '' }];
    for (const fields of refused) {
      const reply = await a.post('/forgot-password', fields);
      expectSafePage(reply, 403);
      expect(heading(reply)).toBe('This form has expired');
    }
    // A cross-site post is refused before the token is looked at.
    const crossSite = await a.post(
      '/forgot-password',
      { email, csrf: token },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(heading(crossSite)).toBe('This form came from another site');

    const sent = await a.post('/forgot-password', { email, csrf: token });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('forgot-password?result=sent');
    await waitForMail(smtp, email, /reset-password\?token=/);
    await t.gatehouse.settled();
    // Had any refused post gone through, its mail would be here too.
    expect(mailsTo(smtp, email).filter((m) => /reset-password\?token=/.test(m.text ?? ''))).toHaveLength(1);
  });

  it('CSRF-01: the form cookie is __Host-, Secure, HttpOnly and SameSite=Lax; set once, an ill-formed one replaced', async () => {
    const a = new Browser(t);
    const first = await a.get('/forgot-password');
    const [line, ...more] = first.headers.getSetCookie();
    expect(more).toEqual([]);
    expect(line).toMatch(/^__Host-gh_form=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    expect((await a.get('/forgot-password')).headers.getSetCookie()).toEqual([]);
    // A cookie of the plain name (which a sibling subdomain could plant) is not the form cookie.
    const planted = new Browser(t);
    planted.cookies.set('gh_form', a.cookie('gh_form')![1]);
    const plantedPost = await planted.post('/forgot-password', { email: 'x@example.com', csrf: a.csrf! });
    expect(plantedPost.status).toBe(403);
    // An ill-formed cookie is replaced, and the token follows the new one.
    const odd = new Browser(t);
    odd.cookies.set('__Host-gh_form', 'short');
    const replaced = await odd.get('/forgot-password');
    expect(replaced.headers.getSetCookie()[0]).toMatch(/^__Host-gh_form=[\w-]{43};/);
    expect((await odd.post('/forgot-password', { email: 'x@example.com', csrf: odd.csrf! })).status).toBe(
      303,
    );
  });

  it('CSRF-01: every mailed-link page’s form posted from another site, or with no sign of where it came from, gets a 403 page', async () => {
    for (const path of Object.keys(LINK_PAGES)) {
      for (const headers of [
        { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' } as Record<string, string>,
        { 'sec-fetch-site': 'same-site', origin: 'https://sub.localhost' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
        {},
      ]) {
        const reply = await submit(t, path, linkFields(path), headers);
        expectSafePage(reply, 403);
        expect(heading(reply), path).toBe('This form came from another site');
      }
    }
  });

  it('CSRF-01: a page form posted cross-site — by Sec-Fetch-Site or by Origin — is a 403 page, even with a good token, and the session lives on', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    const token = csrfOf(await a.get('/sign-out'))!;
    const crossSite: Array<[string, Record<string, string>]> = [
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'https://evil.app.example' }],
      ['Origin elsewhere, no Fetch Metadata', { origin: 'https://evil.tld' }],
      ['Origin null, no Fetch Metadata', { origin: 'null' }],
      ['neither Origin nor Fetch Metadata', {}],
    ];
    for (const [label, headers] of crossSite) {
      const reply = await a.post('/sign-out', { csrf: token }, headers);
      expectSafePage(reply, 403);
      expect(
        reply.headers.getSetCookie().filter((c) => !c.includes('gh_form')),
        label,
      ).toEqual([]);
      expect(await a.sessionStatus(), label).toBe(200);
    }
    // The same form from our own page goes through.
    expect((await a.post('/sign-out', { csrf: token }, { 'sec-fetch-site': 'same-origin' })).status).toBe(
      303,
    );
    expect(await a.sessionStatus()).toBe(401);
  });

  it('CSRF-01: a token from another session of the same browser is refused', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    const first = csrfOf(await a.get('/sign-out'))!;
    // The same browser (its form cookie kept) signs in again: a new session, so a new token.
    await a.signIn(email);
    const second = csrfOf(await a.get('/sign-out'))!;
    expect(second).not.toBe(first);
    const refused = await a.post('/sign-out', { csrf: first });
    expectSafePage(refused, 403);
    expect(heading(refused)).toBe('This form has expired');
    expect(await a.sessionStatus()).toBe(200);
    expect((await a.post('/sign-out', { csrf: second })).status).toBe(303);
  });

  it('CSRF-01: GET never changes state — opening sign-out, deletion, sessions or a mailed link ends nothing', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    for (const path of [
      '/sign-out',
      '/account/delete',
      '/account/sessions',
      '/account/security/totp/remove',
    ]) {
      const reply = await a.get(path);
      expect(reply.status, path).toBeLessThan(500);
      expect(
        reply.headers.getSetCookie().filter((c) => !c.includes('gh_form')),
        path,
      ).toEqual([]);
      expect(await a.sessionStatus(), path).toBe(200);
    }
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
    // A mailed link opened (a mail scanner following it) shows a form; the token is still good.
    await t.request('POST', '/auth/forgot-password', { body: { email } });
    const mail = await waitForMail(smtp, email, /reset-password\?token=/);
    const link = /https:\/\/app\.example(\/reset-password\?token=[\w-]+)/.exec(mail.text ?? '')![1]!;
    expect((await new Browser(t).get(link)).status).toBe(200);
    const token = new URL(link, BASE).searchParams.get('token')!;
    const reset = await t.request('POST', '/auth/reset-password', {
      body: { token, password: 'a new passphrase nobody guesses 41' },
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  });

  it('RED-01: a returnTo anywhere else comes back as /, with or without a session to resume', async () => {
    const a = new Browser(t);
    for (const target of ELSEWHERE) {
      const reply = await a.get(`/auth/refresh/resume?returnTo=${encodeURIComponent(target)}`);
      expect(reply.status, target).toBe(303);
      expect(reply.headers.get('location'), target).toBe('/sign-in?returnTo=%2F');
    }
    for (const raw of [
      'returnTo=//evil.tld',
      'returnTo=%2F%2Fevil.tld',
      'returnTo=http://[',
      'returnTo=%ZZ',
    ]) {
      const reply = await a.get(`/auth/refresh/resume?${raw}`);
      expect(reply.headers.get('location'), raw).toBe('/sign-in?returnTo=%2F');
    }
    for (const target of ELSEWHERE) {
      const hop = await a.get(`/auth/refresh/resume?returnTo=${encodeURIComponent(target)}`, {
        'sec-fetch-site': 'cross-site',
      });
      expect(hop.headers.get('refresh'), target).toBe('0;url=/auth/refresh/resume?returnTo=%2F&again=1');
    }
    const email = await account();
    const b = new Browser(t);
    await b.signIn(email);
    const resumed = await b.get(`/auth/refresh/resume?returnTo=${encodeURIComponent('https://evil.tld')}`);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get('location')).toBe('/');
    expect(resumed.headers.getSetCookie()).toHaveLength(2);
  });

  it('RED-01: sign-in, sign-up and sign-out never send the browser elsewhere, whatever the returnTo', async () => {
    const email = await account();
    const anonymous = new Browser(t);
    for (const query of queries()) {
      for (const path of ['/sign-in', '/sign-up', '/sign-out']) {
        expectStaysHere(await anonymous.get(`${path}?${query}`), `GET ${path}?${query}`);
      }
      // Signed in, sign-in sends the browser straight on to returnTo.
      const signedIn = new Browser(t);
      await signedIn.signIn(email);
      expectStaysHere(await signedIn.get(`/sign-in?${query}`), `GET /sign-in?${query} signed in`);
      const target = new URLSearchParams(query).get('returnTo') ?? '';
      const token = csrfOf(await signedIn.get('/sign-out'))!;
      const out = await signedIn.post(`/sign-out?${query}`, { csrf: token, returnTo: target });
      expectStaysHere(out, `POST /sign-out returnTo ${target}`);
      expect(out.status, target).toBe(303);
      // Signing in through the form, with the target in the query and the form.
      const fresh = new Browser(t);
      const shown = await fresh.get(`/sign-in?${query}`);
      const signIn = await fresh.post(`/sign-in?${query}`, {
        csrf: csrfOf(shown)!,
        login: email,
        password: PASSWORD,
        returnTo: target,
      });
      expectStaysHere(signIn, `POST /sign-in?${query}`);
      expect(signIn.status, `POST /sign-in?${query}: ${heading(signIn)}`).toBe(303);
    }
  }, 120_000);

  it('RED-01: reauthentication goes back only to a page here, whatever the returnTo', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    for (const query of queries()) {
      const shown = await a.get(`/account/reauth?${query}`);
      expectStaysHere(shown, `GET /account/reauth?${query}`);
      expect(String(shown.body)).not.toMatch(
        /href="(https?:)?\/\/evil|href="javascript:|action="(https?:)?\/\/evil/i,
      );
      const target = new URLSearchParams(query).get('returnTo') ?? '';
      const done = await a.post(`/account/reauth?${query}`, {
        csrf: csrfOf(shown) ?? a.csrf!,
        password: PASSWORD,
        returnTo: target,
      });
      expectStaysHere(done, `POST /account/reauth returnTo ${target}`);
    }
  });

  it('HDR-01: every page, signed out and signed in, has the nonce-only CSP and the security headers', async () => {
    const email = await account();
    const signedIn = new Browser(t);
    await signedIn.signIn(email);
    const paths = PAGE_ROUTES.map((p) => p.path.replace(/:[a-zA-Z]+/g, 'x_0190f2a81b3c7abc8123456789abcdef'));
    let pages = 0;
    for (const browser of [new Browser(t), signedIn]) {
      for (const path of paths) {
        const reply = await browser.get(path);
        const label = `${path} (${browser === signedIn ? 'signed in' : 'signed out'}): ${reply.status}`;
        expect(reply.status, label).toBeLessThan(500);
        expect(reply.headers.get('x-content-type-options'), label).toBe('nosniff');
        expect(reply.headers.get('referrer-policy'), label).toBe('no-referrer');
        expect(reply.headers.get('strict-transport-security'), label).toMatch(/^max-age=(\d+)/);
        expect(
          Number(/max-age=(\d+)/.exec(reply.headers.get('strict-transport-security')!)![1]),
          label,
        ).toBeGreaterThanOrEqual(31_536_000);
        expect(reply.headers.get('cache-control'), label).toBe('no-store');
        if (!(reply.headers.get('content-type') ?? '').startsWith('text/html')) continue;
        pages++;
        const csp = directives(reply);
        const nonce = /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/;
        expect(csp.get('script-src'), label).toMatch(nonce);
        expect(csp.get('style-src'), label).toMatch(nonce);
        expect(reply.headers.get('content-security-policy'), label).not.toContain('unsafe-inline');
        expect(csp.get('frame-ancestors'), label).toBe("'none'");
        expect(csp.get('object-src'), label).toBe("'none'");
        expect(csp.get('base-uri'), label).toBe("'none'");
        expect(reply.headers.get('cross-origin-opener-policy'), label).toBe('same-origin');
      }
    }
    // Most paths are pages either way; a redirect (to sign-in, say) is checked for its headers only.
    expect(pages).toBeGreaterThan(paths.length);
  });
});

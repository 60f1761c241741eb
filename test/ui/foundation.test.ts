/**
 * The page foundation (src/http/pages.ts), on SQLite and PostgreSQL where a store is involved:
 * the session resume for pages that need a signed-in user (its CSRF-01 and RED-01 checks are in
 * test/security/pages.test.ts), and the page's language from the profile or `Accept-Language`.
 * Then, without a store in the question: HDR-01 and the CSP with the theme settings (`pages.themeCssUrl`,
 * `logoUrl`, `colors`), the settings refusing values that could carry other CSS, and the script
 * module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings, SettingsError } from '../../src/core/config.js';
import { PAGES_SCRIPT } from '../../src/ui/client/index.js';
import { de } from '../../src/ui/locales/de.js';
import { en } from '../../src/ui/locales/en.js';
import { THEME_CSS } from '../../src/ui/theme.js';
import {
  openGatehouse,
  openGatehouseWithSmtp,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { Browser } from './browser-jar.js';
import { heading } from './pages.js';

/** A CSP's directives by name. */
function directives(reply: Reply): Map<string, string> {
  const csp = reply.headers.get('content-security-policy') ?? '';
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')] as const;
    }),
  );
}

function nonceOf(reply: Reply): string {
  return /'nonce-([^']+)'/.exec(reply.headers.get('content-security-policy') ?? '')![1]!;
}

describe.each(storeKinds)('page forms and sessions (%s)', (kind) => {
  let t: TestGatehouse;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // https baseUrl: the cookies are Secure and `__Host-`/`__Secure-` prefixed.
    ({ t, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  async function account(): Promise<string> {
    const email = uniqueEmail('foundation');
    await t.signUp(email);
    return email;
  }

  it('a page for signed-in users without a live session goes through the resume: new cookies, then back', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    const [refreshName, oldRefresh] = a.cookie('gh_refresh')!;
    expect(refreshName).toBe('__Secure-gh_refresh');
    expect((await a.get('/account')).status).toBe(200);
    // The access cookie is gone (it lives only as long as its token), the refresh cookie is not.
    a.cookies.delete(a.cookie('gh_access')![0]);
    const away = await a.get('/account?tab=1');
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount%3Ftab%3D1');
    const resumed = await a.get(away.headers.get('location')!);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get('location')).toBe('/account?tab=1');
    expect(resumed.headers.get('cache-control')).toBe('no-store');
    const cookies = resumed.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(
      /^__Host-gh_access=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(cookies[1]).toMatch(
      /^__Secure-gh_refresh=[^;]+; Path=\/auth\/refresh; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/,
    );
    expect(a.cookie('gh_refresh')![1]).not.toBe(oldRefresh);
    const back = await a.get('/account?tab=1');
    expect(back.status).toBe(200);
    expect(back.body).toContain('class="gh-signout"');
  });

  it('without a refresh cookie, or with one that does not work, the resume goes on to sign in', async () => {
    const a = new Browser(t);
    const away = await a.get('/account');
    expect(away.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount');
    const none = await a.get(away.headers.get('location')!);
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
    expect(none.headers.getSetCookie().filter((c) => !c.includes('gh_form'))).toEqual([]);

    a.cookies.set('__Secure-gh_refresh', 'not-a-refresh-token');
    const invalid = await a.get('/auth/refresh/resume?returnTo=%2Faccount');
    expect(invalid.status).toBe(303);
    expect(invalid.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
    // The dead cookies are cleared, so the next page does not try again.
    const cleared = invalid.headers.getSetCookie();
    expect(cleared.some((c) => /^__Host-gh_access=; .*Max-Age=0/.test(c))).toBe(true);
    expect(cleared.some((c) => /^__Secure-gh_refresh=; .*Max-Age=0/.test(c))).toBe(true);

    // A spent refresh token is reuse: the session ends, and the browser goes to sign in.
    const email = await account();
    const b = new Browser(t);
    await b.signIn(email);
    const spent = b.cookie('gh_refresh')![1];
    expect((await b.get('/auth/refresh/resume?returnTo=%2Faccount')).headers.get('location')).toBe(
      '/account',
    );
    b.cookies.set('__Secure-gh_refresh', spent);
    const reused = await b.get('/auth/refresh/resume?returnTo=%2Faccount');
    expect(reused.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
    expect(await b.sessionStatus()).toBe(401);
  });

  it('a trip another site started hops once through this origin, so the Strict refresh cookie comes along', async () => {
    const email = await account();
    const a = new Browser(t);
    await a.signIn(email);
    const formCookie = `${a.cookie('gh_form')?.join('=') ?? ''}`;
    // The browser holds the SameSite=Strict refresh cookie back: it sends none.
    const crossSite = { 'sec-fetch-site': 'cross-site', cookie: formCookie };
    const hop = await a.get('/auth/refresh/resume?returnTo=%2Faccount%2Fsessions', crossSite);
    expect(hop.status).toBe(200);
    expect(hop.body).toBe('');
    expect(hop.headers.get('refresh')).toBe(
      '0;url=/auth/refresh/resume?returnTo=%2Faccount%2Fsessions&again=1',
    );
    expect(hop.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'nonce-/);
    expect(hop.headers.get('cache-control')).toBe('no-store');
    expect(hop.headers.getSetCookie()).toEqual([]);
    // The hop's own navigation is same-origin: the cookie comes, and so does the session.
    const resumed = await a.get(hop.headers.get('refresh')!.slice('0;url='.length), {
      'sec-fetch-site': 'same-origin',
    });
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get('location')).toBe('/account/sessions');
    expect(resumed.headers.getSetCookie()).toHaveLength(2);
    // Only once: still without a cookie after the hop, on to sign in (no loop).
    const again = await a.get('/auth/refresh/resume?returnTo=%2Faccount&again=1', crossSite);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
    // A cross-site trip that brought the cookie (SameSite=None settings) needs no hop.
    const withCookie = await a.get('/auth/refresh/resume?returnTo=%2Faccount', {
      'sec-fetch-site': 'cross-site',
    });
    expect(withCookie.status).toBe(303);
    expect(withCookie.headers.get('location')).toBe('/account');
  });

  it('the resume answers GET and HEAD only', async () => {
    const a = new Browser(t);
    const posted = await a.post('/auth/refresh/resume?returnTo=%2Faccount', {});
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    expect(posted.headers.get('location')).toBeNull();
  });

  it('the language: Accept-Language picks German, an unsupported one English; refusals too', async () => {
    expect(de.forgotPassword.title).not.toBe(en.forgotPassword.title);
    const german = new Browser(t, 'de-DE,de;q=0.9');
    const shown = await german.get('/forgot-password');
    expect(shown.body).toContain('<html lang="de">');
    expect(heading(shown)).toBe(de.forgotPassword.title);
    const refused = await german.post('/forgot-password', { email: 'x@example.com' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<html lang="de">');
    expect(heading(refused)).toBe(de.errors.formExpired.title);

    for (const language of ['fr', 'fr-CH, it;q=0.5', '*', '']) {
      const reply = await new Browser(t, language).get('/forgot-password');
      expect(reply.body, language).toContain('<html lang="en">');
      expect(heading(reply)).toBe(en.forgotPassword.title);
    }
    const ranked = await new Browser(t, 'fr-CH, de;q=0.8, en;q=0.5').get('/forgot-password');
    expect(ranked.body).toContain('<html lang="de">');
  });

  it('the language: a signed-in user’s profile locale wins over Accept-Language', async () => {
    const email = await account();
    const a = new Browser(t, 'en-US,en;q=0.9');
    await a.signIn(email);
    expect(heading(await a.get('/forgot-password'))).toBe(en.forgotPassword.title);
    const cookie = [...a.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const patched = await t.request('PATCH', '/auth/me', {
      body: { locale: 'de' },
      headers: { cookie, 'gatehouse-transport': 'cookie', 'sec-fetch-site': 'same-origin' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const shown = await a.get('/forgot-password');
    expect(shown.body).toContain('<html lang="de">');
    expect(heading(shown)).toBe(de.forgotPassword.title);
    // Signed out, the browser's language again.
    a.cookies.delete(a.cookie('gh_access')![0]);
    expect((await a.get('/forgot-password')).body).toContain('<html lang="en">');
  });
});

describe('HDR-01 and the theme settings', () => {
  const THEMED = {
    productName: 'Acme',
    themeCssUrl: 'https://cdn.example/theme.css',
    logoUrl: 'https://cdn.example/logo.svg',
    colors: { accent: '#123456', onAccent: '#fff', accentDark: '#abcdef', onAccentDark: '#000000' },
  };
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: 'https://app.example', pages: THEMED });
  });
  afterAll(() => t.close());

  function expectPageHeaders(reply: Reply): void {
    expect(reply.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(reply.headers.get('cache-control')).toBe('no-store');
  }

  it('HDR-01: a nonce-only CSP naming the theme stylesheet and the logo, and the security headers', async () => {
    const a = new Browser(t);
    const shown = await a.get('/forgot-password');
    const refused = await a.post('/forgot-password', { email: 'x@example.com' });
    expect(refused.status).toBe(403);
    for (const reply of [shown, refused]) {
      const body = String(reply.body);
      const nonce = nonceOf(reply);
      const csp = directives(reply);
      expect(Object.fromEntries(csp)).toEqual({
        'default-src': "'none'",
        'script-src': `'nonce-${nonce}'`,
        'style-src': `'nonce-${nonce}' https://cdn.example/theme.css`,
        'img-src': "'self' data: https://cdn.example/logo.svg",
        'font-src': 'https://cdn.example',
        'connect-src': "'self'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
        'base-uri': "'none'",
        'object-src': "'none'",
      });
      expect(reply.headers.get('content-security-policy')).not.toMatch(/unsafe-|\*/);
      expectPageHeaders(reply);
      // The tags carry this response's nonce; the theme's stylesheet comes after ours.
      expect(body.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
      expect(body.match(/<script\b[^>]*>/g)).toEqual([
        `<script type="module" src="/auth/assets/pages.js" nonce="${nonce}">`,
      ]);
      const link = `<link rel="stylesheet" href="https://cdn.example/theme.css" nonce="${nonce}">`;
      expect(body.indexOf(link)).toBeGreaterThan(body.indexOf('</style>'));
      expect(body).toContain('<img class="gh-logo" src="https://cdn.example/logo.svg" alt="Acme">');
      expect(body).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
    const nonces = new Set([nonceOf(shown), nonceOf(refused), nonceOf(await a.get('/forgot-password'))]);
    expect(nonces.size).toBe(3);
    // The redirect after a form carries the same headers (no CSP page of its own to show).
    const redirected = await a.post('/forgot-password', { email: 'x@example.com', csrf: a.csrf! });
    expect(redirected.status).toBe(303);
    expectPageHeaders(redirected);
  });

  it('pages.colors become the theme’s custom properties, light and dark, after its own', async () => {
    const body = String((await new Browser(t).get('/forgot-password')).body);
    const light =
      ':root { --gh-accent: #123456; --gh-accent-hover: color-mix(in srgb, #123456 82%, black); --gh-on-accent: #fff; }';
    const dark =
      '@media (prefers-color-scheme: dark) { :root { --gh-accent: #abcdef; --gh-accent-hover: color-mix(in srgb, #abcdef 82%, white); --gh-on-accent: #000000; } }';
    expect(body).toContain(light);
    expect(body).toContain(dark);
    // Later in the same stylesheet, so they win over the theme's defaults.
    expect(body.indexOf(light)).toBeGreaterThan(body.indexOf(THEME_CSS.trim()));
    expect(body.indexOf(dark)).toBeGreaterThan(body.indexOf(light));

    const plain = await openGatehouse('sqlite');
    try {
      const reply = await new Browser(plain).get('/forgot-password');
      expect(String(reply.body)).not.toContain('color-mix(');
      expect(String(reply.body)).not.toContain('<link');
      expect(directives(reply).get('style-src')).toBe(`'nonce-${nonceOf(reply)}'`);
      expect(directives(reply).get('img-src')).toBe("'self' data:");
      expect(directives(reply).has('font-src')).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it('the settings refuse a colour or an asset URL that could carry other CSS or markup', () => {
    for (const colour of [
      'red;}body{display:none',
      'red',
      '#12345g',
      '#1234',
      '#123456;',
      'url(x)',
      ' #123456',
    ]) {
      expect(() => resolveSettings({ pages: { colors: { accent: colour } } }), colour).toThrow(SettingsError);
      expect(() => resolveSettings({ pages: { colors: { onAccentDark: colour } } }), colour).toThrow(
        /pages\.colors\.onAccentDark/,
      );
    }
    for (const url of [
      'javascript:alert(1)',
      'data:text/css,body{display:none}',
      '//evil.tld/theme.css',
      '/\\evil.tld/theme.css',
      'theme.css',
      '/theme.css" onload="alert(1)',
      '/theme.css;script-src *',
      'ftp://cdn.example/theme.css',
    ]) {
      expect(() => resolveSettings({ pages: { themeCssUrl: url } }), url).toThrow(/pages\.themeCssUrl/);
      expect(() => resolveSettings({ pages: { logoUrl: url } }), url).toThrow(/pages\.logoUrl/);
    }
    expect(
      resolveSettings({ pages: { colors: { accent: '#1D4ED8' }, logoUrl: '/brand/logo.svg' } }).pages,
    ).toMatchObject({ colors: { accent: '#1D4ED8' }, logoUrl: '/brand/logo.svg' });
  });

  it('an asset URL’s query, and characters that would end a CSP directive, stay out of the policy', async () => {
    const odd = await openGatehouse('sqlite', {
      pages: {
        themeCssUrl: "https://cdn.example/a;b,c'd.css?v=1;script-src%20*",
        logoUrl: '/brand/logo.svg',
      },
    });
    try {
      const reply = await new Browser(odd).get('/forgot-password');
      const csp = directives(reply);
      expect([...csp.keys()]).toEqual([
        'default-src',
        'script-src',
        'style-src',
        'img-src',
        'font-src',
        'connect-src',
        'form-action',
        'frame-ancestors',
        'base-uri',
        'object-src',
      ]);
      expect(csp.get('style-src')).toBe(`'nonce-${nonceOf(reply)}' https://cdn.example/a%3Bb%2Cc%27d.css`);
      expect(csp.get('script-src')).toBe(`'nonce-${nonceOf(reply)}'`);
      expect(csp.get('img-src')).toBe("'self' data: 'self'");
      expect(csp.get('font-src')).toBe('https://cdn.example');
      expect(String(reply.body)).toContain(
        '<link rel="stylesheet" href="https://cdn.example/a;b,c&#39;d.css?v=1;script-src%20*"',
      );
    } finally {
      await odd.close();
    }
  });

  it('the script module: JavaScript for GET and HEAD, nothing else', async () => {
    const script = await t.request('GET', '/auth/assets/pages.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('cache-control')).toBe('public, max-age=300');
    expect(script.body).toBe(PAGES_SCRIPT);
    const head = await t.request('HEAD', '/auth/assets/pages.js');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const reply = await t.request(method, '/auth/assets/pages.js', {
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await t.request('GET', '/auth/assets/other.js')).status).toBe(404);
    expect((await t.request('GET', '/assets/pages.js')).status).toBe(404);
  });

  it('the script module moves with basePath, and the pages load it from there', async () => {
    const moved = await openGatehouse('sqlite', { basePath: '/identity' });
    try {
      expect((await moved.request('GET', '/identity/assets/pages.js')).status).toBe(200);
      expect((await moved.request('GET', '/auth/assets/pages.js')).status).toBe(404);
      const page = await new Browser(moved).get('/forgot-password');
      expect(page.body).toContain(
        `<script type="module" src="/identity/assets/pages.js" nonce="${nonceOf(page)}">`,
      );
      const away = await new Browser(moved).get('/account');
      expect(away.headers.get('location')).toBe('/identity/refresh/resume?returnTo=%2Faccount');
    } finally {
      await moved.close();
    }
  });
});

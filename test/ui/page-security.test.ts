/**
 * What holds for every page, on SQLite and PostgreSQL: the strict CSP with a fresh nonce and the
 * API's security headers (the same-origin rule on every form post, CSRF-01, is in
 * test/security/pages.test.ts); malformed, oversized and
 * wrongly typed bodies answered with a 4xx page, never a 500; the JSON route's rate limits
 * shared by its page; escaping of the product name; `pages.enabled: false` leaving every page
 * path (and `/`) to someone else; `GET /` pointing at the API; the OpenAPI document without the
 * pages; and an instance that did not start answering a 503 page, not its start error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { expectSafePage, FORM, heading, open, SAME_ORIGIN, submit } from './pages.js';

const TOKEN = 'A'.repeat(43);
/** Every page and a GET that shows its form. */
const PAGES = {
  '/verify-email': `/verify-email?token=${TOKEN}`,
  '/forgot-password': '/forgot-password',
  '/reset-password': `/reset-password?token=${TOKEN}`,
  '/confirm-email-change': `/confirm-email-change?token=${TOKEN}`,
  '/cancel-email-change': `/cancel-email-change?token=${TOKEN}`,
  '/sign-in/magic-link': `/sign-in/magic-link?token=${TOKEN}`,
  '/accept-invitation': `/accept-invitation?token=${TOKEN}`,
} as const;
const PATHS = Object.keys(PAGES) as Array<keyof typeof PAGES>;
const fields = (path: string): Record<string, string> =>
  path === '/forgot-password' ? { email: 'someone@example.com' } : { token: TOKEN, password: 'x' };

describe.each(storeKinds)('every page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, {
      pages: { productName: '<script>alert("Acme")</script> & Co' },
      rateLimits: 'on',
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: 10_000, window: 60 } },
    });
  });
  afterAll(() => t.close());

  it('GET: HTML under a strict CSP with a fresh nonce per response, the security headers, the name escaped', async () => {
    const nonces = new Set<string>();
    for (const path of PATHS) {
      for (let i = 0; i < 2; i++) {
        const reply = await open(t, PAGES[path]);
        const body = expectSafePage(reply, 200, path === '/forgot-password' ? undefined : TOKEN);
        nonces.add(/'nonce-([^']+)'/.exec(reply.headers.get('content-security-policy')!)![1]!);
        expect(body).toContain(
          '<p class="gh-product">&lt;script&gt;alert(&quot;Acme&quot;)&lt;/script&gt; &amp; Co</p>',
        );
        expect(body).not.toContain('<script>alert');
        // Plain http and no https baseUrl: no HSTS, as for the API.
        expect(reply.headers.get('strict-transport-security')).toBeNull();
      }
    }
    expect(nonces.size).toBe(PATHS.length * 2);
  });

  it('a token that is markup is shown escaped in the hidden field, nowhere else', async () => {
    const evil = '"><script>alert(1)</script><input value="';
    for (const path of PATHS.filter((p) => p !== '/forgot-password')) {
      const reply = await open(t, `${path}?token=${encodeURIComponent(evil)}`);
      const body = expectSafePage(reply, 200);
      expect(body).toContain(
        '<input type="hidden" name="token" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;input value=&quot;">',
      );
      // The token's and the CSRF token's hidden fields, plus the page's own fields (a new
      // password; a name and a password).
      const own = { '/reset-password': 1, '/accept-invitation': 2 }[path as string] ?? 0;
      expect(body.match(/<input /g)).toHaveLength(2 + own);
    }
  });

  it('malformed, wrongly typed and oversized bodies get a 4xx page, never a 500', async () => {
    const post = (path: string, raw: string | Uint8Array, contentType = FORM, headers = {}) =>
      t.request('POST', path, { raw, contentType, headers: { ...SAME_ORIGIN, ...headers } });
    for (const path of PATHS) {
      for (const raw of ['token=%E0%A4%A', 'token=%zz', '%=x', 'token=%C3%28']) {
        const reply = await post(path, raw);
        expectSafePage(reply, 400);
        expect(heading(reply), `${path} ${raw}`).toBe('The form could not be read');
      }
      const notUtf8 = await post(path, new Uint8Array([0x74, 0x3d, 0xff, 0xfe]));
      expectSafePage(notUtf8, 400);
      expect(heading(notUtf8)).toBe('The form could not be read');

      const json = await post(path, JSON.stringify(fields(path)), 'application/json');
      expectSafePage(json, 415);
      const tooLarge = await post(path, `token=${'A'.repeat(70 * 1024)}`);
      expectSafePage(tooLarge, 413);
      expect(heading(tooLarge)).toBe('The form is too large');
      const claimed = await post(path, 'token=x', FORM, { 'content-length': String(10 * 1024 * 1024) });
      expectSafePage(claimed, 413);

      // An empty form has no CSRF token either: refused before the page reads any field.
      const empty = await post(path, '');
      expectSafePage(empty, 403);
      expect(heading(empty)).toBe('This form has expired');
    }
  });

  it('other methods get 405 with Allow; OPTIONS answers what is allowed', async () => {
    for (const path of PATHS) {
      const put = await t.request('PUT', path, { headers: SAME_ORIGIN });
      expectSafePage(put, 405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
      const options = await t.request('OPTIONS', path);
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    }
  });

  it('a page post counts against the limits of the JSON route it stands for', async () => {
    const limited = await openGatehouse(kind, {
      rateLimits: 'on',
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: 3, window: 60 } },
    });
    try {
      const json = () => limited.request('POST', '/auth/verify-email', { body: { token: TOKEN } });
      // The form (and its CSRF token) as the link shows it; showing it counts against nothing.
      await open(limited, PAGES['/verify-email']);
      expect((await json()).status).toBe(400);
      expect((await submit(limited, '/verify-email', { token: TOKEN })).status).toBe(400);
      expect((await json()).status).toBe(400);
      const page = await submit(limited, '/verify-email', { token: TOKEN });
      expectSafePage(page, 429);
      expect(heading(page)).toBe('Too many attempts');
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await json()).status).toBe(429);
      // Another page (another JSON route) has its own bucket.
      expect((await submit(limited, '/cancel-email-change', { token: TOKEN })).status).toBe(400);
    } finally {
      await limited.close();
    }
  });

  it('GET / points at the API; the OpenAPI document lists none of the pages', async () => {
    const root = await t.request('GET', '/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(root.body).toEqual({
      name: '<script>alert("Acme")</script> & Co',
      api: '/auth',
      openapi: '/auth/openapi.json',
      health: '/healthz',
      ready: '/readyz',
      jwks: '/.well-known/jwks.json',
    });
    const post = await t.request('POST', '/', { headers: SAME_ORIGIN });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(post.body).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const openapi = await t.request('GET', '/auth/openapi.json');
    const paths = Object.keys(openapi.body.paths);
    expect(paths).toContain('/auth/verify-email');
    for (const page of [...PATHS, '/']) expect(paths).not.toContain(page);
  });
});

describe('pages.enabled: false', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { pages: { enabled: false }, basePath: '/identity' });
  });
  afterAll(() => t.close());

  it('every page path and / answer 404 (an embedded app serves its own); the API is unchanged', async () => {
    for (const path of [...PATHS, '/']) {
      const get = await t.request('GET', path);
      expect(get.status, path).toBe(404);
      expect(get.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const post = await submit(t, path, fields(path));
      expect(post.status, path).toBe(404);
    }
    const verify = await t.request('POST', '/identity/verify-email', { body: { token: TOKEN } });
    expect(verify.status).toBe(400);
    expect(verify.body.error.code).toBe('LINK_INVALID');
  });
});

describe('GET / with another base path', () => {
  it('points at that base path', async () => {
    const t = await openGatehouse('sqlite', { basePath: '/identity' });
    try {
      const root = await t.request('GET', '/');
      expect(root.body).toMatchObject({
        name: 'Gatehouse',
        api: '/identity',
        openapi: '/identity/openapi.json',
      });
    } finally {
      await t.close();
    }
  });
});

describe('an instance that did not start', () => {
  it('answers every page, shown or posted, with a 503 page instead of its start error', async () => {
    // PostgreSQL without a secret refuses to start.
    const g = createGatehouse({ databaseUrl: 'postgres://127.0.0.1:1/x', logLevel: 'silent' });
    await expect(g.ready()).rejects.toThrow(/GATEHOUSE_SECRET/);
    try {
      const request = (method: string, path: string, body?: string) =>
        g.handler(
          new Request(`http://localhost${path}`, {
            method,
            body,
            headers: body === undefined ? {} : { 'content-type': FORM, ...SAME_ORIGIN },
          }),
        );
      // Even showing a page needs the instance (the signed-in user, the form's CSRF token).
      for (const path of PATHS) {
        const shown = await request('GET', PAGES[path]);
        expect(shown.status, path).toBe(503);
        expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const text = await shown.text();
        expect(text).toContain('<h1>Not available right now</h1>');
        expect(text).not.toContain('GATEHOUSE_SECRET');
      }
      for (const path of PATHS) {
        const posted = await request('POST', path, new URLSearchParams(fields(path)).toString());
        const text = await posted.text();
        expect(posted.status, path).toBe(503);
        expect(posted.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(text).toContain('<h1>Not available right now</h1>');
        expect(text).not.toContain('GATEHOUSE_SECRET');
      }
    } finally {
      await g.close();
    }
  });
});

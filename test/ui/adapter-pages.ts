/**
 * The pages through a framework adapter, for each adapter's suite to run with one line: the
 * adapter routes every page path to Gatehouse — `:name` paths (`/console/users/:id`) included —
 * and the script module and session resume under `basePath`; a form (with its CSRF token and
 * form cookie) arrives intact through the framework; `/` stays the host app's; and with
 * `pages.enabled: false` every page path is the app's again (its own 404), while the API works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { embeddedPagePaths } from '../../src/ui/routes.js';
import type { Harness } from '../adapters/cases.js';

const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

/** Every page path an instance with the pages (and the console) on routes. */
const allPagePaths = (gatehouse: Gatehouse) =>
  embeddedPagePaths({ pages: { ...gatehouse.settings.pages, enabled: true, console: true } });

/** Whether Gatehouse answered (its request id and page CSP or redirect), not the host app. */
function fromGatehouse(response: Response): boolean {
  if (!response.headers.get('x-request-id')) return false;
  if (response.status === 303) return response.headers.get('location') !== null;
  return /script-src 'nonce-/.test(response.headers.get('content-security-policy') ?? '');
}

export function pageCases(mount: (gatehouse: Gatehouse) => Promise<Harness>): void {
  describe.each([true, false])('with pages.enabled: %s', (enabled) => {
    let gatehouse: Gatehouse;
    let app: Harness;
    beforeAll(async () => {
      gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent', pages: { enabled } });
      await gatehouse.ready();
      app = await mount(gatehouse);
    });
    afterAll(async () => {
      await app?.close();
      await gatehouse?.close();
    });

    it(enabled ? 'serves the link pages and their forms' : 'leaves the link pages to the app', async () => {
      const shown = await app.request('/forgot-password');
      const html = await shown.text();
      if (!enabled) {
        expect(shown.status).toBe(404);
        expect(html).not.toContain('gh-product');
        const posted = await app.request('/forgot-password', {
          method: 'POST',
          redirect: 'manual',
          headers: FORM_HEADERS,
          body: 'email=someone%40example.com',
        });
        expect(posted.status).toBe(404);
        expect(posted.headers.get('x-request-id')).toBeNull();
        return;
      }
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(shown.headers.get('content-security-policy')).toMatch(
        /^default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-/,
      );
      const cookie = shown.headers.getSetCookie()[0]!.split(';')[0]!;
      expect(cookie).toMatch(/^gh_form=[\w-]{43}$/);
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
      const post = (fields: Record<string, string>) =>
        app.request('/forgot-password', {
          method: 'POST',
          redirect: 'manual',
          headers: { ...FORM_HEADERS, cookie },
          body: new URLSearchParams(fields).toString(),
        });
      // The form body and the cookie came through the framework intact: the token checks out.
      const posted = await post({ email: 'someone@example.com', csrf });
      expect(posted.status).toBe(303);
      expect(posted.headers.get('location')).toBe('forgot-password?result=sent');
      expect((await post({ email: 'someone@example.com', csrf: `${csrf}x` })).status).toBe(403);
      const linked = await app.request('/verify-email?token=abc');
      expect(await linked.text()).toContain('<input type="hidden" name="token" value="abc">');
    });

    it(
      enabled
        ? 'routes every page path to Gatehouse, `:name` paths included'
        : 'routes no page path to Gatehouse',
      async () => {
        const paths = allPagePaths(gatehouse);
        // The console's user page, at least, has a `:name` segment.
        expect(paths).toContain('/console/users/:id');
        for (const path of paths.map((p) => p.replace(/:\w+/g, 'x1'))) {
          const response = await app.request(path, { redirect: 'manual' });
          await response.arrayBuffer();
          if (enabled) expect(fromGatehouse(response), `${path} ${response.status}`).toBe(true);
          else {
            expect(response.status, path).toBe(404);
            expect(response.headers.get('x-request-id'), path).toBeNull();
          }
        }
      },
    );

    it(
      enabled
        ? 'serves the script module and the session resume under basePath'
        : 'answers the script module and the session resume with the API’s 404; the API works',
      async () => {
        const script = await app.request('/auth/assets/pages.js');
        const resume = await app.request('/auth/refresh/resume?returnTo=%2Faccount', { redirect: 'manual' });
        if (enabled) {
          expect(script.status).toBe(200);
          expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
          expect(await script.text()).toContain('use strict');
          expect(resume.status).toBe(303);
          expect(resume.headers.get('location')).toBe('/sign-in?returnTo=%2Faccount');
        } else {
          for (const response of [script, resume]) {
            expect(response.status).toBe(404);
            expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
          }
        }
        const verify = await app.request('/auth/verify-email', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: 'A'.repeat(43) }),
        });
        expect(verify.status).toBe(400);
        expect(await verify.json()).toMatchObject({ error: { code: 'LINK_INVALID' } });
      },
    );

    it('leaves / to the app', async () => {
      const root = await app.request('/');
      expect(root.status).toBe(404);
      expect(await root.text()).not.toContain('openapi.json');
    });
  });
}

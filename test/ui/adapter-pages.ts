/**
 * The pages through a framework adapter, for each adapter's suite to run with one line: the
 * adapter routes the page paths to Gatehouse (a form body arrives intact through the
 * framework), leaves `/` to the host app, and with `pages.enabled: false` leaves the page paths
 * to the app too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import type { Harness } from '../adapters/cases.js';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  body: new URLSearchParams(fields).toString(),
});

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
      const shown = await app.request('/verify-email?token=abc');
      const html = await shown.text();
      const posted = await app.request('/forgot-password', form({ email: 'someone@example.com' }));
      if (enabled) {
        expect(shown.status).toBe(200);
        expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(shown.headers.get('content-security-policy')).toMatch(
          /^default-src 'none'; style-src 'nonce-/,
        );
        expect(html).toContain('<input type="hidden" name="token" value="abc">');
        // The form body came through the framework intact: a valid address is accepted.
        expect(posted.status).toBe(303);
        expect(posted.headers.get('location')).toBe('forgot-password?result=sent');
      } else {
        expect(shown.status).toBe(404);
        expect(html).not.toContain('gh-product');
        expect(posted.status).toBe(404);
      }
    });

    it('leaves / to the app', async () => {
      const root = await app.request('/');
      expect(root.status).toBe(404);
      expect(await root.text()).not.toContain('openapi.json');
    });
  });
}

/**
 * Social login clicked through in a real browser: Debian's Chromium (playwright-core) on a site
 * at http://localhost:<port> that serves an app page and Gatehouse (node adapter), and the local
 * OpenID provider at http://127.0.0.1:<port> — another site, as a real provider is. The browser
 * follows start → the provider's sign-in page (typed into and submitted) → our callback → the
 * app page, and the app's own fetch of GET /auth/session then shows the provider's user.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/adapters/node.js';
import { launchChromium, serveSite, type TestSite } from '../support/browser.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { callbackFor, providerSettings, startTestIdp, type TestIdp } from '../support/oidc-provider.js';

const APP_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>App</title>
<script type="module">
const response = await fetch('/auth/session');
document.body.dataset.status = String(response.status);
document.body.dataset.session = await response.text();
</script>
</head>
<body><p>The app</p></body>
</html>`;

describe('social login in Chromium: start, sign in at the provider, back with the session cookie', () => {
  // Launched in the test, not in beforeAll: without Chromium the test fails (saying how to get
  // it) rather than being reported as skipped behind a failed hook.
  let browser: Browser | undefined;
  let site: TestSite;
  let idp: TestIdp;
  let t: TestGatehouse;

  beforeAll(async () => {
    let gatehouse: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
    site = await serveSite({
      files: { '/app': APP_PAGE },
      fallback: (req, res) => void gatehouse?.(req, res),
    });
    idp = await startTestIdp({ redirectUris: [callbackFor(site.origin, 'idp')] });
    t = await openGatehouse('sqlite', {
      baseUrl: site.origin,
      oauth: { providers: { idp: providerSettings(idp) }, redirectUrls: [site.url('/app')] },
    });
    gatehouse = toNodeHandler(t.gatehouse);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await idp?.close();
    await t?.close();
  });

  it('clicks through to the app page signed in as the provider account', async () => {
    const email = uniqueEmail('chromium');
    idp.addAccount({ id: 'chromium-user', email, emailVerified: true, name: 'Chromium User' });
    browser = await launchChromium();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(site.url(`/auth/oauth/idp/start?returnTo=${encodeURIComponent(site.url('/app'))}`));
      // The provider's own page, on its own site.
      expect(new URL(page.url()).origin).toBe(idp.issuer);
      await page.locator('#account').fill('chromium-user');
      await page.locator('#sign-in').click();
      await page.waitForURL(site.url('/app'));
      await page.locator('body[data-status]').waitFor();
      expect(await page.locator('body').getAttribute('data-status')).toBe('200');
      const session = JSON.parse((await page.locator('body').getAttribute('data-session')) ?? '{}');
      expect(session.user).toMatchObject({ email, emailVerified: true, name: 'Chromium User' });
      expect(session.session.amr).toEqual(['fed']);

      const cookies = await context.cookies(site.origin);
      const access = cookies.find((c) => c.name === 'gh_access');
      expect(access).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      // The binding cookie goes only to /auth/oauth/…
      expect(cookies.find((c) => c.name === 'gh_oauth')).toBeUndefined();
      const binding = (await context.cookies(callbackFor(site.origin, 'idp'))).find(
        (c) => c.name === 'gh_oauth',
      );
      expect(binding).toMatchObject({ httpOnly: true, path: '/auth/oauth', sameSite: 'Lax' });
    } finally {
      await context.close();
    }
  });
});

/**
 * The page foundation in Debian's Chromium against a real Gatehouse HTTP server. Sessions: a
 * signed-in user whose access cookie has expired follows a link to an account page from another
 * site (a mail read on the web) and lands on that page signed in — the resume hops once through
 * this origin, since the browser holds the SameSite=Strict refresh cookie back on a trip another
 * site started — with JavaScript on and off; someone with no session lands on sign-in with
 * `returnTo`. Theme: the stylesheet at `pages.themeCssUrl` (with a query), its font and the logo
 * at `pages.logoUrl`, all on another origin, load under the page's CSP and apply; `pages.colors`
 * set the accent. No CSP violation anywhere.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/gatehouse.js';
import {
  cspViolations,
  openPagesBrowser,
  type PagesBrowser,
  type RunningPageServer,
  signInWithCookies,
  startPageServer,
} from '../support/page-audit.js';

describe('page sessions in Chromium', { timeout: 120_000 }, () => {
  let pages: PagesBrowser;
  /** Another site (127.0.0.1 is not the same site as localhost) with a link to `?to=`. */
  let elsewhere: Server;
  let elsewhereUrl: string;

  beforeAll(async () => {
    pages = await openPagesBrowser();
    elsewhere = createServer((req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Mail</title><a id="link" href="${pages.url}${to}">Open</a>`);
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => elsewhere?.close(resolve));
    await pages?.close();
  });

  const newPage = (javaScript: boolean) => pages.newPage({ javaScript });

  /** Follows the link on the other site to `path`; the URL the browser ends on. */
  async function fromElsewhere(page: Page, path: string): Promise<URL> {
    await page.goto(`${elsewhereUrl}/?to=${encodeURIComponent(path)}`);
    await Promise.all([page.waitForURL((url) => url.origin === pages.url), page.click('#link')]);
    await page.waitForLoadState('load');
    // The hop's Refresh navigates on its own; wait until the browser stops at a page.
    await page.waitForFunction(() => document.querySelector('h1') !== null);
    return new URL(page.url());
  }

  it.each([true, false])(
    'an expired access cookie and a link from another site: back on the page, signed in (JavaScript %s)',
    async (javaScriptEnabled) => {
      const email = uniqueEmail('resume');
      await pages.gatehouse.signUp(email);
      const page = await newPage(javaScriptEnabled);
      await signInWithCookies(page, pages.url, email);
      const before = await page.context().cookies();
      expect(before.map((c) => c.name).sort()).toEqual(['gh_access', 'gh_refresh']);
      // The access cookie lives only as long as its token: gone, as after 15 minutes.
      await page.context().clearCookies({ name: 'gh_access' });

      const landed = await fromElsewhere(page, '/account');
      expect(landed.pathname).toBe('/account');
      await expect(page.locator('.gh-signed-in-as').textContent()).resolves.toBe(email);
      const after = await page.context().cookies();
      const refresh = (cookies: typeof after) => cookies.find((c) => c.name === 'gh_refresh')?.value;
      expect(refresh(after)).toBeTruthy();
      expect(refresh(after)).not.toBe(refresh(before));
      expect(await cspViolations(page)).toEqual([]);
    },
  );

  it('with no session at all the same link ends on sign-in, returnTo the page', async () => {
    const page = await newPage(true);
    const landed = await fromElsewhere(page, '/account/sessions');
    expect(landed.pathname).toBe('/sign-in');
    expect(landed.searchParams.get('returnTo')).toBe('/account/sessions');
    expect(await cspViolations(page)).toEqual([]);
  });

  describe('the theme settings', () => {
    let themed: RunningPageServer;
    let assets: Server;
    const fetched: string[] = [];
    beforeAll(async () => {
      assets = createServer((req, res) => {
        fetched.push(req.url ?? '');
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const files: Record<string, [string, string]> = {
          '/brand/theme.css': [
            'text/css',
            '@font-face { font-family: Brand; src: url(/brand/brand.woff2) format("woff2"); }\n' +
              ':root { --gh-page: rgb(250, 240, 230); --gh-font: Brand, system-ui, sans-serif; }\n',
          ],
          '/brand/brand.woff2': ['font/woff2', ''],
          '/brand/logo.svg': [
            'image/svg+xml',
            '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32"><rect width="120" height="32" fill="#0f766e"/></svg>',
          ],
        };
        const file = files[path];
        res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
        res.end(file?.[1] ?? '');
      });
      await new Promise<void>((resolve) => assets.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(assets.address() as AddressInfo).port}`;
      themed = await startPageServer('sqlite', {
        pages: {
          productName: 'Acme',
          themeCssUrl: `${origin}/brand/theme.css?v=2`,
          logoUrl: `${origin}/brand/logo.svg`,
          colors: { accent: '#0f766e', onAccent: '#ffffff', accentDark: '#5eead4', onAccentDark: '#042f2e' },
        },
      });
    });
    afterAll(async () => {
      await themed?.close();
      await new Promise((resolve) => assets?.close(resolve));
    });

    it('the theme stylesheet, its font and the logo load from their origin and apply; no CSP violation', async () => {
      const page = await newPage(true);
      await page.goto(`${themed.url}/forgot-password`);
      await page.waitForFunction(() => {
        const logo = document.querySelector<HTMLImageElement>('img.gh-logo');
        return logo?.complete === true && document.fonts.status === 'loaded';
      });
      const look = await page.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        accent: getComputedStyle(document.querySelector('button[type="submit"]')!).backgroundColor,
        font: getComputedStyle(document.body).fontFamily,
        logo: document.querySelector<HTMLImageElement>('img.gh-logo')!.naturalWidth,
        alt: document.querySelector<HTMLImageElement>('img.gh-logo')!.alt,
      }));
      expect(look).toEqual({
        page: 'rgb(250, 240, 230)',
        accent: 'rgb(15, 118, 110)',
        font: 'Brand, system-ui, sans-serif',
        logo: 120,
        alt: 'Acme',
      });
      expect(fetched).toContain('/brand/theme.css?v=2');
      expect(fetched).toContain('/brand/logo.svg');
      expect(fetched).toContain('/brand/brand.woff2');
      expect(await cspViolations(page)).toEqual([]);
    });
  });
});

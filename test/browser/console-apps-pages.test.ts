/**
 * The console's audit log page in Debian's Chromium against a real Gatehouse HTTP server: an
 * operator suspends a user through the console, then reads the trail on `/console/audit` —
 * filtering by the user through the form (keyboard and Enter), with JavaScript on and off — and
 * downloads the CSV through the page's link with the browser's cookies; the page with results,
 * with nothing found and with a bad filter, each audited in both themes at a phone and a desktop
 * width: no serious or critical axe-core violation, no CSP violation. (axe runs as script, so the
 * audits need JavaScript on; with it off the same pages are checked for headings and rows.)
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { totpAt } from '../../src/crypto/totp.js';
import { consoleAuditStrings } from '../../src/ui/locales/console-audit.js';
import { consoleUsersStrings } from '../../src/ui/locales/console-users.js';
import { launchChromium } from '../support/browser.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import { signInOperator } from '../support/operators.js';
import {
  auditPage,
  pressEnter,
  type RunningPageServer,
  replaceText,
  startPageServer,
  tabTo,
  watchCsp,
} from '../support/page-audit.js';

const a = consoleAuditStrings.en;
const s = consoleUsersStrings.en;

describe('the console audit log in Chromium', { timeout: 300_000 }, () => {
  let server: RunningPageServer;
  let launched: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startPageServer('sqlite');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await (await launched?.catch(() => undefined))?.close();
    await server?.close();
  });

  const t = () => server.gatehouse;

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    launched ??= launchChromium();
    const context = await (await launched).newContext({ javaScriptEnabled });
    contexts.push(context);
    await watchCsp(context);
    return context.newPage();
  }

  /** A browser signed in at the console as a new admin with a second factor. */
  async function operatorPage(javaScriptEnabled: boolean) {
    const operator = await signInOperator(t(), { role: 'admin' });
    const page = await newPage(javaScriptEnabled);
    const headers = { 'gatehouse-transport': 'cookie', 'gatehouse-app': CONSOLE_APP_ID, origin: server.url };
    const first = await page.context().request.post(`${server.url}/auth/sign-in/email`, {
      headers,
      data: { email: operator.email, password: PASSWORD },
    });
    const { mfaToken } = (await first.json()) as { mfaToken: string };
    t().clock.advance(30_000);
    const code = totpAt(operator.totpSecret, Math.floor(t().clock.now() / 1000));
    const done = await page.context().request.post(`${server.url}/auth/mfa/verify`, {
      headers,
      data: { mfaToken, method: 'totp', code },
    });
    expect(done.status()).toBe(200);
    return { operator, page };
  }

  const visit = async (page: Page, path: string) => (await page.goto(`${server.url}${path}`))?.status();
  const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim();

  async function press(page: Page, button: string): Promise<number | undefined> {
    const navigation = page.waitForNavigation();
    await page.getByRole('button', { name: button }).first().click();
    return (await navigation)?.status();
  }

  it.each([
    ['off', false],
    ['on', true],
  ] as const)(
    'an operator suspends a user, then reads it in the audit log (JavaScript %s)',
    async (_, js) => {
      const email = uniqueEmail('audited');
      const user = (await t().signUp(email)) as { user: { id: string } };
      const userId = user.user.id;
      const { operator, page } = await operatorPage(js);
      const audit = async (name: string) => {
        if (js) expect(await auditPage(page, name)).toEqual([]);
      };

      expect(await visit(page, `/console/users/${userId}`)).toBe(200);
      expect(await press(page, s.detail.status.buttons.suspend)).toBe(200);
      expect(await press(page, s.confirm.buttons.suspend)).toBe(200);

      expect(await visit(page, '/console/audit')).toBe(200);
      expect(await heading(page)).toBe(a.title);
      expect(await page.locator('nav.gh-nav a[aria-current="page"]').textContent()).toBe(s.nav.audit);
      await audit('console-audit.list');

      // The filter form by keyboard: the target field, the user's id, Enter.
      await tabTo(page, /^input\[text\] "Target/, 30);
      await replaceText(page, userId);
      expect(await pressEnter(page)).toBe(200);
      expect(new URL(page.url()).searchParams.get('target')).toBe(userId);
      const row = page.locator('tbody tr', { hasText: 'user.suspended' });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.getByRole('link', { name: operator.userId }).getAttribute('href')).toBe(
        `/console/users/${operator.userId}`,
      );
      expect(await row.locator('td').nth(4).textContent()).toBe('console');
      await audit('console-audit.filtered');

      // The CSV link, followed with this browser's cookies.
      const href = await page.getByRole('link', { name: a.downloads.csv }).getAttribute('href');
      const csv = await page.context().request.get(`${server.url}${href}`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toContain('user.suspended');

      expect(await visit(page, `/console/audit?target=${userId}&outcome=failure`)).toBe(200);
      expect(await page.getByText(a.results.emptyFiltered).count()).toBe(1);
      await audit('console-audit.empty');

      expect(await visit(page, '/console/audit?from=2024-02-30&type=user.nope')).toBe(400);
      expect(await page.locator('.gh-error-summary a').count()).toBe(2);
      await audit('console-audit.invalid');

      // The stats page: three charts, each an SVG image with its title, and its numbers.
      expect(await visit(page, '/console/stats')).toBe(200);
      expect(await page.getByRole('img', { name: /sign-ups and sign-ins per day/i }).count()).toBe(1);
      expect(await page.getByRole('img', { name: /failed sign-ins per day/i }).count()).toBe(1);
      expect(await page.getByRole('img', { name: /users with each second factor/i }).count()).toBe(1);
      await audit('console-stats');
    },
  );
});

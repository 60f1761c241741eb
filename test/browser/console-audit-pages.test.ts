/**
 * The console's audit log and stats pages in Debian's Chromium against a real Gatehouse HTTP server: an
 * operator suspends a user through the console, then reads the trail on `/console/audit` —
 * filtering by the user through the form (keyboard and Enter), with JavaScript on and off — and
 * downloads the CSV through the page's link with the browser's cookies; the page with results,
 * with nothing found and with a bad filter, each audited in both themes at a phone and a desktop
 * width: no serious or critical axe-core violation, no CSP violation. (axe runs as script, so the
 * audits need JavaScript on; with it off the same pages are checked for headings and rows.) Then
 * the stats page: its three charts, each an SVG image named by its title, audited likewise.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAuditStrings } from '../../src/ui/locales/console-audit.js';
import { consoleUsersStrings } from '../../src/ui/locales/console-users/index.js';
import { uniqueEmail } from '../support/gatehouse.js';
import {
  auditPage,
  heading,
  openPagesBrowser,
  type PagesBrowser,
  press,
  pressEnter,
  replaceText,
  tabTo,
} from '../support/page-audit.js';

const a = consoleAuditStrings.en;
const s = consoleUsersStrings.en;

describe('the console audit log in Chromium', { timeout: 300_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  const t = () => pages.gatehouse;
  const visit = (page: Page, path: string) => pages.visit(page, path);

  it.each([
    ['off', false],
    ['on', true],
  ] as const)(
    'an operator suspends a user, then reads it in the audit log (JavaScript %s)',
    async (_, js) => {
      const email = uniqueEmail('audited');
      const user = (await t().signUp(email)) as { user: { id: string } };
      const userId = user.user.id;
      const { operator, page } = await pages.operatorPage({ javaScript: js });
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
      const csv = await page.context().request.get(`${pages.url}${href}`);
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

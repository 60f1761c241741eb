/**
 * The console's users area in Debian's Chromium against a real Gatehouse HTTP server: an
 * operator's tour — find the user with the search (by keyboard), open their page, suspend them
 * through the confirmation page, reactivate, end their sessions, impersonate them (the account
 * page with the banner), end the impersonation and read the trail — in the user's recent events,
 * then in the audit log (`/console/audit`, whose pages are audited in their own suite) —
 * once with JavaScript off (every form posts and redirects) and once with it on, auditing each
 * page; and every other console users page in each state a person can reach (a bad filter,
 * nothing found, the create form and its errors, a refusal, the 404, an unknown action, the
 * doors for a non-operator, an operator without a second factor, a role too narrow and a browser
 * impersonating), each audited in both themes at a phone and a desktop width: no serious or
 * critical axe-core violation, no CSP violation. (axe runs as script, so the audits need
 * JavaScript on; with it off the same pages are checked for their headings and statuses.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { consoleUsersStrings } from '../../src/ui/locales/console-users/index.js';
import { PASSWORD, signedIn, uniqueEmail } from '../support/gatehouse.js';
import { CONSOLE } from '../support/operators.js';
import {
  auditPage,
  expectPage as expectShown,
  heading,
  openPagesBrowser,
  type PagesBrowser,
  press,
  pressEnter,
  replaceText,
  tabTo,
} from '../support/page-audit.js';

const s = consoleUsersStrings.en;

describe('the console users area in Chromium', { timeout: 300_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  const t = () => pages.gatehouse;
  const visit = (page: Page, path: string) => pages.visit(page, path);
  const operatorPage = (role = 'admin', javaScript = true) => pages.operatorPage({ role, javaScript });

  /**
   * The page answered `status` (200 unless said), shows `title`, and — with JavaScript on, which
   * axe needs — passes every audit as `name`.
   */
  const expectPage = (page: Page, name: string, got: number | undefined, title: string, status = 200) =>
    expectShown(page, name, got, title, status, { audit: scripted.get(page) !== false });
  const scripted = new WeakMap<Page, boolean>();

  const statusText = async (page: Page) => (await page.getByRole('status').first().textContent())?.trim();
  const alertText = async (page: Page) =>
    (await page.locator('main [role="alert"]').first().textContent())?.replace(/\s+/g, ' ').trim();

  it.each([
    ['off', false],
    ['on', true],
  ] as const)(
    'an operator’s tour with JavaScript %s: find, suspend, end sessions, impersonate, read the trail',
    async (_, javaScriptEnabled) => {
      const email = uniqueEmail('tour');
      await t().signUp(email);
      await t().gatehouse.signIn({ email, password: PASSWORD });
      const { operator, page } = await operatorPage('admin', javaScriptEnabled);
      scripted.set(page, javaScriptEnabled);

      await expectPage(page, 'console-users.list', await visit(page, '/console'), s.list.title);
      expect(page.url()).toBe(`${pages.url}/console/users`);
      expect(await page.locator('nav.gh-nav a[aria-current="page"]').textContent()).toBe(s.nav.users);

      // Find the user by keyboard: the search field, then Enter.
      await tabTo(page, /^input\[text\] "Search users/, 20);
      await replaceText(page, email.split('@')[0]!);
      await expectPage(page, 'console-users.search', await pressEnter(page), s.list.title);
      await page.getByRole('link', { name: email }).click();
      await page.waitForURL(/\/console\/users\/usr_/);
      const userUrl = page.url();
      const userId = userUrl.split('/').pop()!;
      await expectPage(page, 'console-users.detail', 200, email);

      // Suspend, through the confirmation page.
      await expectPage(
        page,
        'console-users.confirm-suspend',
        await press(page, s.detail.status.buttons.suspend),
        s.confirm.titles.suspend(email),
      );
      await expectPage(
        page,
        'console-users.detail-suspended',
        await press(page, s.confirm.buttons.suspend),
        email,
      );
      expect(await statusText(page)).toBe(s.done.suspend);
      await press(page, s.detail.status.buttons.reactivate);
      expect(await statusText(page)).toBe(s.done.reactivate);

      // The user signs in on two devices; end every session.
      for (let i = 0; i < 2; i++) signedIn(await t().gatehouse.signIn({ email, password: PASSWORD }));
      await page.reload();
      await expectPage(
        page,
        'console-users.confirm-end-sessions',
        await press(page, s.detail.sessions.endAll),
        s.confirm.titles['end-sessions'](email),
      );
      await press(page, s.confirm.buttons['end-sessions']);
      expect(await statusText(page)).toBe(s.done.endSessions(2));
      expect((await t().gatehouse.getUserDetail(userId)).sessions).toEqual([]);

      // Impersonate: a reason is required, then the browser is the user's, with the banner.
      await expectPage(
        page,
        'console-users.confirm-impersonate',
        await press(page, s.detail.impersonate.start),
        s.confirm.titles.impersonate(email),
      );
      await expectPage(
        page,
        'console-users.confirm-impersonate.no-reason',
        await press(page, s.confirm.buttons.impersonate),
        s.confirm.titles.impersonate(email),
        400,
      );
      await page.getByLabel(s.confirm.reasonLabel).fill('Ticket 4711: invoices page is empty');
      const account = await press(page, s.confirm.buttons.impersonate);
      expect(page.url()).toBe(`${pages.url}/account`);
      expect(account).toBe(200);
      const banner = page.locator('section.gh-impersonation');
      expect(await banner.textContent()).toContain(`You are using ${email}’s account as an operator`);
      if (javaScriptEnabled) expect(await auditPage(page, 'console-users.impersonating-account')).toEqual([]);
      await expectPage(
        page,
        'console-users.impersonation-restricted',
        await visit(page, '/console/users'),
        s.refusals.impersonating.title,
        403,
      );
      await expectPage(
        page,
        'console-users.impersonation-end',
        await visit(page, '/console/impersonation/end'),
        s.impersonation.endTitle,
      );
      // End it from the banner: back on the user's page as the operator.
      await banner.getByRole('button', { name: s.impersonation.end }).click();
      await page.waitForURL(userUrl);
      expect(await heading(page)).toBe(email);
      expect(await page.locator('section.gh-impersonation').count()).toBe(0);

      // The trail: each step, by the operator, through the console (or as the impersonation).
      const events = page.locator('section[aria-labelledby="events"] tbody tr');
      const trail = await events.evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
      );
      const byOperator = (type: string) =>
        trail.some((cells) => cells[1] === type && cells[3] === operator.userId && cells[4] === 'console');
      for (const type of ['user.suspended', 'user.reactivated', 'session.revoked', 'impersonation.started']) {
        expect(byOperator(type), `${type} in ${JSON.stringify(trail)}`).toBe(true);
      }
      if (javaScriptEnabled) expect(await auditPage(page, 'console-users.detail-trail')).toEqual([]);

      // The whole trail in the audit log, from the user's page: each row's event, actor and via.
      await page.getByRole('link', { name: s.detail.events.all }).click();
      await page.waitForURL(/\/console\/audit\?user=usr_/);
      expect(await heading(page)).toBe('Audit log');
      const log = await page
        .locator('main tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
        );
      for (const type of ['user.suspended', 'user.reactivated', 'session.revoked', 'impersonation.started']) {
        const row = log.find(
          (cells) => cells[1] === type && cells[2] === operator.userId && cells[5] === 'console',
        );
        expect(row, `${type} in ${JSON.stringify(log)}`).toBeTruthy();
      }
    },
  );

  it('every other state: a bad filter, nothing found, create, refusals, 404, unknown action', async () => {
    const { operator, page } = await operatorPage();
    await expectPage(
      page,
      'console-users.filter-invalid',
      await visit(page, '/console/users?status=gone&role=admin'),
      s.list.title,
      400,
    );
    await expectPage(
      page,
      'console-users.empty',
      await visit(page, '/console/users?q=nobody-at-all-here'),
      s.list.title,
    );
    expect(await page.getByText(s.list.emptyFiltered).count()).toBe(1);

    await page.getByRole('link', { name: s.list.create }).click();
    await page.waitForURL(/\/console\/users\/new$/);
    await expectPage(page, 'console-users.new', 200, s.create.title);
    await page.getByLabel(s.create.setPassword).check();
    await expectPage(
      page,
      'console-users.new.invalid',
      await press(page, s.create.submit),
      s.create.title,
      400,
    );
    const newEmail = uniqueEmail('made-in-console');
    await page.getByLabel(s.create.emailLabel).fill(newEmail);
    await page.getByLabel(s.create.mailLink).check();
    await expectPage(page, 'console-users.created', await press(page, s.create.submit), newEmail);
    expect(await statusText(page)).toBe(s.done.createdLinkSent(newEmail));

    await expectPage(
      page,
      'console-users.confirm-self',
      await visit(page, `/console/users/${operator.userId}/confirm?action=suspend`),
      s.confirm.titles.suspend(operator.email),
    );
    await expectPage(
      page,
      'console-users.confirm-self.refused',
      await press(page, s.confirm.buttons.suspend),
      s.confirm.titles.suspend(operator.email),
      409,
    );
    expect(await alertText(page)).toBe(s.refused.CANNOT_ACT_ON_SELF);

    await expectPage(
      page,
      'console-users.not-found',
      await visit(page, '/console/users/usr_0190f2a81b3c7abc8123456789abcdef'),
      s.detail.notFound.title,
      404,
    );
    await expectPage(
      page,
      'console-users.confirm-unknown',
      await visit(page, `/console/users/${operator.userId}/confirm?action=explode`),
      s.confirm.unknown.title,
      400,
    );
  });

  it('the doors: not an operator, no second factor, a role too narrow', async () => {
    const user = await t().signUp(uniqueEmail('not-operator'));
    const stranger = await pages.pageWithToken(user.accessToken);
    await expectPage(
      stranger,
      'console-users.not-operator',
      await visit(stranger, '/console/users'),
      s.refusals.notOperator.title,
      403,
    );

    const email = uniqueEmail('aal1-operator');
    const up = await t().signUp(email);
    await t().gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    const aal1 = signedIn(await t().gatehouse.signIn({ email, password: PASSWORD }, CONSOLE));
    const unsure = await pages.pageWithToken(aal1.accessToken);
    await expectPage(
      unsure,
      'console-users.mfa-required',
      await visit(unsure, '/console/users'),
      s.refusals.mfaRequired.title,
      403,
    );

    const { page } = await operatorPage('support');
    await expectPage(
      page,
      'console-users.insufficient',
      await visit(page, `/console/users/${up.user.id}/confirm?action=delete`),
      s.refusals.insufficient.title,
      403,
    );
    await expectPage(
      page,
      'console-users.detail-support',
      await visit(page, `/console/users/${up.user.id}`),
      email,
    );
    expect(await page.getByRole('button', { name: s.detail.status.buttons.suspend }).count()).toBe(0);
  });
});

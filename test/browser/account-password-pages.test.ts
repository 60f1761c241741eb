/**
 * The account states that depend on what the account holds, in Chromium: an account without a
 * password (signed up with a magic link) sets its first one at /account/password, and its email
 * page points there; then a pending address change shows on the email page. Every state audited
 * in both themes with no CSP violation, and the set-password form also works with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../src/ui/locales/account/index.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import { cspViolations, expectPage, openPagesBrowser, type PagesBrowser } from '../support/page-audit.js';
import { magicLinkSignIn } from '../ui/account/passwordless-user.js';

const s = accountStrings.en;
const GOOD = 'plum tractor velvet 93 harbour';

describe('account password and email states in Chromium', { timeout: 300_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  for (const javaScript of [true, false]) {
    it(`an account without a password sets its first one (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const t = pages.gatehouse;
      const email = uniqueEmail('first-password');
      const { accessToken } = await magicLinkSignIn(t, email);
      const page = await pages.pageWithToken(accessToken, { javaScript });
      const audit = { audit: javaScript };

      await expectPage(
        page,
        'account.email.no-password',
        await pages.visit(page, '/account/email'),
        s.email.title,
        200,
        audit,
      );
      expect(await page.getByRole('link', { name: s.email.setPassword }).getAttribute('href')).toBe(
        '/account/password',
      );

      await expectPage(
        page,
        'account.reauth.no-password',
        await pages.visit(page, '/account/reauth?returnTo=%2Faccount%2Fpassword'),
        s.reauth.title,
        200,
        audit,
      );
      expect(await page.locator('#reauth-password').count()).toBe(0);
      await expectPage(
        page,
        'account.password.set',
        await pages.visit(page, '/account/password'),
        s.password.setTitle,
        200,
        audit,
      );
      await page.getByLabel(s.password.newLabel).fill('short');
      const [weak] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: s.password.setSubmit }).click(),
      ]);
      await expectPage(page, 'account.password.set-weak', weak?.status(), s.password.setTitle, 400, audit);

      await page.getByLabel(s.password.newLabel).fill(GOOD);
      await Promise.all([
        page.waitForURL(/result=set/),
        page.getByRole('button', { name: s.password.setSubmit }).click(),
      ]);
      await expectPage(page, 'account.password.set-done', 200, s.password.title, 200, audit);
      expect(await page.getByRole('status').innerText()).toContain(s.password.set);

      // The password works now, and the page offers the change form (with the current one).
      const signedIn = await t.gatehouse.signIn({ email, password: GOOD });
      expect('user' in signedIn && signedIn.user.email).toBe(email);
      expect(await page.getByLabel(s.password.currentLabel).count()).toBe(1);
      expect(await cspViolations(page)).toEqual([]);
    });
  }

  it('a pending address change is shown on the email page', async () => {
    const { page } = await pages.signedInPage('pending-email');
    await pages.visit(page, '/account/email');
    const next = uniqueEmail('pending-next');
    await page.getByLabel(s.email.newLabel).fill(next);
    await page.getByLabel(s.email.passwordLabel).fill(PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: s.email.submit }).click()]);
    await expectPage(page, 'account.email.pending', await pages.visit(page, '/account/email'), s.email.title);
    expect(await page.getByText(s.email.pendingTitle).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain(next);
  });
});

/**
 * The account pages in Debian's Chromium against a real Gatehouse HTTP server: every account
 * page, and each error state a person can reach there, audited in the light and the dark theme at
 * a phone and a desktop width (no serious or critical axe-core violation, no CSP violation,
 * screenshots saved for review); and three flows of a user's life, each with JavaScript on and
 * off — change the email address and undo it from the old address (the mailed undo link), reset
 * the password through the forgot-password mail, delete the account.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../src/ui/locales/account/index.js';
import { en } from '../../src/ui/locales/en.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import { signInOperator } from '../support/operators.js';
import {
  auditPage,
  cspViolations,
  expectPage,
  heading,
  openPagesBrowser,
  type PagesBrowser,
  press,
  signInWithCookies,
} from '../support/page-audit.js';
import { mailedLink } from '../support/smtp.js';

const a = accountStrings.en;
const NEW_PASSWORD = 'a passphrase chosen on the reset page';

describe('the account pages in Chromium', { timeout: 240_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  const t = () => pages.gatehouse;
  /** A new user, signed in in a new browser. */
  const signedIn = (tag: string, javaScript = true) => pages.signedInPage(tag, { javaScript });
  const visit = (page: Page, path: string | URL) => pages.visit(page, path);

  it('profile: the form, a field sent back with its error, saved', async () => {
    const { page } = await signedIn('audit-profile');
    await expectPage(page, 'account.profile', await visit(page, '/account'), a.profile.title);
    expect(await page.locator('nav.gh-nav a[aria-current="page"]').textContent()).toBe(a.nav.profile);
    await page.getByLabel(a.profile.phoneLabel).fill('0155 555');
    await expectPage(
      page,
      'account.profile.invalid',
      await press(page, a.profile.submit),
      a.profile.title,
      400,
    );
    // The summary's link leads to the field.
    await page.getByRole('link', { name: a.profile.invalid.phone }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-phone');
    await page.getByLabel(a.profile.phoneLabel).fill('+14155550123');
    await page.getByLabel(a.profile.nameLabel).fill('Grace Hopper');
    await expectPage(page, 'account.profile.saved', await press(page, a.profile.submit), a.profile.title);
    expect(await page.getByRole('status').first().textContent()).toContain(a.profile.saved);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('password and email: the forms and their errors', async () => {
    const { page } = await signedIn('audit-password');
    await expectPage(page, 'account.password', await visit(page, '/account/password'), a.password.title);
    await page.getByLabel(a.password.currentLabel).fill('not the password');
    await page.getByLabel(a.password.newLabel).fill('short');
    await expectPage(
      page,
      'account.password.weak',
      await press(page, a.password.submit),
      a.password.title,
      400,
    );
    await page.getByLabel(a.password.currentLabel).fill('not the password');
    await page.getByLabel(a.password.newLabel).fill('a long and uncommon passphrase 93');
    await expectPage(
      page,
      'account.password.wrong',
      await press(page, a.password.submit),
      a.password.title,
      403,
    );

    await expectPage(page, 'account.email', await visit(page, '/account/email'), a.email.title);
    await page.getByLabel(a.email.newLabel).fill('not an address');
    await page.getByLabel(a.email.passwordLabel).fill(PASSWORD);
    await expectPage(page, 'account.email.invalid', await press(page, a.email.submit), a.email.title, 400);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('sessions and apps: the list, one ended; the apps table', async () => {
    const { email, page } = await signedIn('audit-sessions');
    await t().request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' },
    });
    await expectPage(page, 'account.sessions', await visit(page, '/account/sessions'), a.sessions.title);
    await expectPage(
      page,
      'account.sessions.ended',
      await press(page, new RegExp(`^${a.sessions.end}\\s*the session on `)),
      a.sessions.title,
    );
    expect(await page.getByRole('status').first().textContent()).toContain(a.sessions.ended);
    await expectPage(page, 'account.apps', await visit(page, '/account/apps'), a.apps.title);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('reauthentication: the form, a wrong password, then back where it was asked for', async () => {
    const { page } = await signedIn('audit-reauth');
    await expectPage(
      page,
      'account.reauth',
      await visit(page, '/account/reauth?returnTo=%2Faccount%2Fapps'),
      a.reauth.title,
    );
    await page.getByLabel(a.reauth.passwordLabel).fill('not the password');
    await expectPage(
      page,
      'account.reauth.wrong',
      await press(page, a.reauth.passwordSubmit),
      a.reauth.title,
      403,
    );
    await page.getByLabel(a.reauth.passwordLabel).fill(PASSWORD);
    expect(await press(page, a.reauth.passwordSubmit)).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/account/apps');
    expect(await cspViolations(page)).toEqual([]);
  });

  it('data and deletion: the pages, the confirmation sent back unticked', async () => {
    const { page } = await signedIn('audit-data');
    await expectPage(page, 'account.data', await visit(page, '/account/data'), a.data.title);
    await page.getByRole('link', { name: a.data.deleteLink }).click();
    await page.waitForURL(`${pages.url}/account/delete`);
    await expectPage(page, 'account.delete', 200, a.deleteAccount.title);
    expect(await page.locator('nav.gh-nav a[aria-current="page"]').textContent()).toBe(a.nav.data);
    await expectPage(
      page,
      'account.delete.invalid',
      await press(page, a.deleteAccount.submit),
      a.deleteAccount.title,
      400,
    );
    expect(await cspViolations(page)).toEqual([]);
  });

  it('an impersonated session: the refusal is a clear page that passes the audits', async () => {
    const email = uniqueEmail('audit-impersonated');
    const user = await t().signUp(email);
    const operator = await signInOperator(t());
    const reply = await t().request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
      token: operator.accessToken,
      body: { reason: 'ticket 7' },
    });
    const page = await pages.newPage();
    await page.context().addCookies([{ name: 'gh_access', value: reply.body.accessToken, url: pages.url }]);
    await visit(page, '/account/data');
    await expectPage(
      page,
      'account.data.impersonated',
      await press(page, a.data.exportSubmit),
      a.data.title,
      403,
    );
    expect(await page.getByRole('alert').textContent()).toContain(a.impersonated.title);
  });

  it('the data export downloads a JSON file', async () => {
    const { email, page } = await signedIn('audit-export');
    await visit(page, '/account/data');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: a.data.exportSubmit }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^account-data-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        let body = '';
        stream.on('data', (chunk) => (body += chunk));
        stream.on('end', () => resolve(body));
        stream.on('error', reject);
      }, reject);
    });
    expect(JSON.parse(text).user.email).toBe(email);
  });

  for (const js of [true, false]) {
    const mode = js ? 'JavaScript on' : 'JavaScript off';
    const audit = async (page: Page, name: string) => {
      if (js) expect(await auditPage(page, name)).toEqual([]);
    };

    it(`${mode}: change the email address, then undo it from the old address`, async () => {
      const { email, page } = await signedIn(`flow-email-${js}`, js);
      const next = uniqueEmail(`flow-email-new-${js}`);
      expect(await visit(page, '/account/email')).toBe(200);
      await page.getByLabel(a.email.newLabel).fill(next);
      await page.getByLabel(a.email.passwordLabel).fill(PASSWORD);
      expect(await press(page, a.email.submit)).toBe(200);
      expect(await page.getByRole('status').first().textContent()).toContain(a.email.sent.title);
      await audit(page, `account.email.sent.${js ? 'js' : 'nojs'}`);

      const confirm = await mailedLink(pages.server.mails, next, 'confirm-email-change');
      expect(await visit(page, confirm.url)).toBe(200);
      expect(await press(page, en.confirmEmailChange.submit)).toBe(200);
      expect(await heading(page)).toBe(en.confirmEmailChange.done.title);

      // The notice to the old address carries the undo link (its second mailed cancel link).
      const undo = await mailedLink(pages.server.mails, email, 'cancel-email-change', 2);
      expect(await visit(page, undo.url)).toBe(200);
      expect(await press(page, en.cancelEmailChange.submit)).toBe(200);
      expect(await heading(page)).toBe(en.cancelEmailChange.undone.title);

      const signIn = (address: string) =>
        t().request('POST', '/auth/sign-in/email', { body: { email: address, password: PASSWORD } });
      expect((await signIn(email)).status).toBe(200);
      expect((await signIn(next)).status).toBe(401);
      expect(await cspViolations(page)).toEqual([]);
    });

    it(`${mode}: reset the password through the forgot-password mail, from the password page`, async () => {
      const { email, page } = await signedIn(`flow-reset-${js}`, js);
      expect(await visit(page, '/account/password')).toBe(200);
      await page.getByRole('link', { name: a.password.forgot }).click();
      await page.waitForURL(`${pages.url}/forgot-password`);
      await page.getByLabel(en.forgotPassword.emailLabel).fill(email);
      expect(await press(page, en.forgotPassword.submit)).toBe(200);
      expect(await heading(page)).toBe(en.forgotPassword.sent.title);

      const { url } = await mailedLink(pages.server.mails, email, 'reset-password');
      expect(await visit(page, url)).toBe(200);
      await page.getByLabel(en.resetPassword.passwordLabel).fill(NEW_PASSWORD);
      expect(await press(page, en.resetPassword.submit)).toBe(200);
      expect(await heading(page)).toBe(en.resetPassword.done.title);

      // The reset ended every session, this browser's too: the account pages ask to sign in.
      await visit(page, '/account');
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?returnTo=%2Faccount');
      await signInWithCookies(page, pages.url, email, NEW_PASSWORD);
      expect(await visit(page, '/account')).toBe(200);
      expect(await heading(page)).toBe(a.profile.title);
      expect(await cspViolations(page)).toEqual([]);
    });

    it(`${mode}: delete the account after confirming`, async () => {
      const { email, page } = await signedIn(`flow-delete-${js}`, js);
      expect(await visit(page, '/account/data')).toBe(200);
      await page.getByRole('link', { name: a.data.deleteLink }).click();
      await page.waitForURL(`${pages.url}/account/delete`);
      await page.getByLabel(a.deleteAccount.passwordLabel).fill(PASSWORD);
      // Not ticked: the page asks again, nothing is deleted.
      expect(await press(page, a.deleteAccount.submit)).toBe(400);
      await page.getByLabel(a.deleteAccount.passwordLabel).fill(PASSWORD);
      await page.getByLabel(a.deleteAccount.confirmLabel).check();
      expect(await press(page, a.deleteAccount.submit)).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/account/deleted');
      expect(await heading(page)).toBe(a.deleted.title);
      await audit(page, `account.deleted.${js ? 'js' : 'nojs'}`);

      const signIn = await t().request('POST', '/auth/sign-in/email', {
        body: { email, password: PASSWORD },
      });
      expect(signIn.status).toBe(401);
      expect((await page.context().cookies()).some((c) => c.name === 'gh_access')).toBe(false);
      expect(await cspViolations(page)).toEqual([]);
    });
  }
});

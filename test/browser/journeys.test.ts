/**
 * The two journeys of the hosted pages, each one continuous test in Debian's Chromium against a
 * real Gatehouse HTTP server with mail over SMTP: a new user's whole life only through the pages
 * (sign up, the mailed verify link, sign in, an authenticator app and signing in with it, a
 * passkey and signing in with it, an email change undone from the old address, a password reset
 * through the mail, a personal access token made, used and revoked, the account deleted) — with
 * JavaScript on, and again with it off for every step that can work without it (all but the
 * passkey); and an operator's tour of the console (sign in through the pages, find a user,
 * suspend and reactivate them, end their sessions, impersonate them, read the audit trail). The
 * only shortcuts are reading the mail the receiver got and computing the app's codes; each page
 * is audited elsewhere, here only at a few key states.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { accountStrings } from '../../src/ui/locales/account/index.js';
import { accountSecurityStrings } from '../../src/ui/locales/account-security/index.js';
import { consoleAuditStrings } from '../../src/ui/locales/console-audit.js';
import { consoleUsersStrings } from '../../src/ui/locales/console-users/index.js';
import { en as shared } from '../../src/ui/locales/en.js';
import { signInStrings } from '../../src/ui/locales/sign-in/index.js';
import { addVirtualAuthenticator, launchChromium } from '../support/browser.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import {
  auditPage,
  cspViolations,
  type RunningPageServer,
  startPageServer,
  watchCsp,
} from '../support/page-audit.js';
import { mailedLink, verificationLink } from '../support/smtp.js';

const account = accountStrings.en;
const security = accountSecurityStrings.en;
const signIn = signInStrings.en;
const users = consoleUsersStrings.en;
const audit = consoleAuditStrings.en;

const FIRST_PASSWORD = 'a first passphrase typed on the sign-up page';
const RESET_PASSWORD = 'a second passphrase chosen after the reset mail';

describe('the journeys through the pages in Chromium', { timeout: 600_000 }, () => {
  /** Addresses must be verified first here, so sign-up goes through the mailed link. */
  let life: RunningPageServer;
  let consoleServer: RunningPageServer;
  // Launched by the first test, so a missing Chromium fails the tests rather than a hook.
  let launched: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    life = await startPageServer('sqlite', { requireEmailVerified: true });
    consoleServer = await startPageServer('sqlite');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await (await launched?.catch(() => undefined))?.close();
    await life?.close();
    await consoleServer?.close();
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    launched ??= launchChromium();
    const context = await (await launched).newContext({ javaScriptEnabled });
    contexts.push(context);
    await watchCsp(context);
    return context.newPage();
  }

  /** The browser helpers for one server. */
  function on(server: RunningPageServer, page: Page) {
    const visit = async (target: string | URL) =>
      (await page.goto(typeof target === 'string' ? `${server.url}${target}` : target.href))?.status();
    const heading = async () => (await page.locator('h1').textContent())?.trim();
    const path = () => new URL(page.url()).pathname + new URL(page.url()).search;
    /** Does `act` and returns the status of the page it leads to, after redirects. */
    async function sends(act: () => Promise<unknown>): Promise<number | undefined> {
      const navigation = page.waitForNavigation();
      try {
        await act();
      } catch (error) {
        navigation.catch(() => {});
        throw error;
      }
      return (await navigation)?.status();
    }
    const press = (name: string | RegExp) =>
      sends(() =>
        page
          .getByRole('button', { name, exact: typeof name === 'string' })
          .first()
          .click(),
      );
    const follow = (name: string) => sends(() => page.getByRole('link', { name, exact: true }).click());
    /** The session the browser's cookies hold, as the API reports it (asked as `app`, when given). */
    const session = async (app?: string) => {
      const reply = await page.context().request.get(`${server.url}/auth/session`, {
        headers: { 'gatehouse-transport': 'cookie', ...(app ? { 'gatehouse-app': app } : {}) },
      });
      return { status: reply.status(), body: reply.status() === 200 ? await reply.json() : null };
    };
    /** The app's code for `secret` now — one step on, so a code is never reused (replays are refused). */
    const nextCode = (secret: string) => {
      server.gatehouse.clock.advance(30_000);
      return totpAt(base32Decode(secret), Math.floor(server.gatehouse.clock.now() / 1000));
    };
    /** Fills the sign-in page's password form and sends it; returns the status of the answer. */
    async function signInWithPassword(login: string, password: string) {
      await page.fill('#login', login);
      await page.fill('#password', password);
      return sends(() => page.click('form:has(#login) button[type="submit"]'));
    }
    /** The second step's page: the app's code, then where the sign-in was going. */
    async function secondStep(secret: string) {
      expect(await heading()).toBe(signIn.mfa.title);
      await page.fill('#totp-code', nextCode(secret));
      return sends(() => page.click('form:has(#totp-code) button'));
    }
    const signOut = async () => {
      await sends(() => page.click('.gh-signout button'));
      expect(path()).toBe('/sign-in?result=signed-out');
    };
    const expectAudited = async (name: string) => expect(await auditPage(page, name)).toEqual([]);
    return {
      visit,
      heading,
      path,
      sends,
      press,
      follow,
      session,
      nextCode,
      signInWithPassword,
      secondStep,
      signOut,
      expectAudited,
    };
  }

  const bearerStatus = async (server: RunningPageServer, token: string) =>
    (await fetch(`${server.url}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  /** A new user's whole life through the pages; the passkey steps and the audits with JavaScript only. */
  async function wholeLife(js: boolean) {
    const server = life;
    const page = await newPage(js);
    const b = on(server, page);
    const tag = js ? 'js' : 'nojs';
    const auditAt = async (name: string) => {
      if (js) await b.expectAudited(`journey.${name}`);
    };
    const email = uniqueEmail(`life-${tag}`);

    // Sign up: the address must be confirmed first, so no session yet.
    expect(await b.visit('/sign-up')).toBe(200);
    await page.fill('#email', email);
    await page.fill('#password', FIRST_PASSWORD);
    expect(await b.sends(() => page.click('form button[type="submit"]'))).toBe(200);
    expect(b.path()).toBe('/sign-up?result=check-mail');
    expect(await b.heading()).toBe(signIn.signUp.checkMail.title);
    expect((await b.session()).status).toBe(401);
    await auditAt('check-mail');

    // The mailed link: its page changes nothing until its button is pressed.
    const verify = await verificationLink(server.mails, email);
    expect(await b.visit(verify)).toBe(200);
    expect(await b.heading()).toBe(shared.verifyEmail.title);
    expect(await b.press(shared.verifyEmail.submit)).toBe(200);
    expect(await b.heading()).toBe(shared.verifyEmail.done.title);

    // Sign in with the password.
    expect(await b.visit('/sign-in?returnTo=%2Faccount')).toBe(200);
    expect(await b.signInWithPassword(email, FIRST_PASSWORD)).toBe(200);
    expect(b.path()).toBe('/account');
    expect(await page.locator('main').textContent()).toContain(account.profile.signedInAs(email));
    expect((await b.session()).body.session).toMatchObject({ amr: ['pwd'] });
    await auditAt('account');

    // An authenticator app, its key read from the page.
    expect(await b.visit('/account/security')).toBe(200);
    expect(await b.heading()).toBe(security.overview.title);
    expect(await b.follow(security.overview.totpSetUp)).toBe(200);
    expect(await b.press(security.totp.start)).toBe(200);
    expect(await b.heading()).toBe(security.totp.title);
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await auditAt('totp-setup');
    await page.fill('#totp-code', b.nextCode(secret));
    expect(await b.press(security.totp.submit)).toBe(200);
    expect(await b.heading()).toBe(security.recovery.title);
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    expect(await b.follow(security.recovery.continue)).toBe(200);
    expect(await b.heading()).toBe(security.overview.title);

    // Out, and in again with the password and the app's code.
    await b.signOut();
    expect((await b.session()).status).toBe(401);
    expect(await b.signInWithPassword(email, FIRST_PASSWORD)).toBe(200);
    expect(b.path()).toBe('/sign-in');
    await auditAt('mfa-step');
    expect(await b.secondStep(secret)).toBe(200);
    expect(b.path()).toBe('/account');
    expect((await b.session()).body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });

    if (js) {
      // A passkey with the virtual authenticator, then out and in with it alone.
      const authenticator = await addVirtualAuthenticator(page);
      expect(await b.visit('/account/security')).toBe(200);
      expect(await b.follow(security.overview.passkeyAdd)).toBe(200);
      await page.fill('#passkey-name', 'This browser');
      expect(await b.press(security.passkeys.start)).toBe(200);
      expect(await b.heading()).toBe(security.passkeys.createTitle);
      await expect
        .poll(() => page.getByRole('button', { name: security.passkeys.create }).isVisible())
        .toBe(true);
      expect(await b.press(security.passkeys.create)).toBe(200);
      // Not the first second factor: no new recovery codes, back on the overview.
      expect(b.path()).toBe('/account/security?done=passkey-added');
      expect(await page.getByRole('status').first().textContent()).toContain(
        security.overview.done.passkeyAdded,
      );
      expect(await authenticator.credentials()).toHaveLength(1);
      await auditAt('security-passkey-added');

      await b.signOut();
      await expect
        .poll(() => page.getByRole('button', { name: signIn.signIn.passkey }).isVisible())
        .toBe(true);
      expect(await b.press(signIn.signIn.passkey)).toBe(200);
      expect(b.path()).toBe('/account');
      expect((await b.session()).body.session.amr).toContain('hwk');
    }

    // Change the email address; the new one confirms, the old one's mail undoes it.
    const next = uniqueEmail(`life-new-${tag}`);
    expect(await b.visit('/account/email')).toBe(200);
    await page.getByLabel(account.email.newLabel).fill(next);
    await page.getByLabel(account.email.passwordLabel).fill(FIRST_PASSWORD);
    expect(await b.press(account.email.submit)).toBe(200);
    expect(await page.getByRole('status').first().textContent()).toContain(account.email.sent.title);
    const confirm = await mailedLink(server.mails, next, 'confirm-email-change');
    expect(await b.visit(confirm.url)).toBe(200);
    expect(await b.press(shared.confirmEmailChange.submit)).toBe(200);
    expect(await b.heading()).toBe(shared.confirmEmailChange.done.title);
    // The confirm page sends no session with the link, so every session ends (this one too):
    // signing in with the new address shows it on the account.
    expect(await b.visit('/account')).toBe(200);
    expect(b.path()).toBe('/sign-in?returnTo=%2Faccount');
    expect(await b.signInWithPassword(next, FIRST_PASSWORD)).toBe(200);
    expect(await b.secondStep(secret)).toBe(200);
    expect(b.path()).toBe('/account');
    expect(await page.locator('main').textContent()).toContain(account.profile.signedInAs(next));

    // The old address got the notice with the undo link (its second cancel link; the first came
    // with the request).
    const undo = await mailedLink(server.mails, email, 'cancel-email-change', 2);
    expect(await b.visit(undo.url)).toBe(200);
    expect(await b.press(shared.cancelEmailChange.submit)).toBe(200);
    expect(await b.heading()).toBe(shared.cancelEmailChange.undone.title);
    await auditAt('email-undone');
    // Undoing ends every session: sign in again, with the old address.
    expect(await b.visit('/account')).toBe(200);
    expect(b.path()).toBe('/sign-in?returnTo=%2Faccount');
    expect(await b.signInWithPassword(next, FIRST_PASSWORD)).toBe(400);
    expect(await page.locator('#password-error').textContent()).toBe(signIn.errors.invalidCredentials);
    expect(await b.signInWithPassword(email, FIRST_PASSWORD)).toBe(200);
    expect(await b.secondStep(secret)).toBe(200);
    expect(b.path()).toBe('/account');
    expect(await page.locator('main').textContent()).toContain(account.profile.signedInAs(email));

    // Reset the password through the forgot-password mail, from the password page.
    expect(await b.visit('/account/password')).toBe(200);
    expect(await b.follow(account.password.forgot)).toBe(200);
    expect(b.path()).toBe('/forgot-password');
    await page.getByLabel(shared.forgotPassword.emailLabel).fill(email);
    expect(await b.press(shared.forgotPassword.submit)).toBe(200);
    expect(await b.heading()).toBe(shared.forgotPassword.sent.title);
    const reset = await mailedLink(server.mails, email, 'reset-password');
    expect(await b.visit(reset.url)).toBe(200);
    await page.getByLabel(shared.resetPassword.passwordLabel).fill(RESET_PASSWORD);
    expect(await b.press(shared.resetPassword.submit)).toBe(200);
    expect(await b.heading()).toBe(shared.resetPassword.done.title);
    await auditAt('password-reset');
    // The reset ended every session; the old password no longer works, the new one does.
    expect(await b.visit('/account')).toBe(200);
    expect(b.path()).toBe('/sign-in?returnTo=%2Faccount');
    expect(await b.signInWithPassword(email, FIRST_PASSWORD)).toBe(400);
    expect(await b.signInWithPassword(email, RESET_PASSWORD)).toBe(200);
    expect(await b.secondStep(secret)).toBe(200);
    expect(b.path()).toBe('/account');

    // A personal access token: shown once, working as a bearer, then revoked.
    expect(await b.visit('/account/tokens')).toBe(200);
    await page.fill('#token-name', 'Journey script');
    await page.check('input[value="profile:read"]');
    expect(await b.press(security.tokens.submit)).toBe(200);
    expect(await b.heading()).toBe(security.tokens.createdTitle);
    const token = (await page.locator('#new-token').textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    await auditAt('token-created');
    const me = await fetch(`${server.url}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(email);
    expect(await b.follow(security.tokens.back)).toBe(200);
    expect(await page.content()).not.toContain(token);
    expect(await b.follow(security.tokens.revokeNamed('Journey script'))).toBe(200);
    await page.check('#confirm-remove');
    expect(await b.press(security.tokens.revokeConfirm.submit)).toBe(200);
    expect(b.path()).toBe('/account/tokens?done=revoked');
    expect(await bearerStatus(server, token)).toBe(401);

    // Delete the account; signing in is refused afterwards.
    expect(await b.visit('/account/data')).toBe(200);
    expect(await b.follow(account.data.deleteLink)).toBe(200);
    expect(b.path()).toBe('/account/delete');
    await page.getByLabel(account.deleteAccount.passwordLabel).fill(RESET_PASSWORD);
    await page.getByLabel(account.deleteAccount.confirmLabel).check();
    expect(await b.press(account.deleteAccount.submit)).toBe(200);
    expect(b.path()).toBe('/account/deleted');
    expect(await b.heading()).toBe(account.deleted.title);
    await auditAt('deleted');
    expect((await b.session()).status).toBe(401);
    expect(await b.visit('/sign-in')).toBe(200);
    expect(await b.signInWithPassword(email, RESET_PASSWORD)).toBe(400);
    expect(await page.locator('#password-error').textContent()).toBe(signIn.errors.invalidCredentials);
    expect(await cspViolations(page)).toEqual([]);
  }

  it("a new user's whole life through the pages, with JavaScript on", async () => {
    await wholeLife(true);
  });

  it("a new user's whole life through the pages, with JavaScript off (all but the passkey)", async () => {
    await wholeLife(false);
  });

  it("an operator's tour of the console: signed in through the pages, find, suspend, end sessions, impersonate, the trail", async () => {
    const server = consoleServer;
    const t = server.gatehouse;

    // The operator: an account the facade makes a console admin; the authenticator app is added
    // through the pages (a signed-in account page), as an operator would.
    const operatorEmail = uniqueEmail('tour-operator');
    const up = await t.gatehouse.signUp({ email: operatorEmail, password: PASSWORD });
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    const page = await newPage(true);
    const b = on(server, page);
    expect(await b.visit('/sign-in')).toBe(200);
    expect(await b.signInWithPassword(operatorEmail, PASSWORD)).toBe(200);
    expect(b.path()).toBe('/account');
    expect(await b.visit('/account/security/totp')).toBe(200);
    expect(await b.press(security.totp.start)).toBe(200);
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    await page.fill('#totp-code', b.nextCode(secret));
    expect(await b.press(security.totp.submit)).toBe(200);
    expect(await b.heading()).toBe(security.recovery.title);
    await b.signOut();

    // The user, signed up and signed in in a browser of their own.
    const email = uniqueEmail('tour-user');
    const userPage = await newPage(true);
    const u = on(server, userPage);
    expect(await u.visit('/sign-up')).toBe(200);
    await userPage.fill('#email', email);
    await userPage.fill('#password', FIRST_PASSWORD);
    expect(await u.sends(() => userPage.click('form button[type="submit"]'))).toBe(200);
    expect(u.path()).toBe('/account');

    // The console's sign-in: the password and the app's code, at the console app.
    expect(await b.visit('/sign-in?returnTo=%2Fconsole')).toBe(200);
    expect(await b.signInWithPassword(operatorEmail, PASSWORD)).toBe(200);
    expect(await b.secondStep(secret)).toBe(200);
    expect(b.path()).toBe('/console/users');
    expect(await b.heading()).toBe(users.list.title);
    expect((await b.session(CONSOLE_APP_ID)).body?.session).toMatchObject({
      appId: CONSOLE_APP_ID,
      aal: 'aal2',
    });

    // Find the user by a part of their address.
    await page.getByRole('textbox', { name: users.list.searchLabel, exact: true }).fill(email.split('@')[0]!);
    expect(
      await b.sends(() =>
        page.getByRole('textbox', { name: users.list.searchLabel, exact: true }).press('Enter'),
      ),
    ).toBe(200);
    expect(b.path()).toContain('q=');
    const found = page.locator('main tbody tr');
    expect(await found.count()).toBe(1);
    expect(await b.follow(email)).toBe(200);
    expect(await b.heading()).toBe(email);
    const userUrl = page.url();
    const userId = new URL(userUrl).pathname.split('/').pop()!;
    expect(userId).toMatch(/^usr_/);
    await b.expectAudited('journey.console.user');

    // Suspend, through the confirmation page; the user's sign-in is refused.
    expect(await b.press(users.detail.status.buttons.suspend)).toBe(200);
    expect(await b.heading()).toBe(users.confirm.titles.suspend(email));
    expect(await b.press(users.confirm.buttons.suspend)).toBe(200);
    expect(page.url().startsWith(userUrl)).toBe(true);
    expect((await page.getByRole('status').first().textContent())?.trim()).toBe(users.done.suspend);
    // Suspending ended the user's session: their browser is sent to sign in, and refused.
    expect(await u.visit('/account')).toBe(200);
    expect(u.path()).toBe('/sign-in?returnTo=%2Faccount');
    expect(await u.signInWithPassword(email, FIRST_PASSWORD)).toBe(403);
    expect(await userPage.locator('#password-error').textContent()).toBe(signIn.errors.suspended);

    // Reactivate: the user signs in again.
    expect(await b.press(users.detail.status.buttons.reactivate)).toBe(200);
    expect((await page.getByRole('status').first().textContent())?.trim()).toBe(users.done.reactivate);
    expect(await u.signInWithPassword(email, FIRST_PASSWORD)).toBe(200);
    expect(u.path()).toBe('/account');

    // End their sessions: the user's browser is signed out.
    await page.reload();
    expect(await b.press(users.detail.sessions.endAll)).toBe(200);
    expect(await b.heading()).toBe(users.confirm.titles['end-sessions'](email));
    expect(await b.press(users.confirm.buttons['end-sessions'])).toBe(200);
    expect((await page.getByRole('status').first().textContent())?.trim()).toBe(users.done.endSessions(1));
    expect(await u.visit('/account')).toBe(200);
    expect(u.path()).toBe('/sign-in?returnTo=%2Faccount');

    // Impersonate them, with a reason: the account page as theirs, under the banner.
    expect(await b.press(users.detail.impersonate.start)).toBe(200);
    expect(await b.heading()).toBe(users.confirm.titles.impersonate(email));
    await page.getByLabel(users.confirm.reasonLabel).fill('Ticket 4711: the invoices page is empty');
    expect(await b.press(users.confirm.buttons.impersonate)).toBe(200);
    expect(b.path()).toBe('/account');
    const banner = page.locator('section.gh-impersonation');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain(email);
    expect(await page.locator('main').textContent()).toContain(account.profile.signedInAs(email));
    await b.expectAudited('journey.console.impersonating');
    // End it from the banner: back on the user's page as the operator.
    expect(await b.sends(() => banner.getByRole('button', { name: users.impersonation.end }).click())).toBe(
      200,
    );
    expect(page.url()).toBe(userUrl);
    expect(await b.heading()).toBe(email);
    expect(await page.locator('section.gh-impersonation').count()).toBe(0);

    // The audit log, filtered to the user: each step, by the operator, through the console.
    expect(await b.visit('/console/audit')).toBe(200);
    expect(await b.heading()).toBe(audit.title);
    await page.getByRole('textbox', { name: audit.filters.user, exact: true }).fill(userId);
    expect(await b.press(audit.filters.submit)).toBe(200);
    expect(b.path()).toContain(`user=${userId}`);
    const log = await page
      .locator('main tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
      );
    for (const type of ['user.suspended', 'user.reactivated', 'session.revoked', 'impersonation.started']) {
      const row = log.find((cells) => cells[1] === type && cells[2] === up.user.id && cells[5] === 'console');
      expect(row, `${type} by the operator in ${JSON.stringify(log)}`).toBeTruthy();
    }
    await b.expectAudited('journey.console.audit');
    expect(await cspViolations(page)).toEqual([]);
    expect(await cspViolations(userPage)).toEqual([]);
  });
});

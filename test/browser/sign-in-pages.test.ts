/**
 * The sign-in pages in Debian's Chromium against a real Gatehouse HTTP server: sign up (the
 * password rules marked as you type), sign in with a password, the second step with an
 * authenticator app, a passkey added through the API's JSON routes and then used to sign in with
 * no password and as the second step (CDP virtual authenticator), signing out with the layout's
 * button; the same password flows with JavaScript off; German for a German browser. Every page
 * and state (errors shown) is audited: no serious or critical axe-core violation in the light or
 * the dark theme, no CSP violation, screenshots saved for review.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
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
import { mailedLink, waitForMail } from '../support/smtp.js';
import { accountWithTotp } from '../ui/sign-in/support.js';

const en = signInStrings.en;
const de = signInStrings.de;
const NEW_PASSWORD = 'a long passphrase typed into the page';

describe('the sign-in pages in Chromium: every flow, with and without JavaScript, audited', {
  timeout: 300_000,
}, () => {
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

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    launched ??= launchChromium();
    const context = await (await launched).newContext(options);
    contexts.push(context);
    await watchCsp(context);
    return context.newPage();
  }
  const visit = async (page: Page, path: string) => (await page.goto(`${server.url}${path}`))?.status();
  const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim();
  /** Does `act` (a click, an Enter) and returns the status of the page it leads to, after redirects. */
  async function sends(page: Page, act: () => Promise<unknown>): Promise<number | undefined> {
    const navigation = page.waitForNavigation();
    await act();
    return (await navigation)?.status();
  }
  async function expectAudited(
    page: Page,
    name: string,
    title: string,
    status: number | undefined,
    expected = 200,
  ) {
    expect(status, name).toBe(expected);
    expect(await heading(page), name).toBe(title);
    expect(await auditPage(page, name)).toEqual([]);
  }
  const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;
  /** The session the page's cookies hold, as the API reports it. */
  const session = (page: Page) =>
    page.evaluate(async () => {
      const reply = await fetch('/auth/session', { headers: { 'gatehouse-transport': 'cookie' } });
      return { status: reply.status, body: reply.status === 200 ? await reply.json() : null };
    });
  async function signInWithPassword(page: Page, login: string, password: string) {
    await page.fill('#login', login);
    await page.fill('#password', password);
    return sends(page, () => page.click(`form:has(#login) button[type="submit"]`));
  }

  it('sign-up: the rules marked as you type, a weak password refused, a good one signed in', async () => {
    const page = await newPage();
    await expectAudited(page, 'sign-up.form', en.signUp.title, await visit(page, '/sign-up'));
    const min = page.locator('li[data-rule="min"]');
    await page.locator('#password').pressSequentially('short');
    await expect.poll(() => min.getAttribute('class')).toContain('gh-rule-unmet');
    await page.locator('#password').pressSequentially(' and longer now');
    await expect.poll(() => min.getAttribute('class')).toContain('gh-rule-met');
    const length = Number(await page.locator('ul[data-password-rules]').getAttribute('data-min'));
    expect(await page.locator('[data-password-rules-status]').textContent()).toBe(
      `${en.signUp.ruleMet} ${en.signUp.ruleMin(length)}`,
    );
    expect(await min.locator('.gh-rule-state').textContent()).toBe(`${en.signUp.ruleMet} `);

    const email = uniqueEmail('browser-up');
    await page.fill('#email', email);
    await page.fill('#password', 'password1234567');
    const weak = await sends(page, () => page.click('form button[type="submit"]'));
    await expectAudited(page, 'sign-up.weak-password', en.signUp.title, weak, 400);
    expect(await page.locator('#password-error').textContent()).toBe(en.signUp.passwordCommon);

    await page.fill('#password', NEW_PASSWORD);
    await sends(page, () => page.click('form button[type="submit"]'));
    expect(path(page)).toBe('/account');
    expect((await session(page)).body.user.email).toBe(email);
  });

  it('sign-in: the form, a wrong password, then signed in and sent to returnTo; the provider step page', async () => {
    const page = await newPage();
    const email = uniqueEmail('browser-in');
    await t().signUp(email);
    await expectAudited(
      page,
      'sign-in.form',
      en.signIn.title,
      await visit(page, '/sign-in?returnTo=%2Faccount'),
    );
    // The passkey form shows once the script found WebAuthn.
    await expect.poll(() => page.locator(`button:has-text("${en.signIn.passkey}")`).isVisible()).toBe(true);
    const wrong = await signInWithPassword(page, email, 'not the password');
    await expectAudited(page, 'sign-in.wrong-password', en.signIn.title, wrong, 400);
    expect(await page.locator('#password-error').textContent()).toBe(en.errors.invalidCredentials);
    await signInWithPassword(page, email, PASSWORD);
    expect(path(page)).toBe('/account');

    const fresh = await newPage();
    await expectAudited(
      fresh,
      'sign-in.provider-error',
      en.signIn.title,
      await visit(fresh, '/sign-in?error=OAUTH_FAILED'),
    );
    await expectAudited(
      fresh,
      'sign-in.provider-second-step',
      en.mfa.title,
      await visit(fresh, '/sign-in?mfa=required'),
    );
    // Without the provider's cookie the challenge cannot be had: the step says so.
    await fresh.click(`button:has-text("${en.signIn.providerContinue}")`);
    await expect
      .poll(() => fresh.locator('[data-provider-mfa-status]').textContent())
      .toBe(en.mfa.expired.body);
    expect(await auditPage(fresh, 'sign-in.provider-second-step-expired', { screenshots: false })).toEqual(
      [],
    );
  });

  it('by email: the link sent, the code form, a wrong code, the code signing in', async () => {
    const page = await newPage();
    const email = uniqueEmail('browser-code');
    await visit(page, '/sign-in');
    await page.fill('#by-email', email);
    const sent = await sends(page, () => page.click(`button:has-text("${en.signIn.sendLink}")`));
    await expectAudited(page, 'sign-in.link-sent', en.signIn.linkSent.title, sent);

    await visit(page, '/sign-in');
    await page.fill('#by-email', email);
    const asked = await sends(page, () => page.click(`button:has-text("${en.signIn.sendCode}")`));
    await expectAudited(page, 'sign-in-code.sent', en.code.title, asked);
    const mail = await waitForMail(server.mails, email, /\b\d{6}\b/);
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
    await page.fill('#code', String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    const wrong = await sends(page, () => page.click('form button[type="submit"]'));
    await expectAudited(page, 'sign-in-code.wrong-code', en.code.title, wrong, 400);
    await page.fill('#code', code);
    await sends(page, () => page.click('form button[type="submit"]'));
    expect(path(page)).toBe('/account');
  });

  it('the second step with an authenticator app: a wrong code said at the field, the right one signs in', async () => {
    const page = await newPage();
    const account = await accountWithTotp(t());
    await visit(page, '/sign-in');
    const step = await signInWithPassword(page, account.email, PASSWORD);
    await expectAudited(page, 'sign-in-mfa.totp', en.mfa.title, step);
    expect(path(page)).toBe('/sign-in');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('gh_access');
    const right = account.code();
    await page.fill('#totp-code', String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    const wrong = await sends(page, () => page.click('form:has(#totp-code) button'));
    await expectAudited(page, 'sign-in-mfa.wrong-code', en.mfa.title, wrong, 400);
    expect(await page.locator('#totp-code-error').textContent()).toBe(en.mfa.wrongCode);
    await page.fill('#totp-code', right);
    await sends(page, () => page.click('form:has(#totp-code) button'));
    expect(path(page)).toBe('/account');
    expect((await session(page)).body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });

    // A sign-in left too long starts again.
    await page.context().clearCookies();
    await visit(page, '/sign-in');
    await signInWithPassword(page, account.email, PASSWORD);
    t().clock.advance(301_000);
    await page.fill('#totp-code', account.code());
    const expired = await sends(page, () => page.click('form:has(#totp-code) button'));
    await expectAudited(page, 'sign-in-mfa.expired', en.mfa.expired.title, expired, 400);
  });

  it('an operator signs in to the console through /sign-in with TOTP and lands on the console; a non-operator is refused there', async () => {
    const page = await newPage();
    const account = await accountWithTotp(t(), uniqueEmail('browser-operator'));
    await t().gatehouse.addMember(account.userId, CONSOLE_APP_ID, { role: 'admin' });
    const form = await visit(page, '/sign-in?returnTo=%2Fconsole');
    await expectAudited(page, 'sign-in.console', en.signIn.consoleTitle, form);
    const step = await signInWithPassword(page, account.email, PASSWORD);
    await expectAudited(page, 'sign-in-mfa.console', en.mfa.title, step);
    await page.fill('#totp-code', account.code());
    const landed = await sends(page, () => page.click('form:has(#totp-code) button'));
    expect(landed).toBe(200);
    expect(path(page)).toMatch(/^\/console\//);

    const other = await newPage();
    const plain = uniqueEmail('browser-not-operator');
    await t().signUp(plain);
    await visit(other, '/sign-in?returnTo=%2Fconsole');
    const refused = await signInWithPassword(other, plain, PASSWORD);
    await expectAudited(other, 'sign-in.console-not-operator', en.signIn.consoleTitle, refused, 403);
    expect(await other.locator('#password-error').textContent()).toBe(en.errors.notOperator);
  });

  it('with JavaScript off an operator signs in to the console the same way, back on the page asked for', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const account = await accountWithTotp(t(), uniqueEmail('browser-operator-nojs'));
    await t().gatehouse.addMember(account.userId, CONSOLE_APP_ID, { role: 'admin' });
    expect(await visit(page, '/sign-in?returnTo=%2Fconsole%2Faudit')).toBe(200);
    expect(await signInWithPassword(page, account.email, PASSWORD)).toBe(200);
    await page.fill('#totp-code', account.code());
    expect(await sends(page, () => page.click('form:has(#totp-code) button'))).toBe(200);
    expect(path(page)).toBe('/console/audit');
  });

  it('a magic link for an account with an authenticator app hands over to the second step', async () => {
    const page = await newPage();
    const email = uniqueEmail('browser-link-mfa');
    const account = await accountWithTotp(t(), email);
    await t().gatehouse.updateUser(account.userId, { emailVerified: true });
    await visit(page, '/sign-in');
    await page.fill('#by-email', email);
    await sends(page, () => page.click(`button:has-text("${en.signIn.sendLink}")`));
    const { url } = await mailedLink(server.mails, email, 'sign-in/magic-link');
    await visit(page, `${url.pathname}${url.search}`);
    const step = await sends(page, () => page.click('main form button[type="submit"]'));
    await expectAudited(page, 'magic-link.mfa', en.mfa.title, step);
    await page.fill('#totp-code', account.code());
    await sends(page, () => page.click('form:has(#totp-code) button'));
    expect(path(page)).toBe('/account');
    expect((await session(page)).body.session).toMatchObject({ amr: ['email', 'otp'], aal: 'aal2' });
  });

  it('a passkey: added through the API, then signing in with no password, as the second step, and at the console', async () => {
    const page = await newPage();
    const authenticator = await addVirtualAuthenticator(page);
    const email = uniqueEmail('browser-passkey');
    const up = await t().signUp(email);
    await visit(page, '/sign-in');
    await signInWithPassword(page, email, PASSWORD);
    expect(path(page)).toBe('/account');
    // As an app's page adds one (test/browser/passkeys.test.ts): same-origin fetches, cookies.
    const added = await page.evaluate(async () => {
      const headers = { 'content-type': 'application/json', 'gatehouse-transport': 'cookie' };
      const options = await fetch('/auth/passkeys/register/options', { method: 'POST', headers });
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(await options.json());
      const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
      const reply = await fetch('/auth/passkeys/register', {
        method: 'POST',
        headers,
        body: JSON.stringify({ response: credential.toJSON(), name: 'This browser' }),
      });
      return reply.status;
    });
    expect(added).toBe(200);
    expect(await authenticator.credentials()).toHaveLength(1);

    // Out through the layout's button; the sign-in page says so.
    const out = await sends(page, () => page.click(`.gh-signout button`));
    await expectAudited(page, 'sign-in.signed-out', en.signIn.title, out);
    expect(await page.locator('.gh-notice-success').textContent()).toBe(en.signIn.signedOut);
    expect((await session(page)).status).toBe(401);

    await sends(page, () => page.click(`button:has-text("${en.signIn.passkey}")`));
    expect(path(page)).toBe('/account');
    const byPasskey = (await session(page)).body.session;
    expect(byPasskey.amr).toContain('hwk');
    expect(byPasskey.aal).toBe('aal2');

    // The confirmation page a GET of /sign-out shows, then out again.
    await expectAudited(page, 'sign-out.confirm', en.signOut.title, await visit(page, '/sign-out'));
    await sends(page, () => page.click(`main button:has-text("${en.signOut.submit}")`));
    expect(path(page)).toBe('/sign-in?result=signed-out');

    // The passkey is a second factor now: a password sign-in offers it as the second step.
    const step = await signInWithPassword(page, email, PASSWORD);
    await expect
      .poll(() => page.locator(`button:has-text("${en.mfa.passkeyButton}")`).isVisible())
      .toBe(true);
    await expectAudited(page, 'sign-in-mfa.passkey', en.mfa.title, step);
    await sends(page, () => page.click(`button:has-text("${en.mfa.passkeyButton}")`));
    expect(path(page)).toBe('/account');
    expect((await session(page)).body.session).toMatchObject({ amr: ['pwd', 'hwk'], aal: 'aal2' });

    // Made an operator, the same passkey alone signs in at the console (a passkey is aal2).
    await t().gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    await visit(page, '/sign-out');
    await sends(page, () => page.click(`main button:has-text("${en.signOut.submit}")`));
    await visit(page, '/sign-in?returnTo=%2Fconsole%2Fstats');
    expect(await sends(page, () => page.click(`button:has-text("${en.signIn.passkey}")`))).toBe(200);
    expect(path(page)).toBe('/console/stats');
    await authenticator.remove();
  });

  it('with JavaScript off: sign up, sign out, a wrong password, sign in, the TOTP step', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const email = uniqueEmail('browser-nojs');
    await visit(page, '/sign-up');
    await page.fill('#email', email);
    await page.fill('#password', 'short');
    // (The states are audited with the script on; axe itself needs it.)
    expect(await sends(page, () => page.click('form button[type="submit"]'))).toBe(400);
    expect(await page.locator('#password-error').isVisible()).toBe(true);
    await page.fill('#password', NEW_PASSWORD);
    await sends(page, () => page.click('form button[type="submit"]'));
    expect(path(page)).toBe('/account');
    await sends(page, () => page.click('.gh-signout button'));
    expect(path(page)).toBe('/sign-in?result=signed-out');
    // Without the script there is no passkey button to press.
    expect(await page.locator(`button:has-text("${en.signIn.passkey}")`).isVisible()).toBe(false);
    expect(await signInWithPassword(page, email, 'wrong password')).toBe(400);
    await signInWithPassword(page, email, NEW_PASSWORD);
    expect(path(page)).toBe('/account');

    const account = await accountWithTotp(t());
    await page.context().clearCookies();
    await visit(page, '/sign-in');
    expect(await signInWithPassword(page, account.email, PASSWORD)).toBe(200);
    expect(await heading(page)).toBe(en.mfa.title);
    await page.fill('#totp-code', account.code());
    await sends(page, () => page.click('form:has(#totp-code) button'));
    expect(path(page)).toBe('/account');
    expect(await cspViolations(page)).toEqual([]);
  });

  it('in German for a German browser', async () => {
    const page = await newPage({ locale: 'de-DE' });
    await expectAudited(page, 'sign-in.de', de.signIn.title, await visit(page, '/sign-in'));
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    const wrong = await signInWithPassword(page, uniqueEmail('browser-de'), 'falsches passwort');
    await expectAudited(page, 'sign-in.de.wrong-password', de.signIn.title, wrong, 400);
    expect(await page.locator('#password-error').textContent()).toBe(de.errors.invalidCredentials);
    await expectAudited(page, 'sign-up.de', de.signUp.title, await visit(page, '/sign-up'));
    const account = await accountWithTotp(t());
    await visit(page, '/sign-in');
    await expectAudited(
      page,
      'sign-in-mfa.de',
      de.mfa.title,
      await signInWithPassword(page, account.email, PASSWORD),
    );
  });
});

describe('sign-up when addresses must be verified first, in Chromium', { timeout: 120_000 }, () => {
  let server: RunningPageServer;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startPageServer('sqlite', { requireEmailVerified: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the "check your mail" page', async () => {
    browser = await launchChromium();
    const context = await browser.newContext();
    await watchCsp(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-up`);
    await page.fill('#email', uniqueEmail('browser-verify'));
    await page.fill('#password', NEW_PASSWORD);
    const navigation = page.waitForNavigation();
    await page.click('form button[type="submit"]');
    expect((await navigation)?.status()).toBe(200);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-up?result=check-mail');
    expect((await page.locator('h1').textContent())?.trim()).toBe(en.signUp.checkMail.title);
    expect(await auditPage(page, 'sign-up.check-mail')).toEqual([]);
  });
});

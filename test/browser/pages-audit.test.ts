/**
 * Every page that exists today, in Debian's Chromium against a real Gatehouse HTTP server, in
 * each state a person can reach — the form a mailed link opens, the form sent back with an error,
 * the result, a link without a token, a link whose token is no good — each audited in the light
 * and the dark theme: no serious or critical axe-core violation, no CSP violation, a `lang`, no
 * inline style or script; screenshots at a phone and a desktop width saved for review. Each form
 * is filled and sent by keyboard alone: Tab reaches its fields and its primary button, Enter
 * sends it. With JavaScript off, forgot-password → the mailed link → reset-password still works.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/locales/en.js';
import { PAGE_ROUTES } from '../../src/ui/routes.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import {
  auditPage,
  cspViolations,
  expectPage,
  heading,
  openPagesBrowser,
  type PagesBrowser,
  pressEnter,
  replaceText,
  tabOrder,
  tabTo,
} from '../support/page-audit.js';
import { mailedLink, verificationLink } from '../support/smtp.js';

const NEW_PASSWORD = 'a brand new passphrase typed in the browser';
/** A token of the right shape that no link ever carried. */
const BOGUS_TOKEN = 'A'.repeat(43);
/** The pages a mailed link opens: without a usable token they can only say so. */
const TOKEN_PAGES = [
  '/verify-email',
  '/reset-password',
  '/confirm-email-change',
  '/cancel-email-change',
  '/sign-in/magic-link',
  '/accept-invitation',
];
const slug = (path: string) => path.slice(1).replace(/\//g, '-') || 'home';
const button = (label: string) => new RegExp(`^button "${label}"$`);
const PASSWORD_INPUT = /^input\[password\]/;

describe('every page in Chromium: axe in both themes, no CSP violation, usable by keyboard', {
  timeout: 180_000,
}, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  const newPage = (options: { javaScriptEnabled?: boolean } = {}) =>
    pages.newPage({ javaScript: options.javaScriptEnabled });
  const t = () => pages.gatehouse;
  /** Opens `target` (a path, or a mailed link) and returns the status it answered with. */
  const visit = (page: Page, target: string | URL) => pages.visit(page, target);

  const signIn = (email: string, password: string) =>
    t().request('POST', '/auth/sign-in/email', { body: { email, password } });

  it('forgot-password: the form, an address sent back with its error, the sent page', async () => {
    const page = await newPage();
    const s = en.forgotPassword;
    await expectPage(page, 'forgot-password.form', await visit(page, '/forgot-password'), s.title);
    const order = await tabOrder(page, 10);
    expect(order.indexOf(`button "${s.submit}"`), order.join(' → ')).toBeGreaterThan(
      order.indexOf(`input[email] "${s.emailLabel}"`),
    );
    expect(order.indexOf(`input[email] "${s.emailLabel}"`)).toBeGreaterThanOrEqual(0);

    await visit(page, '/forgot-password');
    await tabTo(page, /^input\[email\]/);
    await replaceText(page, 'not an address');
    const refused = await pressEnter(page);
    await expectPage(page, 'forgot-password.invalid-email', refused, s.title, 400);
    // The summary's link comes before the field, and leads to it.
    await tabTo(page, new RegExp(`^a "${s.emailInvalid}"$`));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');

    await replaceText(page, uniqueEmail('audit-forgot'));
    await tabTo(page, button(s.submit));
    await expectPage(page, 'forgot-password.sent', await pressEnter(page), s.sent.title);
  });

  it('reset-password: the mailed form, a weak password sent back, the changed page', async () => {
    const page = await newPage();
    const s = en.resetPassword;
    const email = uniqueEmail('audit-reset');
    await t().signUp(email);
    await t().request('POST', '/auth/forgot-password', { body: { email } });
    const { url } = await mailedLink(pages.server.mails, email, 'reset-password');
    expect(url.origin).toBe(pages.url);

    await expectPage(page, 'reset-password.form', await visit(page, url), s.title);
    await tabTo(page, PASSWORD_INPUT);
    await replaceText(page, 'short');
    await expectPage(page, 'reset-password.weak-password', await pressEnter(page), s.title, 400);

    await tabTo(page, PASSWORD_INPUT);
    await replaceText(page, NEW_PASSWORD);
    await tabTo(page, button(s.submit));
    await expectPage(page, 'reset-password.done', await pressEnter(page), s.done.title);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('verify-email: the mailed form and the confirmed page', async () => {
    const page = await newPage();
    const s = en.verifyEmail;
    const email = uniqueEmail('audit-verify');
    await t().signUp(email);
    const link = await verificationLink(pages.server.mails, email);

    await expectPage(page, 'verify-email.form', await visit(page, link), s.title);
    await tabTo(page, button(s.submit));
    await expectPage(page, 'verify-email.done', await pressEnter(page), s.done.title);
    expect((await signIn(email, PASSWORD)).body.user.emailVerified).toBe(true);
  });

  it('confirm and cancel an address change: both forms, confirmed, undone and cancelled', async () => {
    const page = await newPage();
    const change = async (tag: string) => {
      const email = uniqueEmail(tag);
      const next = uniqueEmail(`${tag}-new`);
      const { accessToken } = await t().signUp(email);
      const reply = await t().request('POST', '/auth/change-email', {
        token: accessToken,
        body: { newEmail: next, password: PASSWORD },
      });
      expect(reply.status).toBe(202);
      return { email, next };
    };

    const moved = await change('audit-confirm');
    const confirm = en.confirmEmailChange;
    const { url: confirmUrl } = await mailedLink(pages.server.mails, moved.next, 'confirm-email-change');
    await expectPage(page, 'confirm-email-change.form', await visit(page, confirmUrl), confirm.title);
    await tabTo(page, button(confirm.submit));
    await expectPage(page, 'confirm-email-change.done', await pressEnter(page), confirm.done.title);

    const cancel = en.cancelEmailChange;
    const { url: undoUrl } = await mailedLink(pages.server.mails, moved.email, 'cancel-email-change');
    await expectPage(page, 'cancel-email-change.form', await visit(page, undoUrl), cancel.title);
    await tabTo(page, button(cancel.submit));
    await expectPage(page, 'cancel-email-change.undone', await pressEnter(page), cancel.undone.title);

    const pending = await change('audit-cancel');
    const { url: cancelUrl } = await mailedLink(pages.server.mails, pending.email, 'cancel-email-change');
    await visit(page, cancelUrl);
    await tabTo(page, button(cancel.submit));
    await expectPage(page, 'cancel-email-change.cancelled', await pressEnter(page), cancel.cancelled.title);
  });

  it('sign-in/magic-link: the mailed form and the signed-in page', async () => {
    const page = await newPage();
    const s = en.magicLink;
    const email = uniqueEmail('audit-magic');
    await t().request('POST', '/auth/sign-in/magic-link', { body: { email } });
    const { url } = await mailedLink(pages.server.mails, email, 'sign-in/magic-link');

    await expectPage(page, 'sign-in-magic-link.form', await visit(page, url), s.title);
    await tabTo(page, button(s.submit));
    await expectPage(page, 'sign-in-magic-link.signed-in', await pressEnter(page), s.done.title);
    const cookies = await page.context().cookies(pages.url);
    expect(cookies.length).toBeGreaterThan(0);
  });

  it('accept-invitation: the form, a weak password sent back, joined as a new account, joined as a member', async () => {
    const page = await newPage();
    const s = en.acceptInvitation;
    const { app } = await t().gatehouse.createApp({
      name: 'Audit Team',
      signUp: 'invite_only',
      audience: 'https://audit.example/api',
    });
    const invite = async (email: string) => {
      await t().gatehouse.createInvitation({ appId: app.id, email, role: 'member' });
      return (await mailedLink(pages.server.mails, email, 'accept-invitation')).url;
    };

    await expectPage(
      page,
      'accept-invitation.form',
      await visit(page, await invite(uniqueEmail('audit-invitee'))),
      s.title,
    );
    await tabTo(page, /^input\[text\]/);
    await replaceText(page, 'Ada Lovelace');
    await tabTo(page, PASSWORD_INPUT);
    await replaceText(page, 'short');
    await expectPage(page, 'accept-invitation.weak-password', await pressEnter(page), s.title, 400);
    await tabTo(page, PASSWORD_INPUT);
    await replaceText(page, NEW_PASSWORD);
    await tabTo(page, button(s.submit));
    await expectPage(page, 'accept-invitation.joined', await pressEnter(page), s.joined.title);

    // An existing, verified account joins without a password and signs in as usual.
    const member = uniqueEmail('audit-member');
    await t().signUp(member);
    const { token } = await mailedLink(pages.server.mails, member, 'verify-email');
    expect((await t().request('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
    await visit(page, await invite(member));
    await tabTo(page, button(s.submit));
    await expectPage(page, 'accept-invitation.member', await pressEnter(page), s.member.title);
  });

  // Every page as a bare link opens it; those that redirect (a signed-out visit to an account
  // page, say) are audited where they land, once per landing page, unless another test audits
  // that state: the forgot-password form above, sign-in and sign-up in sign-in-pages.test.ts.
  // The link pages without a token all show the same notice: audited once, as the first.
  const landings = new Set<string>(['/forgot-password', '/sign-in', '/sign-up']);
  const OPENED = PAGE_ROUTES.map((p) => p.path).filter((path) => !path.includes(':'));
  // One browser for every bare visit: none signs in, and a context per visit costs seconds.
  let bare: Promise<Page> | undefined;
  let noTokenAudited = false;
  it.each(OPENED)('%s opened without a token or a session', async (path) => {
    bare ??= newPage();
    const page = await bare;
    const status = await visit(page, path);
    expect(status, path).toBeLessThan(500);
    if (TOKEN_PAGES.includes(path)) {
      await expectPage(page, `link.no-token`, status, en.link.invalid.title, 400, { audit: !noTokenAudited });
      noTokenAudited = true;
      expect(await cspViolations(page), path).toEqual([]);
      return;
    }
    const landed = new URL(page.url()).pathname;
    expect(await cspViolations(page), path).toEqual([]);
    if (landings.has(landed)) return;
    landings.add(landed);
    expect(await auditPage(page, `${slug(landed)}.opened`), path).toEqual([]);
  });

  it('the mailed-link pages are all still served (a path with a parameter is opened by its own suite)', () => {
    expect(OPENED).toEqual(expect.arrayContaining(TOKEN_PAGES));
  });

  it('every mailed-link form sent with a token no link carried: the link does not work', async () => {
    const page = await newPage();
    for (const path of TOKEN_PAGES) {
      expect(await visit(page, `${path}?token=${BOGUS_TOKEN}`), path).toBe(200);
      // A password that passes the policy, so the token is what is refused.
      if (path === '/reset-password') {
        await tabTo(page, PASSWORD_INPUT);
        await replaceText(page, NEW_PASSWORD);
      }
      await tabTo(page, /^button "/);
      // The same notice as the page opened without a token shows (audited there): its heading
      // and status, and no CSP violation on the way.
      await expectPage(page, `${slug(path)}.bad-token`, await pressEnter(page), en.link.invalid.title, 400, {
        audit: false,
      });
      expect(await cspViolations(page), path).toEqual([]);
    }
  });

  it('GET / is audited like a page when it is one (today it points at the API as JSON)', async () => {
    const page = await newPage();
    const response = await page.goto(`${pages.url}/`);
    expect(response?.status()).toBe(200);
    if (response?.headers()['content-type']?.startsWith('text/html')) {
      expect(await auditPage(page, 'home')).toEqual([]);
    } else {
      expect(await response?.json()).toMatchObject({ api: '/auth', health: '/healthz' });
      expect(await cspViolations(page)).toEqual([]);
    }
  });

  it('with JavaScript off: forgot-password → the mailed link → reset-password, by keyboard', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const email = uniqueEmail('audit-nojs');
    await t().signUp(email);

    expect(await visit(page, '/forgot-password')).toBe(200);
    await tabTo(page, /^input\[email\]/);
    await replaceText(page, email);
    expect(await pressEnter(page)).toBe(200);
    expect(await heading(page)).toBe(en.forgotPassword.sent.title);

    const { url } = await mailedLink(pages.server.mails, email, 'reset-password');
    expect(await visit(page, url)).toBe(200);
    expect(await heading(page)).toBe(en.resetPassword.title);
    await tabTo(page, PASSWORD_INPUT);
    await replaceText(page, NEW_PASSWORD);
    await tabTo(page, button(en.resetPassword.submit));
    expect(await pressEnter(page)).toBe(200);
    expect(await heading(page)).toBe(en.resetPassword.done.title);

    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect(await cspViolations(page)).toEqual([]);
  });
});

/**
 * The account's security pages in Debian's Chromium against a real Gatehouse HTTP server. Flows:
 * add an authenticator app reading the setup key from the page, download the recovery codes,
 * sign out and sign in with the app's code (with JavaScript on and off); add a passkey with the
 * CDP virtual authenticator through the pages and sign in with it (JavaScript only: WebAuthn
 * needs it — without it the page says so); create a personal access token, use it as a bearer,
 * revoke it (on and off); link GitHub (a local stand-in) from the identities page. Every page
 * and each error state a person can reach is audited: no serious or critical axe-core violation
 * in the light or the dark theme, no CSP violation, screenshots at a phone and a desktop width
 * saved for review.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { accountSecurityStrings } from '../../src/ui/locales/account-security/index.js';
import { signInStrings } from '../../src/ui/locales/sign-in/index.js';
import { addVirtualAuthenticator } from '../support/browser.js';
import { PASSWORD, uniqueEmail } from '../support/gatehouse.js';
import { type GithubStandIn, startGithubStandIn } from '../support/github-stand-in.js';
import { claimsFor, idTokenSettings, uniqueSubject } from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';
import { signInOperator } from '../support/operators.js';
import {
  cspViolations,
  expectPage,
  follow as followLink,
  heading,
  navigates,
  openPagesBrowser,
  type PagesBrowser,
  press as pressButton,
} from '../support/page-audit.js';

const en = accountSecurityStrings.en;
const de = accountSecurityStrings.de;
const signIn = signInStrings.en;

describe('the security pages in Chromium', { timeout: 400_000 }, () => {
  let pages: PagesBrowser;
  let jwks: JwksServer;
  let github: GithubStandIn;

  beforeAll(async () => {
    jwks = await startJwksServer();
    // The stand-in reads its registered redirect URIs when asked: ours is known once the server listens.
    const callbacks: string[] = [];
    github = await startGithubStandIn({ redirectUris: callbacks });
    pages = await openPagesBrowser({
      settings: {
        ...idTokenSettings(jwks),
        oauth: {
          providers: {
            github: {
              preset: 'github',
              issuer: github.url,
              clientId: github.clientId,
              clientSecret: github.clientSecret,
              allowInsecureIssuer: true,
            },
          },
        },
      },
    });
    callbacks.push(`${pages.url}/auth/oauth/github/callback`);
  });
  afterAll(async () => {
    await pages?.close();
    await jwks?.stop();
    await github?.close();
  });

  const t = () => pages.gatehouse;
  const newPage = (javaScript = true, locale?: string) => pages.newPage({ javaScript, locale });
  /** A new user, signed in in a new browser through the JSON API with cookie transport. */
  const signedIn = (tag: string, javaScript = true, locale?: string) =>
    pages.signedInPage(tag, { javaScript, locale });
  const visit = (page: Page, path: string) => pages.visit(page, path);
  const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

  /** Does `act` and returns the status of the page it leads to, after redirects. */
  const sends = navigates;
  const press = (page: Page, name: string) => pressButton(page, name, { exact: true });
  const follow = (page: Page, name: string) => followLink(page, name, { exact: true });

  /** The session the page's cookies hold, as the API reports it. */
  const session = (page: Page) =>
    page.evaluate(async () => {
      const reply = await fetch('/auth/session', { headers: { 'gatehouse-transport': 'cookie' } });
      return { status: reply.status, body: reply.status === 200 ? await reply.json() : null };
    });

  /** The app's code for `secret` now — one step on, so a code is never reused (the app refuses replays). */
  function nextCode(secret: string): string {
    t().clock.advance(30_000);
    return totpAt(base32Decode(secret), Math.floor(t().clock.now() / 1000));
  }
  const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

  /** Adds an authenticator app through the pages; returns the key read from the page and the codes shown. */
  async function addTotp(page: Page, audit: boolean) {
    const check = async (name: string, status: number | undefined, title: string, expected = 200) =>
      audit
        ? expectPage(page, name, status, title, expected)
        : expect([status, await heading(page)]).toEqual([expected, title]);
    await check('security.totp.start', await visit(page, '/account/security/totp'), en.totp.title);
    await check('security.totp.setup', await press(page, en.totp.start), en.totp.title);
    expect(await page.locator('svg.gh-qr').isVisible()).toBe(true);
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The copy button shows only with the script (and a clipboard).
    expect(await page.getByRole('button', { name: en.totp.keyCopy.copy }).isVisible()).toBe(audit);

    const right = nextCode(secret);
    await page.fill('#totp-code', wrongCode(right));
    await check('security.totp.wrong-code', await press(page, en.totp.submit), en.totp.title, 400);
    expect(await page.locator('#totp-code-error').textContent()).toBe(en.totp.codeWrong);
    expect((await page.locator('#totp-secret').textContent())!.trim()).toBe(secret);
    await page.fill('#totp-code', right);
    await check('security.recovery.codes', await press(page, en.totp.submit), en.recovery.title);
    const codes = await page.locator('#recovery-codes li').allTextContents();
    expect(codes).toHaveLength(10);
    return { secret, codes };
  }

  /** Signs out with the layout's button, then in on the sign-in page with the password and the app's code. */
  async function signOutAndInWithTotp(page: Page, email: string, secret: string) {
    await sends(page, () => page.click('.gh-signout button'));
    expect(path(page)).toBe('/sign-in?result=signed-out');
    await page.fill('#login', email);
    await page.fill('#password', PASSWORD);
    expect(await sends(page, () => page.click('form:has(#login) button[type="submit"]'))).toBe(200);
    expect(await heading(page)).toBe(signIn.mfa.title);
    await page.fill('#totp-code', nextCode(secret));
    await sends(page, () => page.click('form:has(#totp-code) button'));
    expect(path(page)).toBe('/account');
  }

  it('an authenticator app: the key read from the page, a wrong code, the codes downloaded; then signing in with it', async () => {
    const { email, page } = await signedIn('sec-totp');
    await expectPage(
      page,
      'security.overview.empty',
      await visit(page, '/account/security'),
      en.overview.title,
    );
    const { secret, codes } = await addTotp(page, true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: en.recovery.download, exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('recovery-codes.txt');
    const text = await readFile((await file.path())!, 'utf8');
    for (const code of codes) expect(text).toContain(code);

    await expectPage(
      page,
      'security.overview.totp',
      await follow(page, en.recovery.continue),
      en.overview.title,
    );
    expect(await page.locator('main').textContent()).not.toContain(codes[0]!);
    await expectPage(
      page,
      'security.recovery.regenerate',
      await visit(page, '/account/security/recovery-codes'),
      en.recovery.regenerate.title,
    );
    await expectPage(
      page,
      'security.recovery.regenerate-unticked',
      await press(page, en.recovery.regenerate.submit),
      en.recovery.regenerate.title,
      400,
    );
    await page.check('#confirm-remove');
    await expectPage(
      page,
      'security.recovery.regenerated',
      await press(page, en.recovery.regenerate.submit),
      en.recovery.title,
    );
    const fresh = await page.locator('#recovery-codes li').allTextContents();
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    await expectPage(
      page,
      'security.totp.remove',
      await visit(page, '/account/security/totp/remove'),
      en.totp.remove.title,
    );
    await expectPage(
      page,
      'security.totp.already-on',
      await visit(page, '/account/security/totp'),
      en.totp.alreadyOn.title,
      409,
    );

    await signOutAndInWithTotp(page, email, secret);
    expect((await session(page)).body.session).toMatchObject({ amr: ['pwd', 'otp'], aal: 'aal2' });
    expect(await cspViolations(page)).toEqual([]);
  });

  it('an authenticator app with JavaScript off: added, signed out, signed in with its code', async () => {
    const { email, page } = await signedIn('sec-totp-nojs', false);
    const { secret } = await addTotp(page, false);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: en.recovery.download, exact: true }).click();
    expect((await download).suggestedFilename()).toBe('recovery-codes.txt');
    await signOutAndInWithTotp(page, email, secret);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('a passkey: added through the pages with the virtual authenticator, signing in with it, renamed and removed', async () => {
    const { page } = await signedIn('sec-passkey');
    const authenticator = await addVirtualAuthenticator(page);
    await expectPage(
      page,
      'security.passkeys.name',
      await visit(page, '/account/security/passkeys'),
      en.passkeys.title,
    );
    // The field's maxlength keeps a person under the limit; a request without it gets the error.
    await page.locator('#passkey-name').evaluate((input) => input.removeAttribute('maxlength'));
    await page.fill('#passkey-name', 'x'.repeat(65));
    await expectPage(
      page,
      'security.passkeys.name-invalid',
      await press(page, en.passkeys.start),
      en.passkeys.title,
      400,
    );
    await page.fill('#passkey-name', 'This browser');
    await expectPage(
      page,
      'security.passkeys.create',
      await press(page, en.passkeys.start),
      en.passkeys.createTitle,
    );
    // The script shows the form once it finds WebAuthn, runs the ceremony and posts the answer.
    await expect.poll(() => page.getByRole('button', { name: en.passkeys.create }).isVisible()).toBe(true);
    expect(await page.getByText(en.passkeys.needsScript).isVisible()).toBe(false);
    await expectPage(
      page,
      'security.passkeys.added-codes',
      await press(page, en.passkeys.create),
      en.recovery.title,
    );
    expect(await authenticator.credentials()).toHaveLength(1);
    await expectPage(
      page,
      'security.overview.passkey',
      await follow(page, en.recovery.continue),
      en.overview.title,
    );
    expect(await page.locator('tbody th[scope="row"]').allTextContents()).toEqual(['This browser']);

    await sends(page, () => page.click('.gh-signout button'));
    await expect.poll(() => page.getByRole('button', { name: signIn.signIn.passkey }).isVisible()).toBe(true);
    await press(page, signIn.signIn.passkey);
    expect(path(page)).toBe('/account');
    expect((await session(page)).body.session.amr).toContain('hwk');

    await visit(page, '/account/security');
    const manage = await follow(page, en.overview.passkeyManageNamed('This browser'));
    await expectPage(page, 'security.passkey.manage', manage, en.passkeys.manageTitle('This browser'));
    await page.fill('#passkey-rename', ' ');
    await expectPage(
      page,
      'security.passkey.rename-invalid',
      await press(page, en.passkeys.renameSubmit),
      en.passkeys.manageTitle('This browser'),
      400,
    );
    await page.fill('#passkey-rename', 'Renamed');
    expect(await press(page, en.passkeys.renameSubmit)).toBe(200);
    expect(path(page)).toBe('/account/security?done=passkey-renamed');
    await follow(page, en.overview.passkeyManageNamed('Renamed'));
    await expectPage(
      page,
      'security.passkey.remove-unticked',
      await press(page, en.passkeys.remove.submit),
      en.passkeys.manageTitle('Renamed'),
      400,
    );
    await page.check('#passkey-remove-confirm');
    await expectPage(
      page,
      'security.overview.passkey-removed',
      await press(page, en.passkeys.remove.submit),
      en.overview.title,
    );
    expect(await page.getByRole('status').first().textContent()).toContain(en.overview.done.passkeyRemoved);
    await authenticator.remove();
  });

  it('a passkey with JavaScript off: the page says it needs JavaScript and offers no button', async () => {
    const { page } = await signedIn('sec-passkey-nojs', false);
    await visit(page, '/account/security/passkeys');
    await page.fill('#passkey-name', 'No script');
    expect(await press(page, en.passkeys.start)).toBe(200);
    expect(await page.getByText(en.passkeys.needsScript).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: en.passkeys.create }).isVisible()).toBe(false);
  });

  /** Creates a token on the tokens page; returns it as the page shows it. */
  async function createToken(page: Page, audit: boolean): Promise<string> {
    await page.fill('#token-name', 'CI deploys');
    await page.check('input[value="profile:read"]');
    const status = await press(page, en.tokens.submit);
    if (audit) await expectPage(page, 'tokens.created', status, en.tokens.createdTitle);
    else expect(status).toBe(200);
    return (await page.locator('#new-token').textContent())!.trim();
  }
  const bearerStatus = async (token: string) =>
    (await fetch(`${pages.url}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('a personal access token: created with a scope, shown once, working as a bearer, revoked', async () => {
    const { page } = await signedIn('sec-token');
    await expectPage(page, 'tokens.empty', await visit(page, '/account/tokens'), en.tokens.title);
    await page.fill('#token-name', 'No scope');
    await expectPage(page, 'tokens.no-scope', await press(page, en.tokens.submit), en.tokens.title, 400);
    await page.fill('#token-expires', '2001-01-01');
    await page.check('input[value="profile:read"]');
    await expectPage(page, 'tokens.past-expiry', await press(page, en.tokens.submit), en.tokens.title, 400);
    await page.fill('#token-expires', '');
    await page.uncheck('input[value="profile:read"]');
    const token = await createToken(page, true);
    expect(await page.getByRole('button', { name: en.tokens.tokenCopy.copy }).isVisible()).toBe(true);
    expect(await bearerStatus(token)).toBe(200);

    await expectPage(page, 'tokens.list', await follow(page, en.tokens.back), en.tokens.title);
    expect(await page.content()).not.toContain(token);
    const confirm = await follow(page, en.tokens.revokeNamed('CI deploys'));
    await expectPage(page, 'tokens.revoke', confirm, en.tokens.revokeConfirm.title('CI deploys'));
    await expectPage(
      page,
      'tokens.revoke-unticked',
      await press(page, en.tokens.revokeConfirm.submit),
      en.tokens.revokeConfirm.title('CI deploys'),
      400,
    );
    await page.check('#confirm-remove');
    await expectPage(
      page,
      'tokens.revoked',
      await press(page, en.tokens.revokeConfirm.submit),
      en.tokens.title,
    );
    expect(await bearerStatus(token)).toBe(401);
  });

  it('a personal access token with JavaScript off: created, working, revoked', async () => {
    const { page } = await signedIn('sec-token-nojs', false);
    await visit(page, '/account/tokens');
    const token = await createToken(page, false);
    expect(await bearerStatus(token)).toBe(200);
    await follow(page, en.tokens.back);
    await follow(page, en.tokens.revokeNamed('CI deploys'));
    await page.check('#confirm-remove');
    expect(await press(page, en.tokens.revokeConfirm.submit)).toBe(200);
    expect(path(page)).toBe('/account/tokens?done=revoked');
    expect(await bearerStatus(token)).toBe(401);
  });

  it('the phone pages: the number, a malformed one, the code page, a wrong code, removing', async () => {
    const { page } = await signedIn('sec-phone');
    await expectPage(
      page,
      'security.phone.number',
      await visit(page, '/account/security/phone'),
      en.phone.title,
    );
    await page.fill('#phone-number', '0171 1234567');
    await expectPage(
      page,
      'security.phone.number-invalid',
      await press(page, en.phone.send),
      en.phone.title,
      400,
    );
    await page.fill('#phone-number', '+1 415 555 0142');
    await expectPage(page, 'security.phone.code', await press(page, en.phone.send), en.phone.confirmTitle);
    await page.fill('#phone-code', '000000');
    await expectPage(
      page,
      'security.phone.wrong-code',
      await press(page, en.phone.confirm),
      en.phone.confirmTitle,
      400,
    );
    await expectPage(
      page,
      'security.phone.remove',
      await visit(page, '/account/security/phone/remove'),
      en.phone.remove.title,
    );
  });

  it('linked identities: the list, the answers from a provider, unlinking and the only way in refused', async () => {
    const { page } = await signedIn('sec-identities');
    await expectPage(page, 'identities.empty', await visit(page, '/account/identities'), en.identities.title);
    // The link goes through our check and the API's link redirect to the provider (the GitHub
    // stand-in, which approves at once) and back through the callback: a navigation the CSP
    // allows, where the redirects after a form could not leave the site. This instance does not
    // list the page in `oauth.redirectUrls` (its port is not known in advance), so the callback
    // lands on the default page; the link is made all the same.
    github.signIn({
      id: 4242,
      login: 'octocat',
      name: 'Octo Cat',
      email: null,
      emails: [{ email: uniqueEmail('octocat'), primary: true, verified: true }],
    });
    await page.getByRole('link', { name: en.identities.link('GitHub'), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('linked') === 'github');
    expect(await cspViolations(page)).toEqual([]);
    await visit(page, '/account/identities');
    expect(await page.locator('tbody th[scope="row"]').allTextContents()).toEqual(['GitHub']);
    await expectPage(
      page,
      'identities.linked',
      await visit(page, '/account/identities?linked=github'),
      en.identities.title,
    );
    await expectPage(
      page,
      'identities.in-use',
      await visit(page, '/account/identities?error=IDENTITY_IN_USE'),
      en.identities.title,
    );

    // A person who signed up with a provider: it is their only way in.
    const idToken = await jwks.sign({
      now: t().clock.now(),
      claims: claimsFor('custom', uniqueSubject('browser'), t().clock.now(), { email: uniqueEmail('idn') }),
    });
    const only = await newPage();
    const reply = await only.context().request.post(`${pages.url}/auth/sign-in/id-token`, {
      headers: { 'gatehouse-transport': 'cookie', origin: pages.url },
      data: { provider: 'custom', idToken },
    });
    expect(reply.status()).toBe(200);
    await expectPage(only, 'identities.list', await visit(only, '/account/identities'), en.identities.title);
    const confirm = await follow(only, en.identities.unlinkNamed('custom'));
    await expectPage(only, 'identities.unlink', confirm, en.identities.unlinkConfirm.title('custom'));
    await expectPage(
      only,
      'identities.unlink-unticked',
      await press(only, en.identities.unlinkConfirm.submit),
      en.identities.unlinkConfirm.title('custom'),
      400,
    );
    await only.check('#confirm-remove');
    await expectPage(
      only,
      'identities.last-method',
      await press(only, en.identities.unlinkConfirm.submit),
      en.identities.unlinkConfirm.title('custom'),
      409,
    );
    expect(await only.getByRole('alert').textContent()).toContain(en.identities.lastMethod.title);
  });

  it("an operator's session as the user: the refusal is a clear page that passes the audits", async () => {
    const email = uniqueEmail('sec-impersonated');
    const user = await t().signUp(email);
    const operator = await signInOperator(t());
    const reply = await t().request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
      token: operator.accessToken,
      body: { reason: 'ticket 9' },
    });
    expect(reply.status).toBe(201);
    const page = await newPage();
    await page.context().addCookies([{ name: 'gh_access', value: reply.body.accessToken, url: pages.url }]);
    await visit(page, '/account/security/totp');
    await expectPage(
      page,
      'security.impersonated',
      await press(page, en.totp.start),
      en.common.impersonated.title,
      403,
    );
  });

  it('in German for a German browser', async () => {
    const { page } = await signedIn('sec-german', true, 'de-DE');
    await expectPage(page, 'security.overview.de', await visit(page, '/account/security'), de.overview.title);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await visit(page, '/account/security/totp');
    await expectPage(page, 'security.totp.setup.de', await press(page, de.totp.start), de.totp.title);
    await expectPage(page, 'tokens.de', await visit(page, '/account/tokens'), de.tokens.title);
  });
});

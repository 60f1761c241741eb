/**
 * The security pages as a whole, on SQLite and PostgreSQL: each one shown to a signed-in user
 * (safe headers, its heading, the account navigation with its section marked, every form with
 * the CSRF token) and in German; without a session each goes through the session resume; every
 * form refuses a post without the CSRF token, with another session's token, or from another
 * site (403), and nothing changes; an impersonated session gets the clear refusal on every
 * factor form, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as pageStrings } from '../../../src/ui/locales/en.js';
import { ORIGIN, openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { softwareAuthenticator } from '../../support/software-authenticator.js';
import { storeKinds } from '../../support/stores.js';
import { alertText, currentNavLink, impersonatedBrowser, signedInUser } from '../account/account.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { addTotp, de, en } from './security.js';

const csrfOf = (body: unknown) => /<input type="hidden" name="csrf" value="([^"]*)">/.exec(String(body))?.[1];

describe.each(storeKinds)('the security pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: { rpId: 'localhost', origins: [ORIGIN] } });
  });
  afterAll(() => t?.close());

  /** A user with an authenticator app, a passkey and a token; the paths of its passkey and token. */
  async function equippedUser(tag: string) {
    const user = await signedInUser(t, tag);
    await addTotp(t);
    const options = await t.request('POST', '/auth/passkeys/register/options', { token: user.accessToken });
    const added = await t.request('POST', '/auth/passkeys/register', {
      token: user.accessToken,
      body: { response: softwareAuthenticator({ origin: ORIGIN }).create(options.body), name: 'Laptop' },
    });
    expect(added.status).toBe(200);
    const pat = await t.request('POST', '/auth/tokens', {
      token: user.accessToken,
      body: { name: 'CI', scopes: ['profile:read'] },
    });
    expect(pat.status).toBe(201);
    return {
      user,
      passkey: `/account/security/passkeys/${added.body.passkey.id}`,
      token: `/account/tokens/${pat.body.pat.id}`,
    };
  }

  it('each page is shown to a signed-in user under its navigation entry, in English and German', async () => {
    const { passkey, token } = await equippedUser('sec-pages');
    const pages: ReadonlyArray<readonly [string, number, string, string, string]> = [
      ['/account/security', 200, en.overview.title, de.overview.title, '/account/security'],
      ['/account/security/totp', 409, en.totp.alreadyOn.title, de.totp.alreadyOn.title, '/account/security'],
      ['/account/security/totp/remove', 200, en.totp.remove.title, de.totp.remove.title, '/account/security'],
      [
        '/account/security/recovery-codes',
        200,
        en.recovery.regenerate.title,
        de.recovery.regenerate.title,
        '/account/security',
      ],
      ['/account/security/passkeys', 200, en.passkeys.title, de.passkeys.title, '/account/security'],
      [
        passkey,
        200,
        en.passkeys.manageTitle('Laptop'),
        de.passkeys.manageTitle('Laptop'),
        '/account/security',
      ],
      ['/account/security/phone', 200, en.phone.title, de.phone.title, '/account/security'],
      [
        '/account/security/phone/confirm',
        200,
        en.phone.confirmTitle,
        de.phone.confirmTitle,
        '/account/security',
      ],
      [
        '/account/security/phone/remove',
        200,
        en.phone.remove.title,
        de.phone.remove.title,
        '/account/security',
      ],
      ['/account/identities', 200, en.identities.title, de.identities.title, '/account/identities'],
      ['/account/tokens', 200, en.tokens.title, de.tokens.title, '/account/tokens'],
      [
        token,
        200,
        en.tokens.revokeConfirm.title('CI'),
        de.tokens.revokeConfirm.title('CI'),
        '/account/tokens',
      ],
    ];
    for (const [path, status, title, german, section] of pages) {
      const reply = await open(t, path);
      const body = expectSafePage(reply, status);
      expect(heading(reply), path).toBe(title);
      expect(currentNavLink(reply), path).toBe(section);
      expect(body.match(/<h1>/g), path).toHaveLength(1);
      for (const form of body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [])
        expect(form, path).toContain('name="csrf"');
      const inGerman = await open(t, path, { 'accept-language': 'de' });
      expectSafePage(inGerman, status);
      expect(heading(inGerman), path).toBe(german);
    }
  });

  it('without a session, each page goes through the session resume, and a post is not run', async () => {
    clearBrowser(t);
    for (const path of [
      '/account/security',
      '/account/security/totp',
      '/account/identities',
      '/account/tokens',
    ]) {
      const first = await open(t, path);
      expect(first.status, path).toBe(303);
      expect(first.headers.get('location')).toBe(`/auth/refresh/resume?returnTo=${encodeURIComponent(path)}`);
    }
    const posted = await submit(t, '/account/security/totp', { action: 'enroll' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount%2Fsecurity%2Ftotp');
  });

  it('every form refuses a post without its CSRF token, with another session’s, or from another site; nothing changes', async () => {
    const { user, passkey, token } = await equippedUser('sec-csrf');
    const stolen = csrfOf((await open(t, '/account/security')).body)!;
    const forms: ReadonlyArray<readonly [string, Record<string, string>]> = [
      ['/account/security/totp', { action: 'enroll' }],
      ['/account/security/totp/remove', { confirm: 'yes' }],
      ['/account/security/recovery-codes', { confirm: 'yes' }],
      ['/account/security/passkeys', { action: 'start', name: 'x' }],
      [passkey, { action: 'remove', confirm: 'yes' }],
      ['/account/security/phone', { phone: '+14155550100' }],
      ['/account/security/phone/confirm', { code: '123456' }],
      ['/account/security/phone/remove', { confirm: 'yes' }],
      ['/account/tokens', { name: 'forged', scope: 'profile:read' }],
      [token, { confirm: 'yes' }],
    ];
    const other = await t.signUp();
    for (const [path, fields] of forms) {
      const missing = await submit(t, path, { ...fields, csrf: '' });
      expectSafePage(missing, 403);
      expect(heading(missing), path).toBe(pageStrings.errors.formExpired.title);
      const crossSite = await submit(t, path, fields, { 'sec-fetch-site': 'cross-site' });
      expectSafePage(crossSite, 403);
      expect(heading(crossSite), path).toBe(pageStrings.errors.crossSite.title);
    }
    // The same browser, signed in as someone else, posting the first session's token.
    signInBrowser(t, other);
    for (const [path, fields] of forms) {
      if (path === passkey || path === token) continue;
      const forged = await submit(t, path, { ...fields, csrf: stolen });
      expectSafePage(forged, 403);
    }
    const factors = await t.request('GET', '/auth/mfa', { token: user.accessToken });
    expect(factors.body.methods).toEqual(expect.arrayContaining(['totp', 'passkey']));
    expect(
      (await t.request('GET', '/auth/passkeys', { token: user.accessToken })).body.passkeys,
    ).toHaveLength(1);
    expect((await t.request('GET', '/auth/tokens', { token: user.accessToken })).body.tokens).toHaveLength(1);
    expect((await t.request('GET', '/auth/tokens', { token: other.accessToken })).body.tokens).toEqual([]);
  });

  it('an impersonated session: every factor form answers 403 with the message, never a 500 (linking: see identities.test.ts)', async () => {
    await impersonatedBrowser(t, 'sec-impersonated');
    const forms: ReadonlyArray<readonly [string, Record<string, string>]> = [
      ['/account/security/totp', { action: 'enroll' }],
      ['/account/security/totp/remove', { confirm: 'yes' }],
      ['/account/security/recovery-codes', { confirm: 'yes' }],
      ['/account/security/passkeys', { action: 'start', name: 'x' }],
      ['/account/security/phone', { phone: '+14155550100' }],
      ['/account/security/phone/confirm', { code: '123456' }],
      ['/account/security/phone/remove', { confirm: 'yes' }],
      ['/account/tokens', { name: 'x', scope: 'profile:read' }],
    ];
    for (const [path, fields] of forms) {
      await open(t, path);
      const reply = await submit(t, path, fields);
      expectSafePage(reply, 403);
      expect(heading(reply), path).toBe(en.common.impersonated.title);
      expect(alertText(reply), path).toBe(en.common.impersonated.body);
    }
  });
});

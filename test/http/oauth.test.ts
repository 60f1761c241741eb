/**
 * Social login over HTTP against a real local OpenID provider (oidc-provider), on both stores:
 * the whole flow to a session cookie, code mode and its exchange, linking while signed in, a
 * second sign-in reusing the identity, linking by a verified address (and refusing an unverified
 * one), a new account without an address, the second factor still asked for, a form_post
 * provider, UserInfo when the ID token has no address, and the errors a browser can meet.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { ORIGIN, openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  callbackFor,
  providerSettings,
  setCookieValue,
  signInAtProvider,
  startTestIdp,
  TestBrowser,
  type TestIdp,
} from '../support/oidc-provider.js';
import { everyStoreKind } from '../support/stores.js';

const APP = `${ORIGIN}/app`;
const MOBILE = 'com.example.app:/oauth';
const SAME_ORIGIN = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };

let accounts = 0;
const anAccount = () => `acct-${Date.now().toString(36)}-${++accounts}`;
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe.each(everyStoreKind)('social login over HTTP (%s)', (kind) => {
  let idp: TestIdp;
  let other: TestIdp;
  let t: TestGatehouse;

  beforeAll(async () => {
    idp = await startTestIdp({
      redirectUris: [callbackFor(ORIGIN, 'idp'), callbackFor(ORIGIN, 'posted')],
    });
    // Puts addresses only in UserInfo (oidc-provider's default), unlike `idp`.
    other = await startTestIdp({ redirectUris: [callbackFor(ORIGIN, 'other')], conformIdTokenClaims: true });
    t = await openGatehouse(kind, {
      baseUrl: ORIGIN,
      oauth: {
        providers: {
          idp: providerSettings(idp, { displayName: 'Test provider' }),
          other: providerSettings(other),
          // Apple's quirks (form_post) against the local provider.
          posted: providerSettings(idp, { preset: 'apple', scopes: ['openid', 'email'] }),
        },
        redirectUrls: [APP, MOBILE],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await other?.close();
  });

  const browser = () => new TestBrowser((request) => t.gatehouse.handler(request), ORIGIN);
  const startUrl = (provider: string, query: Record<string, string> = { returnTo: APP }) =>
    `${ORIGIN}/auth/oauth/${provider}/start?${new URLSearchParams(query)}`;

  /** A provider account, with a fresh verified address unless told otherwise. */
  function account(at: TestIdp, overrides: { email?: string; emailVerified?: boolean; name?: string } = {}) {
    const id = anAccount();
    const email = overrides.email ?? uniqueEmail('idp');
    at.addAccount({
      id,
      email,
      emailVerified: overrides.emailVerified ?? true,
      name: overrides.name ?? 'Ada',
    });
    return { id, email };
  }

  async function signInWith(at: TestIdp, provider: string, accountId: string, b = browser()) {
    const { callbackUrl } = await signInAtProvider(b, startUrl(provider), at, accountId);
    return { b, back: await b.send(callbackUrl.href) };
  }

  it('start → provider → callback → session cookie; GET /auth/session works', async () => {
    const { id, email } = account(idp, { name: 'Ada Lovelace' });
    const b = browser();
    const start = await b.send(startUrl('idp'));
    expect(start.status).toBe(302);
    const authorize = new URL(start.location!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: callbackFor(ORIGIN, 'idp'),
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
    });
    const binding = start.setCookies.find((c) => c.startsWith('gh_oauth='));
    expect(binding).toMatch(/; Path=\/auth\/oauth; Max-Age=600; HttpOnly; SameSite=Lax$/);

    const { callbackUrl } = await signInAtProvider(b, startUrl('idp'), idp, id);
    expect(callbackUrl.searchParams.get('iss')).toBe(idp.issuer);
    const back = await b.send(callbackUrl.href);
    expect(back.status).toBe(302);
    expect(back.location).toBe(APP);
    expect(back.headers.get('referrer-policy')).toBe('no-referrer');
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeTruthy();
    expect(setCookieValue(back.setCookies, 'gh_refresh')).toBeTruthy();

    const session = await b.send(`${ORIGIN}/auth/session`);
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toMatchObject({
      user: { email, emailVerified: true, name: 'Ada Lovelace' },
      session: { amr: ['fed'], aal: 'aal1' },
    });
    const identities = JSON.parse((await b.send(`${ORIGIN}/auth/identities`)).text).identities;
    expect(identities).toEqual([expect.objectContaining({ provider: 'idp', email })]);
  });

  it('a second sign-in with the same provider account reuses the identity and the user', async () => {
    const { id } = account(idp);
    const first = await signInWith(idp, 'idp', id);
    const second = await signInWith(idp, 'idp', id);
    const who = async (b: TestBrowser) => JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text).user.id;
    const userId = await who(first.b);
    expect(await who(second.b)).toBe(userId);
    expect(await t.store.identities.listForUser(userId)).toHaveLength(1);
  });

  it('code mode: the callback hands returnTo a one-time code; the exchange with the verifier gives tokens, once', async () => {
    const { id, email } = account(idp);
    const { verifier, challenge } = pkce();
    const b = browser();
    const { callbackUrl } = await signInAtProvider(
      b,
      startUrl('idp', {
        returnTo: MOBILE,
        mode: 'code',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      idp,
      id,
    );
    const back = await b.send(callbackUrl.href);
    expect(back.status).toBe(302);
    const location = new URL(back.location!);
    expect(`${location.protocol}${location.pathname}`).toBe(MOBILE);
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^gh_oac_[\w-]{43}$/);
    // No session exists in the browser: the app gets the tokens.
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeUndefined();
    const exchanged = await t.request('POST', '/auth/oauth/exchange', {
      body: { code, codeVerifier: verifier },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      user: { email },
      session: { amr: ['fed'] },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect((await t.request('GET', '/auth/session', { token: exchanged.body.accessToken })).status).toBe(200);
    const again = await t.request('POST', '/auth/oauth/exchange', { body: { code, codeVerifier: verifier } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('OAUTH_STATE_INVALID');
  });

  it('code mode: a wrong verifier spends the code; an expired code is refused; S256 is required', async () => {
    const { id } = account(idp);
    const codeFor = async () => {
      const { verifier, challenge } = pkce();
      const b = browser();
      const query = { returnTo: APP, mode: 'code', code_challenge: challenge, code_challenge_method: 'S256' };
      const { callbackUrl } = await signInAtProvider(b, startUrl('idp', query), idp, id);
      const code = new URL((await b.send(callbackUrl.href)).location!).searchParams.get('code')!;
      return { code, verifier };
    };
    const exchange = (code: string, codeVerifier: string) =>
      t.request('POST', '/auth/oauth/exchange', { body: { code, codeVerifier } });

    const first = await codeFor();
    expect((await exchange(first.code, pkce().verifier)).status).toBe(400);
    expect((await exchange(first.code, first.verifier)).body.error.code).toBe('OAUTH_STATE_INVALID');

    const late = await codeFor();
    t.clock.advance(61_000);
    expect((await exchange(late.code, late.verifier)).body.error.code).toBe('OAUTH_STATE_INVALID');

    const refused: Record<string, string>[] = [
      { returnTo: APP, mode: 'code', code_challenge: pkce().challenge },
      { returnTo: APP, mode: 'code', code_challenge: pkce().verifier, code_challenge_method: 'plain' },
      { returnTo: APP, mode: 'code', code_challenge: 'short', code_challenge_method: 'S256' },
      { returnTo: APP, mode: 'token' },
    ];
    for (const query of refused) {
      const reply = await browser().send(startUrl('idp', query));
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.text).error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('linking while signed in: the provider joins the account; signing in with it later finds that user', async () => {
    const me = await t.signUp();
    const { id } = account(other, { email: uniqueEmail('someone-else') });
    const b = browser();
    const { callbackUrl } = await signInAtProvider(
      b,
      `${ORIGIN}/auth/oauth/other/link?returnTo=${encodeURIComponent(APP)}`,
      other,
      id,
      { startHeaders: { authorization: `Bearer ${me.accessToken}` } },
    );
    const back = await b.send(callbackUrl.href);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${APP}?linked=other`);
    // Linking starts no session in the browser.
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeUndefined();
    const listed = await t.request('GET', '/auth/identities', { token: me.accessToken });
    expect(listed.body.identities).toEqual([expect.objectContaining({ provider: 'other' })]);

    const later = await signInWith(other, 'other', id);
    expect(later.back.location).toBe(APP);
    expect(JSON.parse((await later.b.send(`${ORIGIN}/auth/session`)).text).user.id).toBe(me.user.id);
  });

  it('link: IDENTITY_IN_USE for an identity linked to another user; a recent sign-in and a session are needed', async () => {
    const { id } = account(idp);
    await signInWith(idp, 'idp', id);
    const me = await t.signUp();
    const b = browser();
    const link = `${ORIGIN}/auth/oauth/idp/link?returnTo=${encodeURIComponent(APP)}`;
    const { callbackUrl } = await signInAtProvider(b, link, idp, id, {
      startHeaders: { authorization: `Bearer ${me.accessToken}` },
    });
    expect((await b.send(callbackUrl.href)).location).toBe(`${APP}?error=IDENTITY_IN_USE`);

    // A session is needed, and a recent sign-in.
    const anonymous = await b.send(link);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).error.code).toBe('INVALID_TOKEN');
    const stale = await t.signUp();
    t.clock.advance(11 * 60_000);
    const late = await b.send(link, { headers: { authorization: `Bearer ${stale.accessToken}` } });
    expect(late.status).toBe(403);
    expect(JSON.parse(late.text).error.code).toBe('REAUTH_REQUIRED');
  });

  it('link with the session cookie: only from our own pages, never a navigation another site starts', async () => {
    const me = await t.signUp();
    const link = `${ORIGIN}/auth/oauth/idp/link?returnTo=${encodeURIComponent(APP)}`;
    const b = browser();
    b.setCookie(ORIGIN, 'gh_access', me.accessToken);
    const crossSite = await b.send(link, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text).error.code).toBe('ORIGIN_NOT_ALLOWED');
    const ours = await b.send(link, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(ours.status).toBe(302);
    expect(new URL(ours.location!).origin).toBe(idp.issuer);
  });

  it('links a new identity to the account with the same verified address (both sides verified)', async () => {
    const email = uniqueEmail('verified');
    const user = await t.gatehouse.createUser({ email, emailVerified: true });
    const { id } = account(idp, { email });
    const { b, back } = await signInWith(idp, 'idp', id);
    expect(back.location).toBe(APP);
    expect(JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text).user.id).toBe(user.id);
  });

  it('IDENTITY_NOT_LINKED when the provider has not verified an address an account holds: no session', async () => {
    const email = uniqueEmail('held');
    const user = await t.gatehouse.createUser({ email, emailVerified: true });
    const { id } = account(idp, { email, emailVerified: false });
    const { back } = await signInWith(idp, 'idp', id);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${APP}?error=IDENTITY_NOT_LINKED`);
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeUndefined();
    expect(await t.store.identities.listForUser(user.id as never)).toEqual([]);
  });

  it('a new account without an address when the provider has not verified it', async () => {
    const email = uniqueEmail('unverified');
    const { id } = account(idp, { email, emailVerified: false });
    const { b, back } = await signInWith(idp, 'idp', id);
    expect(back.location).toBe(APP);
    const { user } = JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text);
    expect(user).toMatchObject({ email: null, emailVerified: false });
    expect(await t.store.users.findByEmail(email)).toBeNull();
  });

  describe('an account with a second factor', () => {
    async function withTotp() {
      const email = uniqueEmail('mfa');
      const signUp = await t.signUp(email);
      await t.gatehouse.updateUser(signUp.user.id, { emailVerified: true });
      const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: signUp.accessToken });
      const secret = base32Decode(enrol.body.secret);
      const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
      const on = await t.request('POST', '/auth/mfa/totp/activate', {
        token: signUp.accessToken,
        body: { code: code() },
      });
      expect(on.status).toBe(200);
      const next = () => {
        t.clock.advance(30_000);
        return code();
      };
      return { email, userId: signUp.user.id as string, next };
    }

    it('cookie mode: no session before the second factor; the challenge comes from the HttpOnly cookie', async () => {
      const { email, userId, next } = await withTotp();
      const { id } = account(idp, { email });
      const { b, back } = await signInWith(idp, 'idp', id);
      expect(back.location).toBe(`${APP}?mfa=required`);
      expect(setCookieValue(back.setCookies, 'gh_access')).toBeUndefined();
      expect(back.setCookies.find((c) => c.startsWith('gh_oauth_mfa='))).toMatch(
        /; Path=\/auth\/oauth; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
      );
      expect(back.location).not.toContain('gh_mfa_');
      expect((await b.send(`${ORIGIN}/auth/session`)).status).toBe(401);

      // Another site cannot read it.
      const crossSite = await b.send(`${ORIGIN}/auth/oauth/mfa`, {
        method: 'POST',
        headers: { origin: 'https://evil.tld', 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);
      const resumed = await b.send(`${ORIGIN}/auth/oauth/mfa`, { method: 'POST', headers: SAME_ORIGIN });
      expect(resumed.status).toBe(200);
      const challenge = JSON.parse(resumed.text);
      expect(challenge).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['totp']) });
      const done = await b.send(`${ORIGIN}/auth/mfa/verify`, {
        method: 'POST',
        contentType: 'application/json',
        headers: { ...SAME_ORIGIN, 'gatehouse-transport': 'cookie' },
        body: JSON.stringify({ mfaToken: challenge.mfaToken, method: 'totp', code: next() }),
      });
      expect(done.status).toBe(200);
      const session = JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text);
      expect(session).toMatchObject({ user: { id: userId }, session: { amr: ['fed', 'otp'], aal: 'aal2' } });
      // The cookie went with its use.
      expect(
        (await b.send(`${ORIGIN}/auth/oauth/mfa`, { method: 'POST', headers: SAME_ORIGIN })).status,
      ).toBe(401);
    });

    it('code mode: the exchange answers the MFA challenge, not tokens', async () => {
      const { email } = await withTotp();
      const { id } = account(idp, { email });
      const { verifier, challenge } = pkce();
      const b = browser();
      const query = { returnTo: APP, mode: 'code', code_challenge: challenge, code_challenge_method: 'S256' };
      const { callbackUrl } = await signInAtProvider(b, startUrl('idp', query), idp, id);
      const code = new URL((await b.send(callbackUrl.href)).location!).searchParams.get('code')!;
      const exchanged = await t.request('POST', '/auth/oauth/exchange', {
        body: { code, codeVerifier: verifier },
      });
      expect(exchanged.status).toBe(200);
      expect(exchanged.body).toEqual({
        mfaRequired: true,
        mfaToken: expect.stringMatching(/^gh_mfa_/),
        methods: expect.arrayContaining(['totp']),
        expiresIn: expect.any(Number),
      });
      expect(exchanged.body.accessToken).toBeUndefined();
    });
  });

  it('a form_post provider (Apple-style): answers by POST, gets 303 to returnTo with the session', async () => {
    const { id, email } = account(idp);
    const b = browser();
    const start = await b.send(startUrl('posted'));
    expect(new URL(start.location!).searchParams.get('response_mode')).toBe('form_post');
    const { callbackUrl, form } = await signInAtProvider(b, startUrl('posted'), idp, id);
    expect(form?.get('code')).toBeTruthy();
    const back = await b.send(callbackUrl.href, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: form!.toString(),
    });
    expect(back.status).toBe(303);
    expect(back.location).toBe(APP);
    expect(JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text).user.email).toBe(email);
  });

  it('asks UserInfo for the address when the ID token carries none', async () => {
    const { id, email } = account(other);
    const { b, back } = await signInWith(other, 'other', id);
    expect(back.location).toBe(APP);
    expect(JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text).user).toMatchObject({
      email,
      emailVerified: true,
    });
  });

  it('a provider error (the person cancelled) sends the browser back with error and reason', async () => {
    const b = browser();
    const start = await b.send(startUrl('idp'));
    const state = new URL(start.location!).searchParams.get('state')!;
    const back = await b.send(
      `${callbackFor(ORIGIN, 'idp')}?${new URLSearchParams({ error: 'access_denied', state })}`,
    );
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${APP}?error=OAUTH_FAILED&reason=access_denied`);
  });

  it('unknown providers are 404 PROVIDER_NOT_FOUND; no returnTo goes to the default page', async () => {
    for (const path of ['/auth/oauth/nope/start', '/auth/oauth/nope/callback?state=x']) {
      const reply = await browser().send(`${ORIGIN}${path}`);
      expect(reply.status).toBe(404);
      expect(JSON.parse(reply.text).error.code).toBe('PROVIDER_NOT_FOUND');
    }
    const { id } = account(idp);
    const b = browser();
    const { callbackUrl } = await signInAtProvider(b, `${ORIGIN}/auth/oauth/idp/start`, idp, id);
    expect((await b.send(callbackUrl.href)).location).toBe(`${ORIGIN}/`);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/auth/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/oauth/{provider}/start',
        '/auth/oauth/{provider}/link',
        '/auth/oauth/{provider}/callback',
        '/auth/oauth/exchange',
        '/auth/oauth/mfa',
      ]),
    );
    expect(Object.keys(doc.paths['/auth/oauth/{provider}/callback']).sort()).toEqual(['get', 'post']);
  });
});

describe('cookies on https', () => {
  it('the binding cookie is __Secure-, Secure, and SameSite=None for a form_post provider', async () => {
    const idp = await startTestIdp({ redirectUris: ['https://auth.example/auth/oauth/idp/callback'] });
    const t = await openGatehouse('sqlite', {
      baseUrl: 'https://auth.example',
      oauth: {
        providers: {
          idp: providerSettings(idp),
          apple: providerSettings(idp, { preset: 'apple' }),
        },
      },
    });
    try {
      const lax = await t.request('GET', '/auth/oauth/idp/start');
      expect(lax.status).toBe(302);
      expect(new URL(lax.headers.get('location')!).searchParams.get('redirect_uri')).toBe(
        'https://auth.example/auth/oauth/idp/callback',
      );
      expect(lax.headers.getSetCookie()[0]).toMatch(
        /^__Secure-gh_oauth=[^;]+; Path=\/auth\/oauth; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
      );
      const none = await t.request('GET', '/auth/oauth/apple/start');
      expect(none.headers.getSetCookie()[0]).toMatch(
        /^__Secure-gh_oauth_post=[^;]+; Path=\/auth\/oauth; Max-Age=600; HttpOnly; SameSite=None; Secure$/,
      );
    } finally {
      await t.close();
      await idp.close();
    }
  });
});

describe('without baseUrl', () => {
  it('refuses to start (503 UNAVAILABLE, naming the setting): the redirect URI never comes from a Host header', async () => {
    const t = await openGatehouse('sqlite', {
      oauth: { providers: { idp: { issuer: 'https://idp.example', clientId: 'x' } } },
    });
    try {
      const reply = await t.request('GET', '/auth/oauth/idp/start', { headers: { host: 'evil.tld' } });
      expect(reply.status).toBe(503);
      expect(reply.body.error).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('baseUrl'),
      });
      expect(reply.headers.get('location')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

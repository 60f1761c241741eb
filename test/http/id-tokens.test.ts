/**
 * Sign-in with third-party ID tokens over HTTP (docs/id-tokens.md), against a real local JWKS
 * server: a provider configured by hand and the Firebase, Google and Apple presets (their
 * `jwksUrl` pointed at the local server), the nonce, key rotation, linking and unlinking through
 * /auth/identities, and the second factor.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  CUSTOM_ISSUER,
  claimsFor,
  FIREBASE_ISSUER,
  GOOGLE_WEB_CLIENT,
  idTokenSettings,
  uniqueSubject,
} from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';
import { everyStoreKind } from '../support/stores.js';

type Provider = 'custom' | 'firebase' | 'google' | 'apple';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(everyStoreKind)('ID-token sign-in (%s)', (kind) => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse(kind, {
      ...idTokenSettings(jwks, {
        providers: {
          'google-work': {
            preset: 'google',
            audiences: [GOOGLE_WEB_CLIENT],
            hostedDomain: 'example.com',
            jwksUrl: jwks.url,
          },
        },
      }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  const token = (provider: Provider, sub: string, claims: Record<string, unknown> = {}) =>
    jwks.sign({ now: t.clock.now(), claims: claimsFor(provider, sub, t.clock.now(), claims) });
  const signIn = (provider: string, idToken: string, extra: Record<string, unknown> = {}) =>
    t.request('POST', '/auth/sign-in/id-token', { body: { provider, idToken, ...extra } });
  const liveSessions = async (userId: string) =>
    (await t.store.sessions.listLive(userId as never, t.clock.now())).length;

  it('a valid token makes an account and signs in; the same (issuer, subject) lands on it again', async () => {
    const sub = uniqueSubject();
    const email = uniqueEmail('idt');
    const first = await signIn(
      'custom',
      await token('custom', sub, { email, email_verified: true, name: 'Ada' }),
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      user: { email, emailVerified: true, name: 'Ada' },
      session: { amr: ['fed'] },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    const identity = await t.store.identities.findBySubject(CUSTOM_ISSUER, sub);
    expect(identity).toMatchObject({ userId: first.body.user.id, provider: 'custom', email });

    // Another address at the provider later changes nothing about which account it is.
    const again = await signIn('custom', await token('custom', sub, { email: uniqueEmail('moved') }));
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    expect((await t.request('GET', '/auth/session', { token: again.body.accessToken })).status).toBe(200);
  });

  it('an address the provider did not verify is not given to the new account', async () => {
    const reply = await signIn(
      'custom',
      await token('custom', uniqueSubject(), { email: uniqueEmail('unv') }),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ email: null, emailVerified: false });
  });

  it('cookie transport: the tokens go into cookies, not the body', async () => {
    const reply = await t.request('POST', '/auth/sign-in/id-token', {
      body: { provider: 'custom', idToken: await token('custom', uniqueSubject()) },
      headers: { 'gatehouse-transport': 'cookie', origin: 'http://localhost:3000' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.accessToken).toBeUndefined();
    expect(reply.body.refreshToken).toBeUndefined();
    expect(reply.headers.getSetCookie().length).toBeGreaterThanOrEqual(2);
  });

  it('Firebase preset: the project id is the audience and names the issuer', async () => {
    const sub = uniqueSubject('fb');
    const email = uniqueEmail('fb');
    const reply = await signIn('firebase', await token('firebase', sub, { email, email_verified: true }));
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ email, emailVerified: true });
    expect(await t.store.identities.findBySubject(FIREBASE_ISSUER, sub)).toMatchObject({
      userId: reply.body.user.id,
      provider: 'firebase',
    });
  });

  it('Google preset: both issuer spellings are one identity, under https://accounts.google.com', async () => {
    const sub = uniqueSubject('g');
    const a = await signIn('google', await token('google', sub));
    const b = await signIn('google', await token('google', sub, { iss: 'accounts.google.com' }));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.user.id).toBe(a.body.user.id);
    expect(await t.store.identities.findBySubject('https://accounts.google.com', sub)).not.toBeNull();
    expect(await t.store.identities.findBySubject('accounts.google.com', sub)).toBeNull();
  });

  it('Google preset with a hosted domain: only accounts of that domain', async () => {
    const base = { aud: GOOGLE_WEB_CLIENT, azp: undefined };
    const inDomain = await signIn(
      'google-work',
      await token('google', uniqueSubject(), { ...base, hd: 'example.com' }),
    );
    expect(inDomain.status).toBe(200);
    for (const hd of ['example.org', undefined]) {
      const other = await signIn('google-work', await token('google', uniqueSubject(), { ...base, hd }));
      expect(other.status, String(hd)).toBe(401);
    }
  });

  it('Apple preset: email_verified as the string "true" counts, "false" does not', async () => {
    const email = uniqueEmail('apple');
    const yes = await signIn(
      'apple',
      await token('apple', uniqueSubject(), { email, email_verified: 'true' }),
    );
    expect(yes.status).toBe(200);
    expect(yes.body.user).toMatchObject({ email, emailVerified: true });
    const no = await signIn(
      'apple',
      await token('apple', uniqueSubject(), { email: uniqueEmail('apple'), email_verified: 'false' }),
    );
    expect(no.status).toBe(200);
    expect(no.body.user).toMatchObject({ email: null, emailVerified: false });
  });

  it('the nonce: Apple carries its SHA-256, the request gives the raw value; one form only', async () => {
    const raw = `nonce-${uniqueSubject()}`;
    const sub = uniqueSubject('nonce');
    expect(
      (await signIn('apple', await token('apple', sub, { nonce: sha256(raw) }), { nonce: raw })).status,
    ).toBe(200);
    // The raw value in the token (or the hash in the request) is the other form: refused.
    expect((await signIn('apple', await token('apple', sub, { nonce: raw }), { nonce: raw })).status).toBe(
      401,
    );
    expect(
      (await signIn('apple', await token('apple', sub, { nonce: sha256(raw) }), { nonce: sha256(raw) }))
        .status,
    ).toBe(401);
    // Another nonce, or none while the token carries one: refused.
    expect(
      (await signIn('apple', await token('apple', sub, { nonce: sha256(raw) }), { nonce: 'x' })).status,
    ).toBe(401);
    expect((await signIn('apple', await token('apple', sub, { nonce: sha256(raw) }))).status).toBe(401);
    // A provider configured by hand compares the value itself.
    expect(
      (await signIn('custom', await token('custom', uniqueSubject(), { nonce: raw }), { nonce: raw })).status,
    ).toBe(200);
    expect((await signIn('custom', await token('custom', uniqueSubject()), { nonce: raw })).status).toBe(401);
  });

  it('key rotation: a new kid is fetched (once the cooldown allows), the retired one stops working', async () => {
    const sub = uniqueSubject('rot');
    expect((await signIn('custom', await token('custom', sub))).status).toBe(200);
    const oldToken = await token('custom', sub);
    const before = jwks.fetches;
    await jwks.rotate();
    const fresh = () => token('custom', sub);
    // Right after a fetch the set is not fetched again for an unknown kid (cooldown)…
    expect((await signIn('custom', await fresh())).status).toBe(401);
    expect(jwks.fetches).toBe(before);
    // …and is once the cooldown passed: the new key signs in, the retired key does not.
    t.clock.advance(31_000);
    const reply = await signIn('custom', await fresh());
    expect(reply.status).toBe(200);
    expect(jwks.fetches).toBe(before + 1);
    expect((await signIn('custom', oldToken)).status).toBe(401);
    expect(jwks.fetches).toBe(before + 1);
  });

  it('a signed-in user links an ID token identity, lists it, and signs in with it', async () => {
    const owner = await t.signUp();
    const sub = uniqueSubject('link');
    const linked = await t.request('POST', '/auth/identities/id-token', {
      token: owner.accessToken,
      body: { provider: 'google', idToken: await token('google', sub, { email: 'other@gmail.example' }) },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.identity).toMatchObject({ id: expect.stringMatching(/^idn_/), provider: 'google' });

    const list = await t.request('GET', '/auth/identities', { token: owner.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.identities).toEqual([
      expect.objectContaining({
        id: linked.body.identity.id,
        provider: 'google',
        email: 'other@gmail.example',
      }),
    ]);
    const signedIn = await signIn('google', await token('google', sub));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(owner.user.id);

    // Linking it again is harmless; to another user it is refused.
    const again = await t.request('POST', '/auth/identities/id-token', {
      token: owner.accessToken,
      body: { provider: 'google', idToken: await token('google', sub) },
    });
    expect(again.status).toBe(200);
    const other = await t.signUp();
    const taken = await t.request('POST', '/auth/identities/id-token', {
      token: other.accessToken,
      body: { provider: 'google', idToken: await token('google', sub) },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('IDENTITY_IN_USE');
    expect(await t.store.identities.listForUser(other.user.id)).toEqual([]);
  });

  it('linking needs a valid token and a recent sign-in', async () => {
    const owner = await t.signUp();
    const bad = await t.request('POST', '/auth/identities/id-token', {
      token: owner.accessToken,
      body: { provider: 'custom', idToken: await token('custom', uniqueSubject(), { aud: 'someone-else' }) },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INVALID_ID_TOKEN');
    t.clock.advance(601_000);
    const stale = await t.request('POST', '/auth/identities/id-token', {
      token: owner.accessToken,
      body: { provider: 'custom', idToken: await token('custom', uniqueSubject()) },
    });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('REAUTH_REQUIRED');
    expect(await t.store.identities.listForUser(owner.user.id)).toEqual([]);
  });

  it('unlinking: needs a recent sign-in, then the identity is gone from the list', async () => {
    const owner = await t.signUp();
    const linked = await t.request('POST', '/auth/identities/id-token', {
      token: owner.accessToken,
      body: { provider: 'custom', idToken: await token('custom', uniqueSubject()) },
    });
    const id = linked.body.identity.id as string;
    t.clock.advance(601_000);
    const stale = await t.request('DELETE', `/auth/identities/${id}`, { token: owner.accessToken });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('REAUTH_REQUIRED');

    const fresh = await t.request('POST', '/auth/sign-in/email', {
      body: { email: owner.user.email, password: 'correct horse battery staple' },
    });
    const removed = await t.request('DELETE', `/auth/identities/${id}`, { token: fresh.body.accessToken });
    expect(removed.status).toBe(200);
    expect(
      (await t.request('GET', '/auth/identities', { token: fresh.body.accessToken })).body.identities,
    ).toEqual([]);
    // Someone else's (or no) identity id: 404.
    expect(
      (await t.request('DELETE', `/auth/identities/${id}`, { token: fresh.body.accessToken })).status,
    ).toBe(404);
  });

  it('the only way into an account cannot be unlinked (LAST_SIGN_IN_METHOD); a verified address by mail counts', async () => {
    // No address: the identity is all there is.
    const bare = await signIn('custom', await token('custom', uniqueSubject()));
    const [only] = (await t.request('GET', '/auth/identities', { token: bare.body.accessToken })).body
      .identities;
    const refused = await t.request('DELETE', `/auth/identities/${only.id}`, {
      token: bare.body.accessToken,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LAST_SIGN_IN_METHOD');
    expect(await t.store.identities.listForUser(bare.body.user.id)).toHaveLength(1);

    // A verified address with passwordless sign-in on (the default) is another way in.
    const mailed = await signIn(
      'custom',
      await token('custom', uniqueSubject(), { email: uniqueEmail('mailable'), email_verified: true }),
    );
    const [identity] = (await t.request('GET', '/auth/identities', { token: mailed.body.accessToken })).body
      .identities;
    const removed = await t.request('DELETE', `/auth/identities/${identity.id}`, {
      token: mailed.body.accessToken,
    });
    expect(removed.status).toBe(200);
  });

  it('an account with a second factor gets the MFA challenge and no session until it passes', async () => {
    const sub = uniqueSubject('mfa');
    const first = await signIn('custom', await token('custom', sub));
    const userId = first.body.user.id as string;
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: first.body.accessToken });
    expect(enrol.status).toBe(200);
    const secret = base32Decode(enrol.body.secret);
    const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
    const activated = await t.request('POST', '/auth/mfa/totp/activate', {
      token: first.body.accessToken,
      body: { code: code() },
    });
    expect(activated.status).toBe(200);

    const before = await liveSessions(userId);
    const challenge = await signIn('custom', await token('custom', sub));
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(challenge.body.accessToken).toBeUndefined();
    expect(challenge.headers.getSetCookie()).toEqual([]);
    expect(await liveSessions(userId)).toBe(before);

    t.clock.advance(30_000);
    const done = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'totp', code: code() },
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(userId);
    expect(done.body.session).toMatchObject({ amr: ['fed', 'otp'], aal: 'aal2' });
  });

  it('unknown providers are 404, malformed requests 400', async () => {
    const idToken = await token('custom', uniqueSubject());
    for (const provider of ['nope', 'constructor', '__proto__', 'toString']) {
      const reply = await signIn(provider, idToken);
      expect(reply.status, provider).toBe(404);
      expect(reply.body.error.code).toBe('PROVIDER_NOT_FOUND');
    }
    expect((await signIn('custom', 'x'.repeat(8193))).status).toBe(400);
    expect((await signIn('custom', '')).status).toBe(400);
    expect((await signIn('custom', idToken, { extra: true })).status).toBe(400);
    expect((await signIn('custom', idToken, { nonce: 'n'.repeat(513) })).status).toBe(400);
    expect((await t.request('POST', '/auth/sign-in/id-token', { body: { provider: 'custom' } })).status).toBe(
      400,
    );
  });

  it('embedded: signInWithIdToken and linkIdToken do what the routes do', async () => {
    const sub = uniqueSubject('emb');
    const result = await t.gatehouse.signInWithIdToken({
      provider: 'apple',
      idToken: await token('apple', sub),
    });
    expect('accessToken' in result && result.user.id).toEqual(expect.stringMatching(/^usr_/));
    const owner = await t.signUp();
    const identity = await t.gatehouse.linkIdToken(owner.accessToken, {
      provider: 'custom',
      idToken: await token('custom', uniqueSubject()),
    });
    expect(identity.provider).toBe('custom');
    await expect(
      t.gatehouse.signInWithIdToken({ provider: 'apple', idToken: await token('apple', sub, { aud: 'x' }) }),
    ).rejects.toMatchObject({ code: 'INVALID_ID_TOKEN' });
    await expect(
      t.gatehouse.signInWithIdToken({ provider: 'apple', idToken: 42 as never }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});

describe('ID-token identities with passwordless sign-in off', () => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse('sqlite', { ...idTokenSettings(jwks), passwordless: { enabled: false } });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  it('a verified address is no way in then: unlinking the only identity is LAST_SIGN_IN_METHOD', async () => {
    const now = t.clock.now();
    const idToken = await jwks.sign({
      now,
      claims: claimsFor('custom', uniqueSubject(), now, {
        email: uniqueEmail('nomail'),
        email_verified: true,
      }),
    });
    const signedIn = await t.request('POST', '/auth/sign-in/id-token', {
      body: { provider: 'custom', idToken },
    });
    expect(signedIn.body.user.emailVerified).toBe(true);
    const [identity] = (await t.request('GET', '/auth/identities', { token: signedIn.body.accessToken })).body
      .identities;
    const refused = await t.request('DELETE', `/auth/identities/${identity.id}`, {
      token: signedIn.body.accessToken,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LAST_SIGN_IN_METHOD');
  });
});

describe('ID-token sign-in when addresses must be verified (sqlite)', () => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse('sqlite', { ...idTokenSettings(jwks), requireEmailVerified: true });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  const signIn = async (claims: Record<string, unknown>) => {
    const now = t.clock.now();
    const idToken = await jwks.sign({ now, claims: claimsFor('custom', uniqueSubject(), now, claims) });
    return t.request('POST', '/auth/sign-in/id-token', { body: { provider: 'custom', idToken } });
  };

  it('makes no account the provider did not verify an address for (it could never sign in)', async () => {
    const users = await t.db.count(`${t.tablePrefix}users`);
    for (const claims of [{ email: uniqueEmail('unverified'), email_verified: false }, {}]) {
      const refused = await signIn(claims);
      expect([refused.status, refused.body.error?.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    }
    expect(await t.db.count(`${t.tablePrefix}users`)).toBe(users);
    const verified = await signIn({ email: uniqueEmail('verified'), email_verified: true });
    expect(verified.status).toBe(200);
    expect(verified.body.user.emailVerified).toBe(true);
  });
});

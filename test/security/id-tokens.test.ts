/**
 * Third-party ID tokens (SECURITY.md §1.7, IDT-01, IDT-02, EML-03): every check a token must pass,
 * identities keyed by (issuer, subject), linking by address only under the rules, and account
 * pre-hijacking. A real local JWKS server publishes the providers' keys; a second one plays an
 * attacker-run issuer (the peer bug: gotrue CVE-2026-31813, where an ID token from an attacker's
 * issuer carrying the victim's email produced a session for the victim).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  CUSTOM_AUDIENCE,
  CUSTOM_ISSUER,
  claimsFor,
  FIREBASE_ISSUER,
  GOOGLE_ANDROID_CLIENT,
  GOOGLE_WEB_CLIENT,
  idTokenSettings,
  PROJECT_ID,
  uniqueSubject,
} from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';
import { storeKinds } from '../support/stores.js';

type Provider = 'custom' | 'firebase' | 'google' | 'apple';

describe.each(storeKinds)('ID tokens (%s)', (kind) => {
  let jwks: JwksServer;
  let attacker: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    [jwks, attacker] = await Promise.all([startJwksServer(), startJwksServer()]);
    t = await openGatehouse(kind, {
      ...idTokenSettings(jwks, {
        providers: {
          // Another provider whose subjects may collide with `custom`'s.
          other: {
            issuer: 'https://other-idp.example.test',
            audiences: [CUSTOM_AUDIENCE],
            jwksUrl: jwks.url,
          },
          // One whose word on addresses is not taken.
          untrusted: {
            issuer: 'https://untrusted-idp.example.test',
            audiences: [CUSTOM_AUDIENCE],
            jwksUrl: jwks.url,
            trustEmail: false,
          },
        },
      }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([jwks?.stop(), attacker?.stop()]);
  });

  const now = () => t.clock.now();
  const claims = (provider: Provider, sub: string, extra: Record<string, unknown> = {}) =>
    claimsFor(provider, sub, now(), extra);
  const token = (provider: Provider, sub: string, extra: Record<string, unknown> = {}) =>
    jwks.sign({ now: now(), claims: claims(provider, sub, extra) });
  const signIn = (provider: string, idToken: string, extra: Record<string, unknown> = {}) =>
    t.request('POST', '/auth/sign-in/id-token', { body: { provider, idToken, ...extra } });
  const refused = async (provider: string, idToken: string) => {
    const reply = await signIn(provider, idToken);
    expect(reply.status).toBe(401);
    // One answer for every failed check: nothing tells an attacker which one.
    expect(reply.body.error).toEqual({ code: 'INVALID_ID_TOKEN', message: 'The ID token is not valid' });
    expect(reply.headers.getSetCookie()).toEqual([]);
  };
  /** A verified account with a password, and its live session count. */
  async function victim() {
    const email = uniqueEmail('victim');
    const signedUp = await t.signUp(email);
    await t.gatehouse.updateUser(signedUp.user.id, { emailVerified: true });
    return { email, userId: signedUp.user.id as string };
  }
  const liveSessions = async (userId: string) =>
    (await t.store.sessions.listLive(userId as never, now())).length;
  const identitiesOf = (userId: string) => t.store.identities.listForUser(userId as never);

  it('IDT-01: a token for another audience (another Firebase project, another client) is refused', async () => {
    await refused('custom', await token('custom', uniqueSubject(), { aud: 'another-client' }));
    await refused('firebase', await token('firebase', uniqueSubject(), { aud: 'another-project' }));
    // Another project's token, issuer and all.
    await refused(
      'firebase',
      await token('firebase', uniqueSubject(), {
        aud: 'another-project',
        iss: 'https://securetoken.google.com/another-project',
      }),
    );
    await refused(
      'google',
      await token('google', uniqueSubject(), { aud: 'someone-elses.apps.googleusercontent.com' }),
    );
    await refused('apple', await token('apple', uniqueSubject(), { aud: 'com.attacker.app' }));
  });

  it('IDT-01: with several audiences, azp must be one of ours', async () => {
    const aud = [GOOGLE_WEB_CLIENT, 'someone-elses.apps.googleusercontent.com'];
    await refused('google', await token('google', uniqueSubject(), { aud, azp: undefined }));
    await refused(
      'google',
      await token('google', uniqueSubject(), { aud, azp: 'someone-elses.apps.googleusercontent.com' }),
    );
    expect(
      (await signIn('google', await token('google', uniqueSubject(), { aud, azp: GOOGLE_ANDROID_CLIENT })))
        .status,
    ).toBe(200);
  });

  it('IDT-01: a wrong issuer is refused, even one close to ours', async () => {
    for (const iss of [
      'https://evil.example',
      `${CUSTOM_ISSUER}/`,
      CUSTOM_ISSUER.toUpperCase(),
      'http://idp.example.test',
      FIREBASE_ISSUER,
    ]) {
      await refused('custom', await token('custom', uniqueSubject(), { iss }));
    }
    await refused('apple', await token('apple', uniqueSubject(), { iss: 'appleid.apple.com' }));
    await refused('google', await token('google', uniqueSubject(), { iss: 'https://accounts.google.com/' }));
  });

  it('IDT-01: expired, too old, issued in the future, or missing its times: refused', async () => {
    const s = Math.floor(now() / 1000);
    await refused('custom', await token('custom', uniqueSubject(), { exp: s - 60 }));
    await refused('custom', await token('custom', uniqueSubject(), { iat: s + 300, exp: s + 3600 }));
    await refused('custom', await token('custom', uniqueSubject(), { iat: s - 2 * 86_400, exp: s + 3600 }));
    await refused('custom', await token('custom', uniqueSubject(), { exp: undefined }));
    await refused('custom', await token('custom', uniqueSubject(), { iat: undefined }));
    await refused('apple', await token('apple', uniqueSubject(), { auth_time: s + 300 }));
    await refused('custom', await token('custom', ''));
    await refused('custom', await token('custom', uniqueSubject(), { sub: undefined }));
  });

  it('IDT-01: alg none, and HS256 keyed with the public key (key confusion), are refused', async () => {
    await refused('custom', jwks.unsigned({ now: now(), claims: claims('custom', uniqueSubject()) }));
    await refused(
      'custom',
      jwks.unsigned({ now: now(), claims: claims('custom', uniqueSubject()), header: { alg: 'NONE' } }),
    );
    await refused(
      'custom',
      await jwks.signWithPublicKeyAsHmac({ now: now(), claims: claims('custom', uniqueSubject()) }),
    );
    await refused(
      'firebase',
      await jwks.signWithPublicKeyAsHmac({ now: now(), claims: claims('firebase', uniqueSubject()) }),
    );
  });

  it('IDT-01: a kid absent from the key set is refused, and made-up kids cannot make us hammer the provider', async () => {
    const stranger = await jwks.unpublishedKey();
    const before = jwks.fetches;
    for (let i = 0; i < 5; i++) {
      await refused(
        'custom',
        await jwks.sign({ now: now(), claims: claims('custom', uniqueSubject()), key: stranger }),
      );
      await refused(
        'custom',
        await jwks.sign({
          now: now(),
          claims: claims('custom', uniqueSubject()),
          header: { kid: `made-up-${i}` },
        }),
      );
    }
    // At most one fetch per cooldown, however many unknown kids arrive.
    expect(jwks.fetches - before).toBeLessThanOrEqual(1);
  });

  it('IDT-01: a token from an attacker-run issuer carrying the victim’s email (and even sub) gets no session for the victim', async () => {
    const { email, userId } = await victim();
    const victimSub = uniqueSubject('victim');
    // The victim has signed in with the provider before: their identity exists.
    await t.request('POST', '/auth/identities/id-token', {
      token: (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body
        .accessToken,
      body: { provider: 'custom', idToken: await token('custom', victimSub) },
    });
    expect(await identitiesOf(userId)).toHaveLength(1);
    const sessions = await liveSessions(userId);
    const attackerIssuer = attacker.url.replace('/jwks', '');
    const forged = (extra: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      attacker.sign({
        now: now(),
        claims: { aud: CUSTOM_AUDIENCE, sub: victimSub, email, email_verified: true, ...extra },
        header,
      });
    const attempts = [
      // The attacker's own issuer, under every provider name we have.
      await forged({ iss: attackerIssuer }),
      // Our issuer's name, the attacker's key.
      await forged({ iss: CUSTOM_ISSUER }),
      // Our issuer, the attacker's key, and headers pointing at the attacker's key set or key.
      await forged({ iss: CUSTOM_ISSUER }, { jku: attacker.url }),
      await forged({ iss: CUSTOM_ISSUER }, { x5u: attacker.url }),
    ];
    const attackerFetches = attacker.fetches;
    for (const idToken of attempts) {
      for (const provider of ['custom', 'firebase', 'google', 'apple', 'other'])
        await refused(provider, idToken);
    }
    expect(attacker.fetches).toBe(attackerFetches);
    expect(await liveSessions(userId)).toBe(sessions);
    expect(await identitiesOf(userId)).toHaveLength(1);
    expect(await t.store.identities.findBySubject(attackerIssuer, victimSub)).toBeNull();
  });

  it('IDT-01: a Firebase session cookie presented as an ID token is refused', async () => {
    const sessionCookie = await token('firebase', uniqueSubject(), {
      iss: `https://session.firebase.google.com/${PROJECT_ID}`,
    });
    await refused('firebase', sessionCookie);
    // And the Firebase token's own rules: sub equal to user_id, auth_time present.
    await refused('firebase', await token('firebase', uniqueSubject(), { user_id: 'someone-else' }));
    await refused('firebase', await token('firebase', uniqueSubject(), { auth_time: undefined }));
  });

  it('IDT-01: why a token failed is in the audit log, the token is not', async () => {
    const idToken = await token('custom', uniqueSubject(), { aud: 'another-client' });
    await refused('custom', idToken);
    const { items } = await t.gatehouse.listAuditEvents({ type: 'user.sign_in_failed', limit: 5 });
    expect(items[0]).toMatchObject({
      data: { method: 'id_token', provider: 'custom', reason: 'claim_aud_check_failed' },
    });
    expect(JSON.stringify(items)).not.toContain(idToken.split('.')[2]);
  });

  it('IDT-02: email_verified false, absent or not exactly true for an existing user’s address: no sign-in, no link', async () => {
    const { email, userId } = await victim();
    const sessions = await liveSessions(userId);
    const cases: Array<[Provider | 'untrusted', Record<string, unknown>]> = [
      ['custom', { email_verified: false }],
      ['custom', {}],
      ['custom', { email_verified: 'true' }],
      ['google', { email_verified: 'true' }],
      ['firebase', { email_verified: false }],
      ['apple', { email_verified: 'false' }],
      // A provider not trusted on addresses, however sure it says it is.
      ['untrusted', { email_verified: true }],
    ];
    for (const [provider, extra] of cases) {
      const sub = uniqueSubject('unverified');
      const base = provider === 'untrusted' ? 'custom' : provider;
      const idToken = await jwks.sign({
        now: now(),
        claims: {
          ...claims(base, sub, { email, ...extra }),
          ...(provider === 'untrusted' ? { iss: 'https://untrusted-idp.example.test' } : {}),
        },
      });
      const reply = await signIn(provider, idToken);
      expect(reply.status, `${provider} ${JSON.stringify(extra)}`).toBe(409);
      expect(reply.body.error.code).toBe('IDENTITY_NOT_LINKED');
      expect(reply.body.accessToken).toBeUndefined();
    }
    expect(await liveSessions(userId)).toBe(sessions);
    expect(await identitiesOf(userId)).toEqual([]);
  });

  it('IDT-02: accounts are keyed by (issuer, subject): one address from two subjects lands on one account only when the linking rules allow', async () => {
    const email = uniqueEmail('two-subjects');
    const subA = uniqueSubject('a');
    const a = await signIn('custom', await token('custom', subA, { email, email_verified: true }));
    expect(a.status).toBe(200);
    // Another subject with that address, unverified: not that account, not a new one.
    const subB = uniqueSubject('b');
    const b = await signIn('custom', await token('custom', subB, { email }));
    expect(b.status).toBe(409);
    expect(await t.store.identities.findBySubject(CUSTOM_ISSUER, subB)).toBeNull();
    // The same subject at another issuer is someone else.
    const elsewhere = await signIn(
      'other',
      await jwks.sign({
        now: now(),
        claims: { ...claims('custom', subA), iss: 'https://other-idp.example.test' },
      }),
    );
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.user.id).not.toBe(a.body.user.id);
    // Verified, with auto-linking on (the default): the rules allow it, and it is linked.
    const linked = await signIn('custom', await token('custom', subB, { email, email_verified: true }));
    expect(linked.status).toBe(200);
    expect(linked.body.user.id).toBe(a.body.user.id);
    expect((await identitiesOf(a.body.user.id)).map((i) => i.subject).sort()).toEqual([subA, subB].sort());
  });

  it('EML-03: an attacker’s unverified account at the victim’s address is void once the victim proves the address with a provider', async () => {
    const email = uniqueEmail('prehijack');
    const attackerAccount = await t.signUp(email, 'attacker chose this passphrase');
    expect(attackerAccount.user.emailVerified).toBe(false);

    const sub = uniqueSubject('owner');
    const owner = await signIn('google', await token('google', sub, { email, email_verified: true }));
    expect(owner.status).toBe(200);
    expect(owner.body.user.id).not.toBe(attackerAccount.user.id);
    expect(owner.body.user).toMatchObject({ email, emailVerified: true });

    // The attacker's password, refresh token and access token are all void.
    const withPassword = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: 'attacker chose this passphrase' },
    });
    expect(withPassword.status).toBe(401);
    const refreshed = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: attackerAccount.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    expect((await t.request('GET', '/auth/session', { token: attackerAccount.accessToken })).status).toBe(
      401,
    );
    // The attacker's account lost the address, and nothing links to it.
    expect(await t.store.users.findById(attackerAccount.user.id)).toMatchObject({ email: null });
    expect(await identitiesOf(attackerAccount.user.id)).toEqual([]);
    expect(await t.store.credentials.findActivePassword(owner.body.user.id)).toBeNull();
    expect((await identitiesOf(owner.body.user.id)).map((i) => i.subject)).toEqual([sub]);
  });

  it('EML-03: an address the provider did not verify never replaces, nor links to, the unverified account', async () => {
    const email = uniqueEmail('prehijack-unverified');
    const attackerAccount = await t.signUp(email);
    const reply = await signIn(
      'custom',
      await token('custom', uniqueSubject(), { email, email_verified: false }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('IDENTITY_NOT_LINKED');
    expect(await t.store.users.findById(attackerAccount.user.id)).toMatchObject({ email });
    expect(await identitiesOf(attackerAccount.user.id)).toEqual([]);
  });
});

describe('ID tokens with identities.autoLink off', () => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse('sqlite', { ...idTokenSettings(jwks), identities: { autoLink: false } });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  it('IDT-02: both sides verified still gives IDENTITY_NOT_LINKED, and nothing is linked', async () => {
    const email = uniqueEmail('no-autolink');
    const signedUp = await t.signUp(email);
    await t.gatehouse.updateUser(signedUp.user.id, { emailVerified: true });
    const sub = uniqueSubject();
    const now = t.clock.now();
    const idToken = await jwks.sign({
      now,
      claims: claimsFor('google', sub, now, { email, email_verified: true }),
    });
    const reply = await t.request('POST', '/auth/sign-in/id-token', {
      body: { provider: 'google', idToken },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('IDENTITY_NOT_LINKED');
    expect(await t.store.identities.listForUser(signedUp.user.id)).toEqual([]);
    expect(await t.store.identities.findBySubject('https://accounts.google.com', sub)).toBeNull();
  });
});

describe('ID tokens with sign-up closed', () => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse('sqlite', { ...idTokenSettings(jwks), openSignUp: false });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  it('EML-03: an unverified account (an operator’s invitation) is not removed when no fresh one may be made', async () => {
    const email = uniqueEmail('invited');
    const invited = await t.gatehouse.createUser({ email, name: 'Invited' });
    const now = t.clock.now();
    const idToken = await jwks.sign({
      now,
      claims: claimsFor('google', uniqueSubject(), now, { email, email_verified: true }),
    });
    const reply = await t.request('POST', '/auth/sign-in/id-token', {
      body: { provider: 'google', idToken },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('IDENTITY_NOT_LINKED');
    expect(await t.store.users.findById(invited.id as never)).toMatchObject({ email, name: 'Invited' });
  });
});

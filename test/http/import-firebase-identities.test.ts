/**
 * Users imported from Firebase keep signing in the way they did: the Firebase user id becomes an
 * identity under the project's issuer (a mobile app still sending Firebase ID tokens lands on
 * the imported user), and linked Google and Apple accounts become identities by their subject
 * there. Tokens come from a local JWKS server standing in for Google's and Apple's keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { claimsFor, FIREBASE_ISSUER, idTokenSettings, uniqueSubject } from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';
import { everyStoreKind } from '../support/stores.js';

const firebaseScrypt = {
  signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
};
// github.com/firebase/scrypt's README sample user: password `user1password`.
const PASSWORD = 'user1password';
const HASH = 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';
const SALT = '42xEC+ixf3L2lw==';

type Provider = 'firebase' | 'google' | 'apple';

describe.each(everyStoreKind)('importing Firebase users with their identities (%s)', (kind) => {
  let jwks: JwksServer;
  let t: TestGatehouse;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse(kind, { ...idTokenSettings(jwks), firebaseScrypt });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  const signIn = async (provider: Provider, sub: string, claims: Record<string, unknown> = {}) => {
    const now = t.clock.now();
    const idToken = await jwks.sign({ now, claims: claimsFor(provider, sub, now, claims) });
    return t.request('POST', '/auth/sign-in/id-token', { body: { provider, idToken } });
  };

  it('localId and linked Google and Apple accounts become identities; each signs in to the imported user', async () => {
    const email = uniqueEmail('fb-linked');
    const localId = uniqueSubject('uid');
    const googleSub = uniqueSubject('google');
    const appleSub = uniqueSubject('apple');
    const report = await t.gatehouse.importUsers([
      {
        localId,
        email,
        emailVerified: true,
        passwordHash: HASH,
        salt: SALT,
        displayName: 'Linked User',
        providerUserInfo: [
          { providerId: 'google.com', rawId: googleSub, email, displayName: 'Linked User' },
          { providerId: 'apple.com', rawId: appleSub },
          // Not carried over: no identity, no error.
          { providerId: 'facebook.com', rawId: '1234' },
        ],
      },
    ]);
    expect(report).toEqual({ imported: 1, skipped: [] });
    const user = (await t.store.users.findByEmail(email))!;
    const identities = await t.store.identities.listForUser(user.id);
    expect(identities.map((i) => [i.provider, i.issuer, i.subject]).sort()).toEqual(
      [
        ['firebase', FIREBASE_ISSUER, localId],
        ['google', 'https://accounts.google.com', googleSub],
        ['apple', 'https://appleid.apple.com', appleSub],
      ].sort(),
    );
    expect(identities.every((i) => i.lastUsedAt === null)).toBe(true);

    // The mobile app still sends Firebase ID tokens (and whatever address: it is not the key).
    for (const [provider, sub] of [
      ['firebase', localId],
      ['google', googleSub],
      ['apple', appleSub],
    ] as const) {
      const reply = await signIn(provider, sub, { email: uniqueEmail('elsewhere'), email_verified: true });
      expect(reply.status, provider).toBe(200);
      expect(reply.body.user.id).toBe(user.id);
    }
    // And the old password still works.
    const withPassword = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
    });
    expect(withPassword.status).toBe(200);
    expect(withPassword.body.user.id).toBe(user.id);
  });

  it('a Firebase user with no password and no address (signed in by phone) comes over and signs in by token', async () => {
    const localId = uniqueSubject('phone');
    const report = await t.gatehouse.importUsers([{ localId, phoneNumber: '+15555550100' } as never]);
    expect(report).toEqual({ imported: 1, skipped: [] });
    const identity = (await t.store.identities.findBySubject(FIREBASE_ISSUER, localId))!;
    const user = (await t.store.users.findById(identity.userId))!;
    expect(user).toMatchObject({ email: null, emailVerified: false, status: 'active' });
    expect(await t.store.credentials.findActivePassword(user.id)).toBeNull();
    const reply = await signIn('firebase', localId);
    expect(reply.status).toBe(200);
    expect(reply.body.user.id).toBe(user.id);
  });

  it('a user Firebase had disabled comes over suspended, and its tokens do not sign in', async () => {
    const localId = uniqueSubject('disabled');
    const email = uniqueEmail('fb-disabled');
    expect(
      await t.gatehouse.importUsers([{ localId, email, disabled: true, passwordHash: HASH, salt: SALT }]),
    ).toEqual({
      imported: 1,
      skipped: [],
    });
    expect((await t.store.users.findByEmail(email))!.status).toBe('suspended');
    expect((await signIn('firebase', localId)).status).toBe(403);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).not.toBe(200);
  });

  it('a record whose identity is already someone’s is skipped whole; so is one with no way to sign in', async () => {
    const localId = uniqueSubject('dup');
    const first = uniqueEmail('fb-first');
    const second = uniqueEmail('fb-second');
    const googleSub = uniqueSubject('g-dup');
    const report = await t.gatehouse.importUsers([
      { localId, email: first, passwordHash: HASH, salt: SALT },
      // Same Firebase user again, with a Google account of its own: nothing of it goes in.
      { localId, email: second, providerUserInfo: [{ providerId: 'google.com', rawId: googleSub }] },
      // Record 1 left nothing behind: its Google account is free for this password-less one.
      {
        email: second,
        localId: uniqueSubject('free'),
        providerUserInfo: [{ providerId: 'google.com', rawId: googleSub }],
      },
      { email: uniqueEmail('nothing') },
      { email: uniqueEmail('bad-info'), localId: uniqueSubject(), providerUserInfo: 'google.com' as never },
      {
        email: uniqueEmail('bad-raw'),
        localId: uniqueSubject(),
        providerUserInfo: [{ providerId: 'apple.com', rawId: '' }],
      },
    ]);
    expect(report.imported).toBe(2);
    expect(report.skipped.map((s) => [s.index, s.code])).toEqual([
      [1, 'IDENTITY_IN_USE'],
      [3, 'VALIDATION_ERROR'],
      [4, 'VALIDATION_ERROR'],
      [5, 'VALIDATION_ERROR'],
    ]);
    const owner = (await t.store.users.findByEmail(first))!;
    expect((await t.store.identities.findBySubject(FIREBASE_ISSUER, localId))!.userId).toBe(owner.id);
    const secondUser = (await t.store.users.findByEmail(second))!;
    expect((await t.store.identities.listForUser(secondUser.id)).map((i) => i.subject)).toContain(googleSub);
  });
});

describe('the Firebase project of an import', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks?.stop());

  it('comes from the option when no Firebase provider is configured; without either, localId is ignored', async () => {
    const t = await openGatehouse('sqlite');
    try {
      const localId = uniqueSubject('opt');
      expect(
        await t.gatehouse.importUsers([{ localId, email: uniqueEmail('opt') }], {
          firebaseProjectId: 'my-project',
        }),
      ).toEqual({ imported: 1, skipped: [] });
      expect(
        await t.store.identities.findBySubject('https://securetoken.google.com/my-project', localId),
      ).toMatchObject({
        provider: 'firebase',
      });
      // No project: the record has no identity and no password, so there is nothing to sign in with.
      const without = await t.gatehouse.importUsers([
        { localId: uniqueSubject(), email: uniqueEmail('no-project') },
      ]);
      expect(without.skipped.map((s) => s.code)).toEqual(['VALIDATION_ERROR']);
      await expect(
        t.gatehouse.importUsers([], { firebaseProjectId: 'Not A Project!' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    } finally {
      await t.close();
    }
  });

  it('must be named when several Firebase providers are configured', async () => {
    const t = await openGatehouse('sqlite', {
      ...idTokenSettings(jwks, {
        providers: {
          'firebase-staging': { preset: 'firebase', projectId: 'staging-project', jwksUrl: jwks.url },
        },
      }),
    });
    try {
      await expect(t.gatehouse.importUsers([])).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      const localId = uniqueSubject('staging');
      await t.gatehouse.importUsers([{ localId, email: uniqueEmail('staging') }], {
        firebaseProjectId: 'staging-project',
      });
      expect(
        await t.store.identities.findBySubject('https://securetoken.google.com/staging-project', localId),
      ).toMatchObject({ provider: 'firebase-staging' });
    } finally {
      await t.close();
    }
  });
});

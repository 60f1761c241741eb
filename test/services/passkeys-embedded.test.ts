/**
 * Passkeys through the instance's own methods, on SQLite and PostgreSQL, with a software
 * authenticator: registration, listing and renaming, a passwordless sign-in, the passkey as the
 * second step after a password and for reauthentication, and removal — the same operations the
 * HTTP routes call (test/http/passkeys.test.ts covers them over HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMfaChallenge } from '../../src/index.js';
import { ORIGIN, openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { softwareAuthenticator } from '../support/software-authenticator.js';
import { storeKinds } from '../support/stores.js';

const CLIENT = { ip: '198.51.100.7', userAgent: 'embedded-test/1.0' };

describe.each(storeKinds)('passkeys, embedded (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: { rpId: 'localhost', origins: [ORIGIN] } });
  });
  afterAll(() => t.close());

  it('registers, lists, renames, signs in with no password, steps up a password sign-in, and removes', async () => {
    const g = t.gatehouse;
    const email = uniqueEmail('pk-embedded');
    const { accessToken } = await g.signUp({ email, password: PASSWORD }, CLIENT);
    const authenticator = softwareAuthenticator({ algorithm: -7, origin: ORIGIN });

    const creation = await g.passkeyRegistrationOptions(accessToken);
    const added = await g.registerPasskey(
      accessToken,
      { response: authenticator.create(creation), name: 'Laptop' },
      CLIENT,
    );
    expect(added.session.aal).toBe('aal2');
    expect(added.recoveryCodes).toHaveLength(10);
    expect((await g.listPasskeys(accessToken)).map((p) => p.name)).toEqual(['Laptop']);
    expect((await g.renamePasskey(added.accessToken, added.passkey.id, 'Work laptop')).name).toBe(
      'Work laptop',
    );

    // No password: the authenticator verified its user, so the session is two factors in one.
    const passwordless = await g.signInWithPasskey(
      { response: authenticator.get(await g.passkeySignInOptions()) },
      CLIENT,
    );
    if (isMfaChallenge(passwordless)) throw new Error('expected a session');
    expect(passwordless.session).toMatchObject({ amr: ['hwk', 'user'], aal: 'aal2' });

    // A password now asks for the passkey, which finishes the sign-in at aal2.
    const challenge = await g.signIn({ email, password: PASSWORD }, CLIENT);
    if (!isMfaChallenge(challenge)) throw new Error('expected an MFA challenge');
    expect(challenge.methods).toContain('passkey');
    const second = authenticator.get(await g.passkeyMfaOptions(challenge.mfaToken, CLIENT));
    const session = await g.verifyMfa(
      { mfaToken: challenge.mfaToken, method: 'passkey', assertion: second },
      CLIENT,
    );
    expect(session.session).toMatchObject({ amr: ['pwd', 'hwk'], aal: 'aal2' });

    // Reauthentication with the passkey, then removal (a recent sign-in).
    t.clock.advance(11 * 60 * 1000);
    const { accessToken: later } = await g.refresh(session.refreshToken);
    await expect(g.deletePasskey(later, added.passkey.id, CLIENT)).rejects.toMatchObject({
      code: 'REAUTH_REQUIRED',
    });
    const assertion = authenticator.get(await g.passkeyReauthOptions(later));
    const stepped = await g.reauthenticate(later, { method: 'passkey', assertion }, CLIENT);
    await g.deletePasskey(stepped.accessToken, added.passkey.id, CLIENT);
    expect(await g.listPasskeys(stepped.accessToken)).toEqual([]);
    // With its only factor gone, the password alone signs in again.
    expect(isMfaChallenge(await g.signIn({ email, password: PASSWORD }, CLIENT))).toBe(false);
  });
});

/**
 * ENUM-02 with users imported from Firebase: while `firebaseScrypt` is set, a user not yet
 * re-hashed verifies with Firebase's scrypt and everyone else with Argon2id, which cost different
 * times. An unknown address must not stand out from either kind (the hasher pads every
 * verification to one Argon2id and one scrypt; see src/crypto/password-hasher.ts). SECURITY.md's
 * timing method (test/support/timing.ts); SQLite only, as the other timing tests. The
 * parameters are cheaper than Firebase's default (mem cost 12 instead of 14) to keep the run
 * short; they still cost well apart from Argon2id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { timingsEqual } from '../support/timing.js';

// github.com/firebase/scrypt's README sample (signer key, salt and hash); any wrong password fits.
const SIGNER_KEY = 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==';
const HASH = 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';
const SALT = '42xEC+ixf3L2lw==';
const WRONG = 'definitely not the password';

describe('Firebase-imported users and timing', () => {
  let t: TestGatehouse;
  const firebaseUser = uniqueEmail('firebase-timed');
  const argonUser = uniqueEmail('argon-timed');
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { firebaseScrypt: { signerKey: SIGNER_KEY, rounds: 8, memCost: 12 } });
    const report = await t.gatehouse.importUsers([{ email: firebaseUser, passwordHash: HASH, salt: SALT }]);
    expect(report.imported).toBe(1);
    await t.signUp(argonUser);
  });
  afterAll(() => t?.close());

  const signIn = (email: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password: WRONG } });

  it('ENUM-02: an unknown address takes as long as a Firebase user not yet re-hashed, and as an Argon2id user', async () => {
    const firebase = await timingsEqual(
      () => signIn(uniqueEmail('ghost')),
      () => signIn(firebaseUser),
    );
    expect(firebase, JSON.stringify(firebase)).toMatchObject({ equal: true });
    const argon = await timingsEqual(
      () => signIn(uniqueEmail('ghost')),
      () => signIn(argonUser),
    );
    expect(argon, JSON.stringify(argon)).toMatchObject({ equal: true });
    // Wrong passwords never re-hash: the Firebase user was timed as a Firebase user throughout.
    const user = (await t.store.users.findByEmail(firebaseUser))!;
    expect((await t.store.credentials.findActivePassword(user.id))!.hash).toMatch(/^\$firebase-scrypt\$/);
  }, 240_000);
});

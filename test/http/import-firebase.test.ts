/**
 * Users exported from Firebase (`firebase auth:export`) are imported with their modified-scrypt
 * hashes, sign in over HTTP with their old password, and are re-hashed to Argon2id then. The
 * user and parameters are the sample in github.com/firebase/scrypt's README ("Password
 * Hashing"): signer key `jxspr8Ki…`, separator `Bw==`, rounds 8, mem_cost 14, password
 * `user1password`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings, SettingsError } from '../../src/core/config.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

const firebaseScrypt = {
  signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  saltSeparator: 'Bw==',
  rounds: 8,
  memCost: 14,
};
const PASSWORD = 'user1password';
const SALT = '42xEC+ixf3L2lw==';
const HASH = 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';

/** One user as `firebase auth:export users.json` writes it (firebase-tools' accountExporter). */
const exported = (email: string) => ({
  localId: 'kYi4EvWQlQTKSfnJ3dRSP6IH3ed2',
  email,
  emailVerified: true,
  passwordHash: HASH,
  salt: SALT,
  displayName: 'Test User 1',
  createdAt: '1508893925000',
  lastSignedInAt: '1508893925000',
  providerUserInfo: [],
});

describe.each(everyStoreKind)('importing users from Firebase (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { firebaseScrypt });
  });
  afterAll(() => t.close());

  const passwordHash = async (email: string) =>
    (await t.store.credentials.findActivePassword((await t.store.users.findByEmail(email))!.id))!.hash;
  const signIn = (email: string, password: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });

  it('imports an exported user, who signs in with the old password and is re-hashed to Argon2id', async () => {
    const email = uniqueEmail('firebase');
    expect(await t.gatehouse.importUsers([exported(email)])).toEqual({ imported: 1, skipped: [] });
    const user = (await t.store.users.findByEmail(email))!;
    expect(user.name).toBe('Test User 1');
    expect(user.emailVerified).toBe(true);
    // Only the per-user part is stored; the signer key stays in the settings.
    expect(await passwordHash(email)).toBe(`$firebase-scrypt$${SALT}$${HASH}`);

    expect((await signIn(email, `${PASSWORD}!`)).status).toBe(401);
    expect(await passwordHash(email)).toBe(`$firebase-scrypt$${SALT}$${HASH}`);

    const reply = await signIn(email, PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.user.email).toBe(email);
    expect(await passwordHash(email)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    expect((await signIn(email, PASSWORD)).status).toBe(200);
    expect((await signIn(email, `${PASSWORD}!`)).status).toBe(401);
  });

  it('imports the stored form `$firebase-scrypt$<salt>$<hash>` as well', async () => {
    const email = uniqueEmail('firebase-stored');
    const report = await t.gatehouse.importUsers([
      { email, passwordHash: `$firebase-scrypt$${SALT}$${HASH}` },
    ]);
    expect(report.imported).toBe(1);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    expect(await passwordHash(email)).toMatch(/^\$argon2id\$/);
  });

  it('refuses a hash that is not base64, or that cannot come from this signer key', async () => {
    const report = await t.gatehouse.importUsers([
      { ...exported(uniqueEmail('bad-base64')), passwordHash: 'not base64!' },
      { ...exported(uniqueEmail('bad-salt')), salt: 'a b' },
      { ...exported(uniqueEmail('short')), passwordHash: HASH.slice(0, 44) },
    ]);
    expect(report.imported).toBe(0);
    expect(report.skipped.map((s) => [s.index, s.code])).toEqual([
      [0, 'VALIDATION_ERROR'],
      [1, 'VALIDATION_ERROR'],
      [2, 'VALIDATION_ERROR'],
    ]);
    expect(report.skipped[2]!.message).toContain('firebaseScrypt.signerKey');
    expect(JSON.stringify(report)).not.toContain(HASH.slice(0, 44));
  });
});

describe.each(everyStoreKind)('importing Firebase users without `firebaseScrypt` (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('refuses the import, naming the setting, and imports nothing', async () => {
    const emails = [uniqueEmail('no-params'), uniqueEmail('no-params-stored')];
    const report = await t.gatehouse.importUsers([
      exported(emails[0]!),
      { email: emails[1]!, passwordHash: `$firebase-scrypt$${SALT}$${HASH}` },
    ]);
    expect(report.imported).toBe(0);
    expect(report.skipped).toHaveLength(2);
    for (const s of report.skipped) {
      expect(s.code).toBe('VALIDATION_ERROR');
      expect(s.message).toContain('firebaseScrypt');
    }
    for (const email of emails) expect(await t.store.users.findByEmail(email)).toBeNull();
  });
});

describe('the firebaseScrypt setting', () => {
  it('takes defaults for everything but the signer key, and refuses bad values by name', () => {
    expect(
      resolveSettings({ firebaseScrypt: { signerKey: firebaseScrypt.signerKey } }).firebaseScrypt,
    ).toEqual(firebaseScrypt);
    for (const [bad, key] of [
      [{}, 'firebaseScrypt.signerKey'],
      [{ signerKey: 'not base64!' }, 'firebaseScrypt.signerKey'],
      [{ signerKey: firebaseScrypt.signerKey, rounds: 9 }, 'firebaseScrypt.rounds'],
      [{ signerKey: firebaseScrypt.signerKey, memCost: 15 }, 'firebaseScrypt.memCost'],
      [{ signerKey: firebaseScrypt.signerKey, saltSeparator: '%' }, 'firebaseScrypt.saltSeparator'],
    ] as const) {
      let error: unknown;
      try {
        resolveSettings({ firebaseScrypt: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).keys).toEqual([key]);
    }
  });
});

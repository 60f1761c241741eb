/**
 * Firebase's modified scrypt against the values Firebase published with its reference
 * implementation, github.com/firebase/scrypt (commit 36feb92):
 * - README.md, "Password Hashing": signer key `jxspr8Ki…`, salt `42xEC+ixf3L2lw==`, separator
 *   `Bw==`, rounds 8, mem_cost 14, password `user1password`, hash `lSrfV15c…`;
 * - tests/01-known-value.sh: the same parameters, password `hunter2`, hash `70k8Vg5B…`;
 * - tests/02-more-values-passwords.good and tests/03-more-values-different-key-passwords.good
 *   (lines of password,hash,salt) with the signer keys of tests/02-… and tests/03-….sh.
 */
import { describe, expect, it } from 'vitest';
import type { PasswordHash, PlainPassword } from '../../src/core/secrets.js';
import {
  encodeFirebaseScryptHash,
  type FirebaseScryptParameters,
  parseFirebaseScryptHash,
  verifyFirebaseScrypt,
} from '../../src/crypto/firebase-scrypt.js';
import { argon2Hasher, isSupportedPasswordHash } from '../../src/crypto/password-hasher.js';

const README: FirebaseScryptParameters = {
  signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  saltSeparator: 'Bw==',
  rounds: 8,
  memCost: 14,
};
const KEY_02 = 'NkZlKPkYEFfnbh1nYTfLsbqQnQ6jyRV4itK7iUD+hjO96tsAYhBG40BVS3AuJyiwHinqc5RR3oA+lppOXPNRmw==';
const KEY_03 = 'U01Ba7WbeBZyY/HjvbEp+N9KkB2h/oF7uSSbBSCj803usz1GV7YIhM+LlusLiU+t3qbz8hh5PLOUSekExEY04w==';

const vectors = [
  {
    source: 'README.md',
    params: README,
    password: 'user1password',
    salt: '42xEC+ixf3L2lw==',
    hash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
  },
  {
    source: 'tests/01-known-value.sh',
    params: README,
    password: 'hunter2',
    salt: '42xEC+ixf3L2lw==',
    hash: '70k8Vg5B3/OrvJOiqusnasv0dLcBHoDAqJrJr7TRLBfMw4MitWx51YXJYFdGiyMbMeKtWtLf5HiBDcN0SUOm4A==',
  },
  {
    source: 'tests/02-more-values-passwords.good line 1',
    params: { ...README, signerKey: KEY_02 },
    password: 'two space password',
    salt: 'GGc/eCzFj6DM0g==',
    hash: '5RZZm9Jz7p/u+FGXMInlJtAYFmMBj6ioL1UOdWfsUknAFCnsPpnnKRLyXSUFwwKbM4lx7TdFclBsT16Z8uuumg==',
  },
  {
    source: 'tests/02-more-values-passwords.good line 11',
    params: { ...README, signerKey: KEY_02 },
    password: 'this$is%to^test&some=symbols*out@',
    salt: 'Dc+nQe0OnNrVrg==',
    hash: 'B8JNxsBRb0H5cHrnR18wpIbKnzp8//NV3r+3nZG4VYnM4simlThHfpOYx0cJrTBi7xVhiBS9UgkrTlrfSRf2VA==',
  },
  {
    source: 'tests/03-more-values-different-key-passwords.good line 1',
    params: { ...README, signerKey: KEY_03 },
    password: 'two space password',
    salt: 'GGc/eCzFj6DM0g==',
    hash: 'gB192J7wht579b0T7A8Hb7XCG3ADuDyrHKMu+QexJzeTTc+qCz+pTp0sgL4gbWWG8wZobLttkGPGkC3Tal7L4g==',
  },
];

const stored = (v: { salt: string; hash: string }) =>
  encodeFirebaseScryptHash({ passwordHash: v.hash, salt: v.salt }) as string;
const readme = vectors[0]!;

describe('Firebase scrypt: published vectors (github.com/firebase/scrypt)', () => {
  it.each(vectors)('$source verifies', async (v) => {
    expect(stored(v)).toBe(`$firebase-scrypt$${v.salt}$${v.hash}`);
    expect(await verifyFirebaseScrypt(v.params, stored(v), v.password)).toBe(true);
  });

  it('a wrong password, salt, separator, signer key, rounds or mem cost does not verify', async () => {
    const s = stored(readme);
    expect(await verifyFirebaseScrypt(README, s, 'user1passworD')).toBe(false);
    expect(await verifyFirebaseScrypt(README, s, '')).toBe(false);
    expect(
      await verifyFirebaseScrypt(README, stored({ ...readme, salt: 'GGc/eCzFj6DM0g==' }), 'user1password'),
    ).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, saltSeparator: 'CA==' }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, saltSeparator: '' }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, signerKey: KEY_02 }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, rounds: 7 }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, memCost: 13 }, s, 'user1password')).toBe(false);
  });

  it('another vector’s hash under the same key and salt does not verify', async () => {
    // hunter2 and user1password share key and salt: only the password tells them apart.
    expect(await verifyFirebaseScrypt(README, stored(vectors[1]!), 'user1password')).toBe(false);
  });

  it('malformed stored strings and unusable parameters read as false, never a throw', async () => {
    const { salt, hash } = readme;
    for (const bad of [
      '',
      '$firebase-scrypt$',
      `$firebase-scrypt$${salt}`,
      `$firebase-scrypt$${salt}$`,
      `$firebase-scrypt$$${hash}`,
      `$firebase-scrypt$${salt}$${hash}$`,
      `$firebase-scrypt$${salt}$${hash.replace('/', '_')}`,
      `$firebase-scrypt$${salt.replace('==', '=')}$${hash}`,
      `$firebase-scrypt$${salt} $${hash}`,
      `$firebase-scrypt$${salt}$${hash}\n`,
      `$firebase-scrypt$!!!!$${hash}`,
      `$firebase-scrypt$${salt}$${'A'.repeat(4000)}`,
      `${salt}$${hash}`,
    ]) {
      expect(parseFirebaseScryptHash(bad), bad).toBeUndefined();
      expect(await verifyFirebaseScrypt(README, bad, 'user1password'), bad).toBe(false);
    }
    // Well-formed, but shorter than the signer key: AES-CTR output never is.
    const short = `$firebase-scrypt$${salt}$${hash.slice(0, -4)}`;
    expect(parseFirebaseScryptHash(short)).toBeDefined();
    expect(await verifyFirebaseScrypt(README, short, 'user1password')).toBe(false);
    const s = stored(readme);
    expect(await verifyFirebaseScrypt({ ...README, signerKey: '' }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, signerKey: 'not base64!' }, s, 'user1password')).toBe(
      false,
    );
    expect(await verifyFirebaseScrypt({ ...README, rounds: 0 }, s, 'user1password')).toBe(false);
    expect(await verifyFirebaseScrypt({ ...README, memCost: 40 }, s, 'user1password')).toBe(false);
  });

  it('the import encoding accepts URL-safe and unpadded base64 and refuses what is not base64', () => {
    const urlSafe = {
      passwordHash: readme.hash.replaceAll('/', '_').replaceAll('+', '-'),
      salt: '42xEC-ixf3L2lw',
    };
    expect(encodeFirebaseScryptHash(urlSafe)).toBe(stored(readme));
    expect(encodeFirebaseScryptHash({ passwordHash: readme.hash, salt: '' })).toBeUndefined();
    expect(encodeFirebaseScryptHash({ passwordHash: '$2b$10$abc', salt: readme.salt })).toBeUndefined();
    expect(encodeFirebaseScryptHash({ passwordHash: readme.hash, salt: 'a b' })).toBeUndefined();
  });
});

describe('argon2Hasher with Firebase scrypt hashes', () => {
  const s = stored(readme) as PasswordHash;
  const right = 'user1password' as PlainPassword;

  it('verifies with the project parameters, asks for a re-hash, and is an importable format', async () => {
    const hasher = argon2Hasher(undefined, { firebaseScrypt: README });
    expect(await hasher.verify(s, right)).toBe(true);
    expect(await hasher.verify(s, 'wrong password' as PlainPassword)).toBe(false);
    expect(hasher.needsRehash(s)).toBe(true);
    expect(isSupportedPasswordHash(s)).toBe(true);
    expect(isSupportedPasswordHash(`$firebase-scrypt$${readme.salt}$`)).toBe(false);
  });

  it('without parameters a Firebase hash never matches, and does not throw', async () => {
    expect(await argon2Hasher().verify(s, right)).toBe(false);
  });
});

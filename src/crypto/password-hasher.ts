/**
 * Password hashing: Argon2id (m=19456 KiB, t=2, p=1) in PHC strings via @node-rs/argon2, on
 * hashing threads of their own at a lower priority than the event loop (see `hash-threads.ts`),
 * so hashing never blocks it and a flood of sign-ins does not slow session checks. Verifies Argon2id/Argon2i
 * from any implementation, bcrypt ($2a$/$2b$/$2y$) and Firebase's modified scrypt (with the
 * project's parameters) for imported users; anything weaker than the current parameters reports
 * `needsRehash`.
 */

import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as argon2 from '@node-rs/argon2';
import * as bcrypt from '@node-rs/bcrypt';
import type { PasswordHash, PlainPassword } from '../core/secrets.js';
import { concurrencyLimit } from './concurrency-limit.js';
import {
  FIREBASE_SCRYPT_PREFIX,
  type FirebaseScryptParameters,
  parseFirebaseScryptHash,
  verifyFirebaseScrypt,
} from './firebase-scrypt.js';
import { hashThreads } from './hash-threads.js';

export interface Argon2Parameters {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's minimum for Argon2id; Gatehouse never hashes below it. */
export const ARGON2_MINIMUM: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: PlainPassword): Promise<PasswordHash>;
  /** True when `password` matches `hash`; false for a mismatch or a hash it cannot read. */
  verify(hash: PasswordHash, password: PlainPassword): Promise<boolean>;
  /** True when `hash` is not Argon2id at (at least) the current parameters. */
  needsRehash(hash: PasswordHash): boolean;
  /** Spends the same work as a real verification, for accounts that do not exist. Always false. */
  verifyAgainstDummy(password: PlainPassword): Promise<false>;
  /**
   * True while the queue of hashes is full, so a caller can refuse a request that would need
   * one before doing any other work for it. Optional for custom hashers (then never full).
   */
  readonly saturated?: boolean;
  /** Releases the hasher's threads; called when the instance closes. Optional for custom hashers. */
  close?(): Promise<void>;
}

// Not exported by the package's types as a runtime value (it is a const enum).
const ARGON2ID = 2 as argon2.Algorithm;
const ARGON2_PREFIX = /^\$argon2(id|i|d)\$/;
const BCRYPT_PREFIX = /^\$2[aby]\$\d\d\$/;
// Modular crypt form: cost 04–31, then 22 salt and 31 hash characters of bcrypt's base64.
const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

export interface HasherOptions {
  /** Hashes computed at once; the rest queue. Default: one per CPU core. */
  readonly concurrency?: number;
  /** Hashes allowed to wait; beyond it, 503 `UNAVAILABLE` at once. Default: unbounded. */
  readonly queueLimit?: number;
  /** The Firebase project's hash parameters; without them `$firebase-scrypt$` hashes never match. */
  readonly firebaseScrypt?: FirebaseScryptParameters;
  /** How much lower than the event loop the hashing threads run (nice 0–19). Default 10; 0 = same. */
  readonly niceness?: number;
}

export function argon2Hasher(
  parameters: Argon2Parameters = ARGON2_MINIMUM,
  options: HasherOptions = {},
): PasswordHasher {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const slots = concurrencyLimit(concurrency, options.queueLimit ?? Number.POSITIVE_INFINITY);
  const threads = hashThreads({
    threads: concurrency,
    niceness: Math.min(19, Math.max(0, options.niceness ?? 10)),
  });
  const params = {
    memoryCost: Math.max(parameters.memoryCost, ARGON2_MINIMUM.memoryCost),
    timeCost: Math.max(parameters.timeCost, ARGON2_MINIMUM.timeCost),
    parallelism: Math.max(parameters.parallelism, ARGON2_MINIMUM.parallelism),
  };
  const { firebaseScrypt } = options;
  // Made outside the queue (once): a verification waiting for a slot must not wait on it.
  let dummy: Promise<PasswordHash> | undefined;
  const dummyArgon2 = () =>
    (dummy ??= argon2
      .hash('gatehouse-dummy-password', { ...params, algorithm: ARGON2ID })
      .then((h) => h as PasswordHash));
  const dummyFirebase = firebaseScrypt ? dummyFirebaseHash(firebaseScrypt) : null;

  /** One verification by the stored hash's kind; a kind it cannot read costs the Argon2id dummy. */
  const verifyOne = async (stored: string, password: string): Promise<boolean> => {
    try {
      if (ARGON2_PREFIX.test(stored)) return await threads.verify(stored, password);
      if (BCRYPT_PREFIX.test(stored)) return await bcrypt.verify(password, stored);
      if (stored.startsWith(FIREBASE_SCRYPT_PREFIX) && firebaseScrypt)
        return await verifyFirebaseScrypt(firebaseScrypt, stored, password);
    } catch {
      // A malformed stored hash must read as "no match", not crash sign-in.
    }
    await threads.verify(await dummyArgon2(), password).catch(() => false);
    return false;
  };

  /**
   * With Firebase's parameters set, imported users not yet re-hashed verify with scrypt, the
   * rest with Argon2id, and the two cost different times — an unknown address would tell which
   * kind an account is (ENUM-02). So while `firebaseScrypt` is set, every verification does one
   * of each, the missing kind against a dummy: Argon2id users, Firebase users and unknown
   * addresses all cost Argon2id + scrypt. Unset it once the imported users have signed in again.
   */
  const verifyPadded = async (stored: string | null, password: string): Promise<boolean> => {
    const firebase = stored?.startsWith(FIREBASE_SCRYPT_PREFIX) === true;
    const first =
      stored !== null && !firebase ? verifyOne(stored, password) : verifyOne(await dummyArgon2(), password);
    const right = (await first) && stored !== null && !firebase;
    if (!dummyFirebase) return right;
    const second = await verifyOne(firebase ? (stored as string) : dummyFirebase, password);
    return right || (firebase && second);
  };

  const hash = (password: PlainPassword) =>
    slots.run(async () => (await threads.hash(password, { ...params, algorithm: ARGON2ID })) as PasswordHash);

  const verify = (stored: PasswordHash, password: PlainPassword): Promise<boolean> =>
    slots.run(() => verifyPadded(stored, password));

  return {
    get saturated() {
      return slots.full;
    },
    hash,
    verify,
    needsRehash(stored) {
      if (!stored.startsWith('$argon2id$')) return true;
      try {
        const o = argon2.parseOptions(stored);
        return (
          o.memoryCost < params.memoryCost ||
          o.timeCost < params.timeCost ||
          o.parallelism < params.parallelism
        );
      } catch {
        return true;
      }
    },
    async verifyAgainstDummy(password) {
      await slots.run(() => verifyPadded(null, password));
      return false;
    },
    close: () => threads.close(),
  };
}

/**
 * A stored Firebase hash of the project's shape (its signer key's length, a 10-byte salt like
 * Firebase's) that no password matches, so verifying against it costs what a real one does.
 */
function dummyFirebaseHash(params: FirebaseScryptParameters): string {
  const length = Math.max(1, Buffer.from(params.signerKey, 'base64').length);
  return `${FIREBASE_SCRYPT_PREFIX}${randomBytes(10).toString('base64')}$${randomBytes(length).toString('base64')}`;
}

/** True when `hash` is in a format Gatehouse can verify (for imports). */
export function isSupportedPasswordHash(hash: string): boolean {
  if (BCRYPT_PREFIX.test(hash)) return BCRYPT_HASH.test(hash);
  // Readable only with the project's `firebaseScrypt` parameters, which the importer checks.
  if (hash.startsWith(FIREBASE_SCRYPT_PREFIX)) return parseFirebaseScryptHash(hash) !== undefined;
  if (!/^\$argon2(id|i)\$/.test(hash)) return false;
  try {
    argon2.parseOptions(hash);
    return true;
  } catch {
    return false;
  }
}

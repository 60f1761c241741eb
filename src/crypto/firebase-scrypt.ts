/**
 * Firebase Authentication's modified scrypt (github.com/firebase/scrypt), so users exported from
 * Firebase sign in with their old password until they are re-hashed to Argon2id. The stored form
 * carries only the per-user part, `$firebase-scrypt$<base64 salt>$<base64 hash>`; the project's
 * signer key and cost parameters come from the `firebaseScrypt` setting and never sit in a row.
 */
import { createCipheriv, scrypt, timingSafeEqual } from 'node:crypto';

/** The project's password hash parameters, as the Firebase console shows them (base64 as given). */
export interface FirebaseScryptParameters {
  readonly signerKey: string;
  readonly saltSeparator: string;
  readonly rounds: number;
  readonly memCost: number;
}

export interface FirebaseScryptHash {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export const FIREBASE_SCRYPT_PREFIX = '$firebase-scrypt$';

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Firebase's API hands out URL-safe base64; `auth:export` converts it, but tools vary.
const ANY_BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const STORED = /^\$firebase-scrypt\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
// Longer than any real salt or hash (Firebase: 10-byte salts, 64-byte hashes); bounds the work.
const MAX_BYTES = 1024;

/** Decodes standard or URL-safe base64, padded or not; undefined for anything else or empty. */
function decodeBase64(text: string): Buffer | undefined {
  if (!ANY_BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const bytes = Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  return bytes.length > 0 && bytes.length <= MAX_BYTES ? bytes : undefined;
}

/** Reads a stored `$firebase-scrypt$…` string; undefined when it is not one or is malformed. */
export function parseFirebaseScryptHash(stored: string): FirebaseScryptHash | undefined {
  const m = STORED.exec(stored);
  if (!m || !STANDARD_BASE64.test(m[1] as string) || !STANDARD_BASE64.test(m[2] as string)) return undefined;
  const salt = decodeBase64(m[1] as string);
  const hash = decodeBase64(m[2] as string);
  return salt && hash ? { salt, hash } : undefined;
}

/**
 * The stored form of a hash from Firebase's `auth:export` (its `passwordHash` and `salt`
 * fields, base64); undefined when either is not base64.
 *
 * @example
 * encodeFirebaseScryptHash({ passwordHash: 'lSrfV15c…', salt: '42xEC+ixf3L2lw==' })
 * // '$firebase-scrypt$42xEC+ixf3L2lw==$lSrfV15c…'
 */
export function encodeFirebaseScryptHash(exported: {
  passwordHash: string;
  salt: string;
}): string | undefined {
  const salt = decodeBase64(exported.salt);
  const hash = decodeBase64(exported.passwordHash);
  if (!salt || !hash) return undefined;
  return `${FIREBASE_SCRYPT_PREFIX}${salt.toString('base64')}$${hash.toString('base64')}`;
}

function scryptKey(password: Buffer, salt: Buffer, N: number, r: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is too low for some settings.
    scrypt(password, salt, 64, { N, r, p: 1, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * True when `password` matches `stored` under the project's parameters; false for a mismatch,
 * a malformed stored string or unusable parameters, never a throw. Runs on libuv's thread pool.
 */
export async function verifyFirebaseScrypt(
  params: FirebaseScryptParameters,
  stored: string,
  password: string,
): Promise<boolean> {
  const parsed = parseFirebaseScryptHash(stored);
  const signerKey = decodeBase64(params.signerKey);
  const separator = params.saltSeparator === '' ? Buffer.alloc(0) : decodeBase64(params.saltSeparator);
  if (!parsed || !signerKey || !separator || parsed.hash.length !== signerKey.length) return false;
  if (!Number.isInteger(params.rounds) || params.rounds < 1 || params.rounds > 8) return false;
  if (!Number.isInteger(params.memCost) || params.memCost < 1 || params.memCost > 14) return false;
  try {
    const key = await scryptKey(
      Buffer.from(password, 'utf8'),
      Buffer.concat([parsed.salt, separator]),
      2 ** params.memCost,
      params.rounds,
    );
    // The reference encrypts the signer key with AES-256-CTR under the first half of the
    // derived key, from a zero nonce and counter.
    const cipher = createCipheriv('aes-256-ctr', key.subarray(0, 32), Buffer.alloc(16));
    const computed = Buffer.concat([cipher.update(signerKey), cipher.final()]);
    return timingSafeEqual(computed, parsed.hash);
  } catch {
    return false;
  }
}

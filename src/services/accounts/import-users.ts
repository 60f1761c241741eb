/**
 * Brings users over from another system with their existing password hashes (Argon2id,
 * Argon2i, bcrypt, Firebase's modified scrypt). They sign in with their old password and are
 * re-hashed to Argon2id then. Records as Firebase's `auth:export` writes them (`passwordHash`
 * and `salt` in base64, `displayName`) are read as they are.
 */
import { GatehouseError, isGatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';
import { encodeFirebaseScryptHash, parseFirebaseScryptHash } from '../../crypto/firebase-scrypt.js';
import { isSupportedPasswordHash } from '../../crypto/password-hasher.js';
import type { ServiceContext } from '../context.js';
import { newPasswordCredential } from './new-password-credential.js';
import { readEmail, readName } from './read-email.js';

export interface ImportedUser {
  readonly email: string;
  readonly name?: string | null;
  /** A PHC/modular-crypt string, `$firebase-scrypt$<salt>$<hash>`, or Firebase's base64 hash with `salt`. */
  readonly passwordHash: string;
  /** Firebase's per-user salt (base64), beside its base64 `passwordHash`. */
  readonly salt?: string;
  /** Firebase's name for `name`; used when `name` is absent. */
  readonly displayName?: string | null;
  readonly emailVerified?: boolean;
}

export interface ImportReport {
  readonly imported: number;
  /** One entry per record not imported; `index` counts from 0 in input order. */
  readonly skipped: Array<{ index: number; code: string; message: string }>;
}

const UNSUPPORTED = 'passwordHash must be an Argon2id, Argon2i, bcrypt or Firebase scrypt hash';

/** The hash as it is stored; Firebase's export form (`passwordHash` + `salt`) is converted. */
function storedHash(ctx: ServiceContext, record: ImportedUser): PasswordHash {
  const { passwordHash, salt } = record;
  if (typeof passwordHash !== 'string') throw new GatehouseError('VALIDATION_ERROR', UNSUPPORTED);
  let hash = passwordHash;
  if (salt !== undefined && salt !== null && !passwordHash.startsWith('$')) {
    if (typeof salt !== 'string') throw new GatehouseError('VALIDATION_ERROR', 'salt must be base64');
    const encoded = encodeFirebaseScryptHash({ passwordHash, salt });
    if (!encoded) throw new GatehouseError('VALIDATION_ERROR', 'passwordHash and salt must be base64');
    hash = encoded;
  }
  if (!isSupportedPasswordHash(hash)) throw new GatehouseError('VALIDATION_ERROR', UNSUPPORTED);
  const firebase = parseFirebaseScryptHash(hash);
  if (firebase) {
    const params = ctx.settings.firebaseScrypt;
    if (!params) {
      throw new GatehouseError(
        'VALIDATION_ERROR',
        "a Firebase scrypt hash needs the `firebaseScrypt` setting (the project's password hash parameters)",
      );
    }
    // AES-CTR keeps the length: a hash of another length can never match this signer key.
    if (firebase.hash.length !== Buffer.from(params.signerKey, 'base64').length) {
      throw new GatehouseError(
        'VALIDATION_ERROR',
        "passwordHash does not match the length of `firebaseScrypt.signerKey` (another project's hash?)",
      );
    }
  }
  return hash as PasswordHash;
}

async function importOne(ctx: ServiceContext, record: ImportedUser): Promise<void> {
  if (typeof record !== 'object' || record === null)
    throw new GatehouseError('VALIDATION_ERROR', 'not an object');
  const email = readEmail(record.email);
  const name = readName(record.name === undefined ? record.displayName : record.name);
  const passwordHash = storedHash(ctx, record);
  const now = ctx.clock.now();
  const userId = newId('usr', now, ctx.random);
  await ctx.store.users.createWithPassword(
    {
      id: userId,
      email,
      emailVerified: record.emailVerified === true,
      name,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    },
    newPasswordCredential(ctx, userId, passwordHash, null, now),
  );
}

export async function importUsers(
  ctx: ServiceContext,
  records: Iterable<ImportedUser> | AsyncIterable<ImportedUser>,
): Promise<ImportReport> {
  let imported = 0;
  let index = 0;
  const skipped: ImportReport['skipped'] = [];
  for await (const record of records) {
    try {
      await importOne(ctx, record);
      imported++;
    } catch (error) {
      if (!isGatehouseError(error) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') throw error;
      skipped.push({ index, code: error.code, message: error.message });
    }
    index++;
  }
  return { imported, skipped };
}

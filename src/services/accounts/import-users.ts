/**
 * Brings users over from another system with their existing password hashes (Argon2id,
 * Argon2i, bcrypt, Firebase's modified scrypt). They sign in with their old password and are
 * re-hashed to Argon2id then. Records as Firebase's `auth:export` writes them (`passwordHash`
 * and `salt` in base64, `displayName`, `disabled`) are read as they are, and bring their Firebase
 * user id and linked Google and Apple accounts as identities (`imported-identities.ts`). A record
 * goes in whole — user, password, identities — or not at all.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError, isGatehouseError } from '../../core/errors.js';
import { type IdentityId, newId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';
import { encodeFirebaseScryptHash, parseFirebaseScryptHash } from '../../crypto/firebase-scrypt.js';
import { isSupportedPasswordHash } from '../../crypto/password-hasher.js';
import type { Identity } from '../../store/ports/identity-store.js';
import type { ServiceContext } from '../context.js';
import {
  type FirebaseTarget,
  firebaseTarget,
  type ImportedProviderInfo,
  importedIdentities,
} from './imported-identities.js';
import { newPasswordCredential } from './new-password-credential.js';
import { readEmail, readName } from './read-email.js';

export interface ImportedUser {
  /** Required unless the record brings an identity (a Firebase user signed in by phone, say). */
  readonly email?: string | null;
  readonly name?: string | null;
  /**
   * A PHC/modular-crypt string, `$firebase-scrypt$<salt>$<hash>`, or Firebase's base64 hash with
   * `salt`. Optional when the record brings an identity: the user signs in with that.
   */
  readonly passwordHash?: string | null;
  /** Firebase's per-user salt (base64), beside its base64 `passwordHash`. */
  readonly salt?: string;
  /** Firebase's name for `name`; used when `name` is absent. */
  readonly displayName?: string | null;
  readonly emailVerified?: boolean;
  /** Firebase: the user id, an identity under the project's issuer (see `ImportOptions`). */
  readonly localId?: string;
  /** Firebase: linked providers; `google.com` and `apple.com` become identities. */
  readonly providerUserInfo?: readonly ImportedProviderInfo[];
  /** Firebase: a disabled user is imported suspended. */
  readonly disabled?: boolean;
}

export interface ImportOptions {
  /**
   * The Firebase project the records come from: each `localId` becomes an identity under
   * `https://securetoken.google.com/<projectId>`, so Firebase ID tokens sign the user in. By
   * default the configured Firebase ID-token provider's project; without either, `localId` is
   * ignored.
   */
  readonly firebaseProjectId?: string;
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

async function importOne(
  ctx: ServiceContext,
  record: ImportedUser,
  target: FirebaseTarget | null,
): Promise<void> {
  if (typeof record !== 'object' || record === null)
    throw new GatehouseError('VALIDATION_ERROR', 'not an object');
  const found = importedIdentities(ctx.settings, target, record);
  const email =
    found.length > 0 && (record.email === undefined || record.email === null || record.email === '')
      ? null
      : readEmail(record.email);
  const name = readName(record.name === undefined ? record.displayName : record.name);
  const hasPassword =
    record.passwordHash !== undefined && record.passwordHash !== null && record.passwordHash !== '';
  if (!hasPassword && found.length === 0) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      'passwordHash is required unless the record brings an identity',
    );
  }
  const passwordHash = hasPassword ? storedHash(ctx, record) : null;
  for (const identity of found) {
    if (await ctx.store.identities.findBySubject(identity.issuer, identity.subject)) throw identityInUse();
  }
  const now = ctx.clock.now();
  const userId = newId('usr', now, ctx.random);
  const user: User = {
    id: userId,
    email,
    username: null,
    emailVerified: email !== null && record.emailVerified === true,
    name,
    // Someone Firebase had shut out is not let in by moving house.
    status: record.disabled === true ? 'suspended' : 'active',
    createdAt: now,
    updatedAt: now,
  };
  const identities = found.map(
    (i): Identity => ({
      id: newId('idn', now, ctx.random) as IdentityId,
      userId,
      ...i,
      createdAt: now,
      lastUsedAt: null,
    }),
  );
  let unlinked = identities;
  if (passwordHash !== null) {
    await ctx.store.users.createWithPassword(
      user,
      newPasswordCredential(ctx, userId, passwordHash, null, now),
    );
  } else {
    const [first, ...rest] = identities as [Identity, ...Identity[]];
    const created = await ctx.store.identities.createUser(user, first);
    if (created === 'email_taken')
      throw new GatehouseError('USER_EXISTS', 'An account with this email already exists');
    if (created === 'identity_taken') throw identityInUse();
    unlinked = rest;
  }
  for (const identity of unlinked) {
    // Taken meanwhile (checked above): the record goes in whole or not at all.
    if (!(await ctx.store.identities.link(identity))) {
      await ctx.store.users.hardDelete(userId);
      throw identityInUse();
    }
  }
}

const identityInUse = () =>
  new GatehouseError('IDENTITY_IN_USE', 'An identity of this record is already linked to another user');

/**
 * @example
 * await gatehouse.importUsers(records, { firebaseProjectId: 'my-project' });
 * // { imported: 2, skipped: [{ index: 1, code: 'USER_EXISTS', message: '…' }] }
 */
export async function importUsers(
  ctx: ServiceContext,
  records: Iterable<ImportedUser> | AsyncIterable<ImportedUser>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const target = firebaseTarget(ctx.settings, options.firebaseProjectId);
  let imported = 0;
  let index = 0;
  const skipped: ImportReport['skipped'] = [];
  for await (const record of records) {
    try {
      await importOne(ctx, record, target);
      imported++;
    } catch (error) {
      if (!isGatehouseError(error) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') throw error;
      skipped.push({ index, code: error.code, message: error.message });
    }
    index++;
  }
  return { imported, skipped };
}

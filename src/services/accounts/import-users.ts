/**
 * Brings users over from another system with their existing password hashes (Argon2id,
 * Argon2i, bcrypt). They sign in with their old password and are re-hashed to Argon2id then.
 */
import { GatehouseError, isGatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';
import { isSupportedPasswordHash } from '../../crypto/password-hasher.js';
import type { ServiceContext } from '../context.js';
import { newPasswordCredential } from './new-password-credential.js';
import { readEmail, readName } from './read-email.js';

export interface ImportedUser {
  readonly email: string;
  readonly name?: string | null;
  readonly passwordHash: string;
  readonly emailVerified?: boolean;
}

export interface ImportReport {
  readonly imported: number;
  /** One entry per record not imported; `index` counts from 0 in input order. */
  readonly skipped: Array<{ index: number; code: string; message: string }>;
}

async function importOne(ctx: ServiceContext, record: ImportedUser): Promise<void> {
  if (typeof record !== 'object' || record === null)
    throw new GatehouseError('VALIDATION_ERROR', 'not an object');
  const email = readEmail(record.email);
  const name = readName(record.name);
  if (typeof record.passwordHash !== 'string' || !isSupportedPasswordHash(record.passwordHash)) {
    throw new GatehouseError('VALIDATION_ERROR', 'passwordHash must be an Argon2id, Argon2i or bcrypt hash');
  }
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
    newPasswordCredential(ctx, userId, record.passwordHash as PasswordHash, null, now),
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

/** The record of a new password, optionally replacing an older one (rotation, change, reset). */
import type { PasswordCredential } from '../../core/entities.js';
import { type CredentialId, newId, type UserId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';
import type { ServiceContext } from '../context.js';

export function newPasswordCredential(
  ctx: ServiceContext,
  userId: UserId,
  hash: PasswordHash,
  replaces: CredentialId | null,
  now: number,
): PasswordCredential {
  return {
    id: newId('cred', now, ctx.random),
    userId,
    kind: 'password',
    hash,
    replaces,
    createdAt: now,
    revokedAt: null,
  };
}

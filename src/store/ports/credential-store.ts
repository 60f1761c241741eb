/** Port: password credentials and their rotation. */
import type { PasswordCredential } from '../../core/entities.js';
import type { CredentialId, UserId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';

export interface CredentialStore {
  /** The user's current (not revoked) password credential, or null. */
  findActivePassword(userId: UserId): Promise<PasswordCredential | null>;

  /** Every password credential of a user, revoked or not, newest first (for a data export). */
  listForUser(userId: UserId): Promise<PasswordCredential[]>;

  /**
   * Stores a first password for a user who has none live. Returns false, storing nothing, when
   * the user already has a live password — of concurrent calls for one user at most one stores.
   */
  addPassword(credential: PasswordCredential): Promise<boolean>;

  /** Replaces the stored hash of a live credential (a re-hash with stronger parameters). */
  updatePasswordHash(id: CredentialId, hash: PasswordHash): Promise<void>;

  /**
   * Rotates a password in one transaction: revokes `oldId` (which must be live), stores `next`
   * (whose `replaces` is `oldId`) and ends every live session bound to `oldId`
   * (reason `credential_rotated`). Returns false, changing nothing, when `oldId` is not live —
   * so of two concurrent rotations of one credential exactly one succeeds.
   */
  rotatePassword(oldId: CredentialId, next: PasswordCredential, now: number): Promise<boolean>;
}

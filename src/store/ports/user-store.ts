/** Port: users and the atomic changes of their status. */
import type { PasswordCredential, User, UserStatus } from '../../core/entities.js';
import type { UserId } from '../../core/ids.js';

export interface UserStore {
  /**
   * Creates a user together with its first password credential, in one transaction.
   * Throws `GatehouseError('USER_EXISTS')` when the canonical email is taken — exactly one of
   * any number of concurrent calls with one email succeeds, and no user is ever stored
   * without its credential.
   */
  createWithPassword(user: User, credential: PasswordCredential): Promise<void>;

  findById(id: UserId): Promise<User | null>;

  /** Looks up by canonical email (the caller canonicalises). */
  findByEmail(email: string): Promise<User | null>;

  /**
   * Sets a user's status and applies what it implies, in one transaction:
   * - `suspended`: every live session ends (reason `user_suspended`); credentials are kept;
   * - `revoked`: every live credential is revoked and every live session ends (reason `user_revoked`);
   * - `active`: only the status changes (ended sessions stay ended).
   * Returns false when no such user exists.
   */
  changeStatus(id: UserId, status: UserStatus, now: number): Promise<boolean>;

  /**
   * Marks the address verified, but only while it is still the user's address (a link sent to
   * an address the user has since left verifies nothing). Returns whether it changed a row.
   */
  markEmailVerified(id: UserId, email: string, now: number): Promise<boolean>;
}

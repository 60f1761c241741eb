/** Port: users and the atomic changes of their status. */
import type { PasswordCredential, Profile, ProfilePatch, User, UserStatus } from '../../core/entities.js';
import type { SessionId, UserId } from '../../core/ids.js';

export type EmailChange = 'changed' | 'stale' | 'taken';

export interface UserStore {
  /**
   * Creates a user together with its first password credential, in one transaction.
   * Throws `GatehouseError('USER_EXISTS')` when the canonical email is taken and
   * `GatehouseError('USERNAME_TAKEN')` when the canonical username is — exactly one of any
   * number of concurrent calls with one email (or one username) succeeds, and no user is ever
   * stored without its credential.
   */
  createWithPassword(user: User, credential: PasswordCredential): Promise<void>;

  /**
   * Creates a user without any credential (an operator may add a password later, or the user
   * sets one through a reset link). Throws `GatehouseError('USER_EXISTS')` when the canonical
   * email is taken, `GatehouseError('USERNAME_TAKEN')` when the canonical username is; of
   * concurrent calls with one email (or username) exactly one succeeds.
   */
  create(user: User): Promise<void>;

  findById(id: UserId): Promise<User | null>;

  /** Looks up by canonical email (the caller canonicalises). */
  findByEmail(email: string): Promise<User | null>;

  /** Looks up by canonical username (the caller canonicalises, see `canonicalUsername`). */
  findByUsername(username: string): Promise<User | null>;

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

  /** The profile of a user, or null when there is no such user. */
  findProfile(id: UserId): Promise<Profile | null>;

  /** Applies a patch (only the fields present) to an active user. Returns false when there is none. */
  updateProfile(id: UserId, patch: ProfilePatch, now: number): Promise<boolean>;

  /**
   * An operator's change: the profile fields present in `patch` and, when given, the verified
   * flag, in one statement, for a user of any status but `deleted`. Returns false when there is
   * no such user.
   */
  updateByOperator(
    id: UserId,
    patch: ProfilePatch & { readonly emailVerified?: boolean },
    now: number,
  ): Promise<boolean>;

  /**
   * Moves an active user from address `from` to `to` (marked verified: the user proved it), and
   * in the same transaction ends every live session except `keepSessionId` (reason
   * `email_changed`). `stale`: the user is not active or no longer has `from` — nothing
   * changed; `taken`: another account has `to` — nothing changed.
   */
  changeEmail(
    id: UserId,
    from: string | null,
    to: string,
    now: number,
    keepSessionId: SessionId | null,
  ): Promise<EmailChange>;

  /**
   * Soft deletion, in one transaction: an active user becomes `deleted` (at `now`) and every
   * live session ends (reason `user_deleted`); credentials are kept so it can be restored.
   * Returns false when there is no active user with that id.
   */
  softDelete(id: UserId, now: number): Promise<boolean>;

  /** When a `deleted` user was deleted, or null when the user is not deleted (or unknown). */
  findDeletedAt(id: UserId): Promise<number | null>;

  /** Makes a `deleted` user active again, if it was deleted at or after `deletedSince`. */
  restore(id: UserId, now: number, deletedSince: number): Promise<boolean>;

  /**
   * Removes a user and everything that belongs to it (credentials, sessions, refresh tokens,
   * mailed tokens) at once. The audit log keeps its records. Returns false when there was none.
   */
  hardDelete(id: UserId): Promise<boolean>;

  /** Hard-deletes up to `limit` users deleted before `before`; returns their ids. */
  purgeDeleted(before: number, limit: number): Promise<UserId[]>;

  /**
   * Takes a never-verified address away from an account when the address's proven owner
   * arrives (docs/identities.md, EML-03), and in the same transaction ends every live session
   * of that account (reason `email_released`). Only while it still is `id`, at `email`,
   * unverified: false (nothing changed) otherwise.
   */
  releaseUnverifiedEmail(id: UserId, email: string, now: number): Promise<boolean>;
}

/**
 * Port: users and the atomic changes of their status. Every conditional change (from given
 * statuses, only while deleted, only while the address is still `from`) is checked in the
 * statement that makes it, so of concurrent changes exactly one applies and none undoes another.
 */
import type { PasswordCredential, Profile, ProfilePatch, User, UserStatus } from '../../core/entities.js';
import type { SessionId, UserId } from '../../core/ids.js';
import type { KeptHolder, LastHolder } from './kept-holder.js';
import type { LinkSpend, QueuedLink } from './verification-token-store.js';

export type EmailChange = 'changed' | 'stale' | 'taken' | 'used';

export type EmailVerification = 'verified' | 'stale' | 'used';

/** The statuses that take a user out: what `takeOut` moves a user to. */
export type TakenOutStatus = Extract<UserStatus, 'suspended' | 'revoked' | 'deleted'>;

/**
 * `changed`; `stale`: the user's status was not one of `from` (or there is no such user) —
 * nothing changed; `last_holder`: the user is the last active holder `keep` names — nothing
 * changed.
 */
export type TakeOut = 'changed' | 'stale' | LastHolder;

export interface UserStore {
  /**
   * Creates a user together with its first password credential, in one transaction.
   * Throws `GatehouseError('USER_EXISTS')` when the canonical email is taken and
   * `GatehouseError('USERNAME_TAKEN')` when the canonical username is — exactly one of any
   * number of concurrent calls with one email (or one username) succeeds, and no user is ever
   * stored without its credential. With `link` (the verification link and its mail), both are
   * stored in the same transaction.
   */
  createWithPassword(user: User, credential: PasswordCredential, link?: QueuedLink): Promise<void>;

  /**
   * Creates a user without any credential (an operator may add a password later, or the user
   * sets one through a reset link). Throws `GatehouseError('USER_EXISTS')` when the canonical
   * email is taken, `GatehouseError('USERNAME_TAKEN')` when the canonical username is; of
   * concurrent calls with one email (or username) exactly one succeeds. `profile` fields, when
   * given, are stored in the same row.
   */
  create(user: User, profile?: ProfilePatch): Promise<void>;

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
   * With `from`, only while the user's status is one of those (checked in the same statement,
   * so of concurrent changes from one status exactly one applies); without it, whatever it is.
   * Returns whether it changed the user: false when no such user exists, or it was not in `from`.
   */
  changeStatus(id: UserId, status: UserStatus, now: number, from?: readonly UserStatus[]): Promise<boolean>;

  /**
   * An operator taking a user out: `suspended` and `revoked` as `changeStatus` applies them,
   * `deleted` as `softDelete` does — only from the statuses in `from`. With `keep`, refused
   * (`last_holder`) when the user is active and the last active member of `keep.appId` holding
   * `keep.role`; such guarded changes of one app take turns with each other and with the
   * console membership changes `MembershipStore` guards (PostgreSQL: the app's row is locked
   * first; SQLite runs writers one at a time), so two holders taking each other out at once
   * leave one.
   */
  takeOut(
    id: UserId,
    status: TakenOutStatus,
    now: number,
    from: readonly UserStatus[],
    keep?: KeptHolder,
  ): Promise<TakeOut>;

  /**
   * Marks the address verified, but only while it is still the user's address (a link sent to
   * an address the user has since left verifies nothing): `stale` when it is not. With `link`
   * (the verification link), the same transaction spends it first: `used` when it was used
   * meanwhile (nothing changed); on `stale` the link is spent all the same.
   */
  markEmailVerified(id: UserId, email: string, now: number, link?: LinkSpend): Promise<EmailVerification>;

  /** The profile of a user, or null when there is no such user. */
  findProfile(id: UserId): Promise<Profile | null>;

  /** Applies a patch (only the fields present) to an active user. Returns false when there is none. */
  updateProfile(id: UserId, patch: ProfilePatch, now: number): Promise<boolean>;

  /**
   * An operator's change: the profile fields present in `patch` and, when given, the verified
   * flag, in one statement, for a user of any status but `deleted` and `revoked`. Returns false
   * (nothing changed) when there is no such user.
   */
  updateByOperator(
    id: UserId,
    patch: ProfilePatch & { readonly emailVerified?: boolean },
    now: number,
  ): Promise<boolean>;

  /**
   * Moves an active user from address `from` to `to`, marked `verified` (by default true: the
   * user proved it; an operator may ask for the new address to be verified again) in the same
   * write, and in the same transaction ends every live session except `keepSessionId` (reason
   * `email_changed`). With `link` (the mailed link that asked for the change), the same
   * transaction spends that link first and, once the address has moved, voids `link.voids`.
   * `used`: the link was used meanwhile (or expired) — nothing changed; `stale`: the user is not
   * active or no longer has `from` — nothing changed but the link is spent; `taken`: another
   * account has `to` — nothing changed, the link not spent either.
   */
  changeEmail(
    id: UserId,
    from: string | null,
    to: string,
    now: number,
    keepSessionId: SessionId | null,
    verified?: boolean,
    link?: LinkSpend,
  ): Promise<EmailChange>;

  /**
   * Soft deletion, in one transaction: an active user (or, with `from`, one whose status is one
   * of those) becomes `deleted` (at `now`, remembering the status it had) and every live session
   * ends (reason `user_deleted`); credentials are kept so it can be restored. Returns false when
   * there is no such user with such a status.
   */
  softDelete(id: UserId, now: number, from?: readonly UserStatus[]): Promise<boolean>;

  /** When a `deleted` user was deleted, or null when the user is not deleted (or unknown). */
  findDeletedAt(id: UserId): Promise<number | null>;

  /**
   * Gives a `deleted` user back the status it had when deleted (`active`, or `suspended` or
   * `revoked`: deleting and restoring never lifts either), if it was deleted at or after
   * `deletedSince`.
   */
  restore(id: UserId, now: number, deletedSince: number): Promise<boolean>;

  /**
   * Removes a user and everything that belongs to it (credentials, sessions, refresh tokens,
   * mailed tokens) at once. The audit log keeps its records. Returns false when there was none.
   */
  hardDelete(id: UserId): Promise<boolean>;

  /**
   * `hardDelete`, but only while the user is `deleted` (checked in the same statement): a
   * restore that lands first keeps the account. Returns false when nothing was erased.
   */
  purge(id: UserId): Promise<boolean>;

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

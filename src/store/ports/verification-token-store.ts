/**
 * Port: one-time tokens sent by mail (email verification, password reset, email change). Only
 * the SHA-256 of a token is stored; each is bound to a user, an address and a purpose.
 */
import type { UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type { OutboxMessage } from './outbox-store.js';

export type TokenPurpose =
  | 'verify_email'
  | 'reset_password'
  | 'change_email'
  | 'cancel_email_change'
  | 'revert_email_change';

/**
 * Purposes for which only the newest link works: issuing one voids the user's older unused links
 * of that purpose. The old address's links (cancel or undo an address change) are not among
 * them: a later change must never take away the owner's way back.
 */
export const NEWEST_ONLY: ReadonlySet<TokenPurpose> = new Set<TokenPurpose>([
  'verify_email',
  'reset_password',
  'change_email',
]);

/** The links that undo an address change, mailed to the address being left. */
export const OLD_ADDRESS_PURPOSES: readonly TokenPurpose[] = ['cancel_email_change', 'revert_email_change'];

export interface VerificationToken {
  readonly hash: TokenHash;
  readonly userId: UserId;
  readonly purpose: TokenPurpose;
  /** The address the link was sent to (and is about). */
  readonly email: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/**
 * Unused links of a user to void in the same transaction as another change: those of these
 * purposes, and with `issuedSince` only those issued at or after it.
 */
export interface LinkVoid {
  readonly purposes: readonly TokenPurpose[];
  readonly issuedSince?: number;
}

/**
 * A checked link spent by the change it asked for, in that change's transaction, together with
 * the links the change makes stale: a process killed midway leaves either both or neither.
 */
export interface LinkSpend {
  readonly token: VerificationToken;
  readonly voids: readonly LinkVoid[];
}

/**
 * A link stored by the change that sends it, in that change's transaction, with the outbox row
 * of its mail (sealed; null when the mail could not be rendered): a process killed midway leaves
 * the change with its link and mail, or neither.
 */
export interface QueuedLink {
  readonly token: VerificationToken;
  readonly mail: OutboxMessage | null;
}

export type TokenConsumption =
  | { readonly ok: true; readonly token: VerificationToken }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' | 'wrong_purpose' };

export interface VerificationTokenStore {
  /**
   * Stores `token`. For a purpose in `NEWEST_ONLY` it voids, in the same transaction, every other
   * unused token of the same user and purpose — a newer link kills the older ones. Tokens of
   * other purposes (the old address's cancel and undo links) are never voided by a newer one.
   */
  issue(token: VerificationToken, now: number): Promise<void>;
  /**
   * Uses a token exactly once, even under concurrent calls: of any number of calls with one
   * hash, at most one gets `ok: true`. A token of another purpose is not consumed.
   */
  consume(hash: TokenHash, purpose: TokenPurpose, now: number): Promise<TokenConsumption>;
  /**
   * What `consume` would answer, without using the token — for a link whose use is one write
   * elsewhere (`users.changeEmail` with a `LinkSpend`), which spends it in its own transaction.
   */
  check(hash: TokenHash, purpose: TokenPurpose, now: number): Promise<TokenConsumption>;
  /**
   * Uses a checked token exactly once and, in the same transaction, voids `voids`: false (and
   * nothing voided) when it was used meanwhile or has expired.
   */
  spend(link: LinkSpend, now: number): Promise<boolean>;
  /** When the newest token of this user and purpose was issued (used or not), or null. */
  lastIssuedAt(userId: UserId, purpose: TokenPurpose): Promise<number | null>;
  /** The user's unused, unexpired tokens (hashes included; callers show only the rest). */
  listLive(userId: UserId, now: number): Promise<VerificationToken[]>;
  /**
   * Voids every unused token of a user — optionally only of the given purpose(s), and only those
   * issued at or after `issuedSince` — e.g. after a password change. Returns how many.
   */
  voidAll(
    userId: UserId,
    now: number,
    purpose?: TokenPurpose | readonly TokenPurpose[],
    issuedSince?: number,
  ): Promise<number>;
}

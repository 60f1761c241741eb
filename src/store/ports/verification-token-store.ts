/**
 * Port: one-time tokens sent by mail (email verification, password reset, email change). Only
 * the SHA-256 of a token is stored; each is bound to a user, an address and a purpose.
 */
import type { UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type TokenPurpose =
  | 'verify_email'
  | 'reset_password'
  | 'change_email'
  | 'cancel_email_change'
  | 'revert_email_change';

export interface VerificationToken {
  readonly hash: TokenHash;
  readonly userId: UserId;
  readonly purpose: TokenPurpose;
  /** The address the link was sent to (and is about). */
  readonly email: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export type TokenConsumption =
  | { readonly ok: true; readonly token: VerificationToken }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' | 'wrong_purpose' };

export interface VerificationTokenStore {
  /**
   * Stores `token` and, in the same transaction, voids every other unused token of the same
   * user and purpose — a newer link always kills the older ones.
   */
  issue(token: VerificationToken, now: number): Promise<void>;
  /**
   * Uses a token exactly once, even under concurrent calls: of any number of calls with one
   * hash, at most one gets `ok: true`. A token of another purpose is not consumed.
   */
  consume(hash: TokenHash, purpose: TokenPurpose, now: number): Promise<TokenConsumption>;
  /** When the newest token of this user and purpose was issued (used or not), or null. */
  lastIssuedAt(userId: UserId, purpose: TokenPurpose): Promise<number | null>;
  /** The user's unused, unexpired tokens (hashes included; callers show only the rest). */
  listLive(userId: UserId, now: number): Promise<VerificationToken[]>;
  /** Voids every unused token of a user (optionally of one purpose), e.g. after a password change. */
  voidAll(userId: UserId, now: number, purpose?: TokenPurpose | readonly TokenPurpose[]): Promise<number>;
}

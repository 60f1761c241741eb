/**
 * Port: one-time codes sent by text message, stored as keyed digests only. Each code is bound to
 * one purpose and one thing — the phone setup of a session, a pending sign-in, a session
 * reauthenticating — and only one code per binding is live: a new one voids the old.
 * Counting tries and spending a code are conditional updates, so concurrency cannot stretch the
 * limits: every try is counted, at most `maxAttempts` tries are ever weighed, and a code is spent
 * by exactly one of any number of concurrent callers.
 */
import type { Id, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type SmsCodeId = Id<'otc'>;
export type SmsCodePurpose = 'phone_setup' | 'sign_in' | 'reauth';

export interface SmsCode {
  readonly id: SmsCodeId;
  readonly userId: UserId;
  readonly purpose: SmsCodePurpose;
  /** What the code is for: the session setting up a phone or reauthenticating, or a pending sign-in. */
  readonly boundTo: string;
  /** The number it was sent to (E.164). */
  readonly phone: string;
  readonly codeHash: TokenHash;
  readonly attempts: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Set when spent or voided by a newer code; the code is live only while this is null. */
  readonly usedAt: number | null;
}

/** What `issue` did: stored the code, or refused because the binding had one too recently. */
export type SmsCodeIssue =
  | { readonly issued: true }
  | { readonly issued: false; readonly retryAfterMs: number };

export interface SmsCodeStore {
  /** The newest code of the binding, live or not (null when none was ever sent). */
  latest(userId: UserId, purpose: SmsCodePurpose, boundTo: string): Promise<SmsCode | null>;
  /**
   * Stores `code` and voids every live code of the same binding, in one transaction — unless the
   * binding's newest code is younger than `intervalMs` at `code.createdAt`: then nothing changes.
   * Concurrent calls for one user are serialised, so two cannot both slip under the interval.
   */
  issue(code: SmsCode, intervalMs: number): Promise<SmsCodeIssue>;
  /** The binding's live code at `now`: unspent, unexpired and with tries left. */
  findLive(
    userId: UserId,
    purpose: SmsCodePurpose,
    boundTo: string,
    now: number,
    maxAttempts: number,
  ): Promise<SmsCode | null>;
  /**
   * Counts one try at code `id` and, when `codeHash` is its digest, spends it. True for exactly
   * one of any number of concurrent callers with the right code. A try is counted only while the
   * code is live; once `maxAttempts` tries are counted it is dead, the right code included.
   */
  attempt(id: SmsCodeId, codeHash: TokenHash, now: number, maxAttempts: number): Promise<boolean>;
  /** Deletes a code that could not be sent, so asking again is not held back by the interval. */
  discard(id: SmsCodeId): Promise<void>;
  /** Deletes every code of the user; returns how many there were. */
  removeAll(userId: UserId): Promise<number>;
}

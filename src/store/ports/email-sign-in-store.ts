/**
 * Port: passwordless sign-ins waiting to be used — magic links and one-time codes sent by mail.
 * Only digests are stored (a link as the SHA-256 of its token, a code as a keyed digest), each
 * bound to the canonical address it went to and, when the address had one, its account.
 *
 * Atomicity: using a link and trying a code are each one conditional UPDATE, so the database
 * decides. A link is used by exactly one of any number of concurrent callers; a code is spent by
 * exactly one caller with the right code, every try is counted, and no more than `maxAttempts`
 * tries are ever weighed however many arrive at once. A new one voids the address's older unused
 * ones of its kind, and concurrent issues for one address are serialised: at most one code per
 * address is ever live.
 */
import type { AppId, Id, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type EmailSignInId = Id<'esi'>;
export type EmailSignInKind = 'link' | 'code';

export interface EmailSignIn {
  readonly id: EmailSignInId;
  /** The canonical address it was sent to. */
  readonly email: string;
  /** The account at that address when it was sent; null when its first use would create one. */
  readonly userId: UserId | null;
  readonly kind: EmailSignInKind;
  readonly secretHash: TokenHash;
  readonly attempts: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Set when used or voided by a newer one; live only while null. */
  readonly usedAt: number | null;
  /** The app the link or code signs in to (named when it was requested). */
  readonly appId: AppId;
}

export type LinkUse =
  | { readonly ok: true; readonly signIn: EmailSignIn }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' };

export interface EmailSignInStore {
  /**
   * Stores `signIn` and, in the same transaction, voids every unused one of the same address and
   * kind (at `signIn.createdAt`): only the newest link or code works.
   */
  issue(signIn: EmailSignIn): Promise<void>;
  /**
   * Uses the link whose token has digest `secretHash`: of any number of concurrent calls, at most
   * one gets `ok: true`. Only links: a code's digest is never a link.
   */
  useLink(secretHash: TokenHash, now: number): Promise<LinkUse>;
  /**
   * Counts one try at the address's live code and spends it when `secretHash` is its digest, in
   * one statement. Returns the spent code, or null: no live code, a wrong one (counted), or the
   * code is dead — spent, voided, expired or tried `maxAttempts` times, the right code included.
   */
  tryCode(
    email: string,
    secretHash: TokenHash,
    now: number,
    maxAttempts: number,
  ): Promise<EmailSignIn | null>;
  /** The newest one of the address and kind, live or not (null when none was sent). */
  latest(email: string, kind: EmailSignInKind): Promise<EmailSignIn | null>;
}

/**
 * Port: sign-ins whose first factor passed, waiting for the second. Nothing here grants access:
 * a row is only the promise that a session may start once a second factor passes, and the
 * `mfaToken` that names it is stored as a hash.
 */
import type { AuthMethodRef } from '../../core/entities.js';
import type { AppId, CredentialId, PendingSignInId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export interface PendingSignIn {
  readonly id: PendingSignInId;
  readonly userId: UserId;
  /** The password credential the first factor checked, if any (kept on the session). */
  readonly credentialId: CredentialId | null;
  /** The first factor(s) that passed. */
  readonly amr: readonly AuthMethodRef[];
  /** A shortened session lifetime asked for at sign-in, in seconds; null for the default. */
  readonly sessionTtl: number | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly failures: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly consumedAt: number | null;
  /** The app the sign-in is for; its second step must name the same one. */
  readonly appId: AppId;
}

export interface PendingSignInStore {
  create(pending: PendingSignIn, tokenHash: TokenHash): Promise<void>;
  /** The pending sign-in the token names, if it is neither consumed nor expired at `now`. */
  findLive(tokenHash: TokenHash, now: number): Promise<PendingSignIn | null>;
  /** Ends it if it is still live; true for exactly one of any number of concurrent callers. */
  consume(id: PendingSignInId, now: number): Promise<boolean>;
  /**
   * Counts a wrong second factor and returns the new count (every concurrent call counts). The
   * row stays live: the service refuses it past its limit, so concurrent failures can never void
   * it under a request whose proof passed.
   */
  recordFailure(id: PendingSignInId): Promise<number>;
  /** Voids every live pending sign-in of a user (factors reset, account suspended). */
  voidAllForUser(userId: UserId, now: number): Promise<number>;
}

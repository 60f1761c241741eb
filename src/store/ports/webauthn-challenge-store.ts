/**
 * Port: the challenges of WebAuthn ceremonies. A challenge is no secret, but it must be fresh:
 * each is bound to one purpose (and to the user, session or pending sign-in it was issued for),
 * lives for the ceremony's timeout and is consumed once — by exactly one of any number of
 * concurrent callers. The store keeps only a digest of it.
 */
import type { Id, UserId } from '../../core/ids.js';

export type WebAuthnChallengeId = Id<'chl'>;

/** `register` a new passkey; `sign_in` without a password; `second_factor` after one; `reauth` a session. */
export type WebAuthnChallengePurpose = 'register' | 'sign_in' | 'second_factor' | 'reauth';

/** Who a challenge was issued to: consuming it needs the same binding. */
export interface WebAuthnChallengeBinding {
  readonly purpose: WebAuthnChallengePurpose;
  /** Null for a passkey sign-in, where nobody is named before the ceremony. */
  readonly userId: UserId | null;
  /** The session (register, reauth) or pending sign-in (second factor); null for a passkey sign-in. */
  readonly boundTo: string | null;
}

export interface WebAuthnChallenge extends WebAuthnChallengeBinding {
  readonly id: WebAuthnChallengeId;
  /** SHA-256 of the challenge as the client data carries it (base64url), base64url. */
  readonly digest: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface WebAuthnChallengeStore {
  create(challenge: WebAuthnChallenge): Promise<void>;
  /**
   * Spends the challenge with this digest if it has this binding, is unspent and has not expired
   * at `now`; true for exactly one of any number of concurrent callers.
   */
  consume(digest: string, binding: WebAuthnChallengeBinding, now: number): Promise<boolean>;
}

/**
 * What every second factor offers the two-step sign-in, reauthentication and `resetMfa`: one
 * object per method (TOTP, recovery codes, passkeys, SMS), each in its own folder. The sign-in
 * never needs to know how a factor works — only whether the user has it and whether a proof
 * is right.
 */
import type { AuthMethodRef, User } from '../../core/entities.js';
import type { PendingSignInId, SessionId, UserId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';

export const MFA_METHODS = ['totp', 'passkey', 'sms', 'recovery_code'] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];

/** What a proof is bound to: the sign-in waiting for it, or the session reauthenticating. */
export type Attempt =
  | { readonly kind: 'sign_in'; readonly id: PendingSignInId }
  | { readonly kind: 'reauth'; readonly id: SessionId };

/** A second-factor proof as a client sends it: a code, or a WebAuthn assertion (JSON). */
export interface SecondFactorProof {
  readonly code?: unknown;
  readonly assertion?: unknown;
}

export interface SecondFactor {
  readonly method: MfaMethod;
  /** What a session records when this factor passed. */
  readonly amr: AuthMethodRef;
  /**
   * Whether having this factor turns the two-step sign-in on. Recovery codes do not: they only
   * stand in for a factor the user has.
   */
  readonly protects: boolean;
  /** Whether the user can use this method now. */
  enabled(ctx: ServiceContext, userId: UserId): Promise<boolean>;
  /**
   * True when the proof is right — and spent, for a single-use proof (exactly one of concurrent
   * uses). False when it is wrong, used or expired. Malformed input throws `VALIDATION_ERROR`.
   */
  verify(
    ctx: ServiceContext,
    user: User,
    proof: SecondFactorProof,
    attempt: Attempt,
    client: ClientInfo,
  ): Promise<boolean>;
  /** What the user may see about this factor (never a secret), or null when they have none. */
  summary(ctx: ServiceContext, userId: UserId): Promise<Record<string, unknown> | null>;
  /** Removes every trace of the factor for the user (operator reset, account purge). */
  removeAll(ctx: ServiceContext, userId: UserId): Promise<void>;
}

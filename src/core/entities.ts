/** The records Gatehouse keeps, as services see them. Times are epoch milliseconds. */
import type { AppId, CredentialId, SessionId, UserId } from './ids.js';
import type { PasswordHash } from './secrets.js';

/** `deleted`: deleted by its owner, restorable until purged (soft deletion). */
export type UserStatus = 'active' | 'suspended' | 'revoked' | 'deleted';

export interface User {
  readonly id: UserId;
  /** Canonical address (see `canonicalEmail`); null for an account with only a username. */
  readonly email: string | null;
  /** Canonical username (see `canonicalUsername`); null for an account signed up by email. */
  readonly username: string | null;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly status: UserStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface PostalAddress {
  readonly street: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly country: string | null;
  readonly postalCode: string | null;
}

/** What a user may say about themselves (`PATCH /auth/me`), beside `User.name`. */
export interface Profile {
  readonly displayName: string | null;
  readonly imageUrl: string | null;
  readonly phone: string | null;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string | null;
  readonly address: PostalAddress | null;
  /** BCP 47 tag, e.g. `en-GB`. */
  readonly locale: string | null;
  /** The app's own JSON object for this user, size-capped by `profileMetadataLimit`. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A change to a profile: only the fields present change (`null` clears one). */
export type ProfilePatch = Partial<Profile & { readonly name: string | null }>;

export type CredentialKind = 'password';

export interface PasswordCredential {
  readonly id: CredentialId;
  readonly userId: UserId;
  readonly kind: 'password';
  readonly hash: PasswordHash;
  /** The credential this one replaced on rotation, if any. */
  readonly replaces: CredentialId | null;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export type SessionRevocationReason =
  | 'sign_out'
  | 'sign_out_everywhere'
  /** The user signed out every other session from this one. */
  | 'sign_out_others'
  | 'token_revoked'
  | 'revoked_by_user'
  | 'refresh_reused'
  | 'user_suspended'
  | 'user_revoked'
  | 'credential_rotated'
  | 'password_reset'
  | 'email_changed'
  | 'user_deleted'
  /** The member's roles, plan or membership changed and the operator asked to end their sessions. */
  | 'membership_changed'
  | 'app_disabled'
  /** An operator ended the session through the admin API or the CLI. */
  | 'revoked_by_operator'
  | (string & {});

/**
 * How a user proved who they are, as RFC 8176 names it: `pwd` a password, `otp` an
 * authenticator app's code, `hwk` a passkey, `sms` a code by text message, `user` a passkey
 * that verified its user (PIN, biometrics); plus Gatehouse's own `rc` for a recovery code, `fed`
 * for an outside identity provider (OpenID Connect, OAuth, a third-party ID token) and `email`
 * for a link or code sent by mail.
 */
export type AuthMethodRef = 'pwd' | 'otp' | 'hwk' | 'sms' | 'rc' | 'user' | 'fed' | 'email';
export const AUTH_METHOD_REFS: ReadonlySet<string> = new Set([
  'pwd',
  'otp',
  'hwk',
  'sms',
  'rc',
  'user',
  'fed',
  'email',
]);

/** NIST SP 800-63B assurance: 1 for one factor, 2 once a second factor (or a verifying passkey) passed. */
export type AssuranceLevel = 1 | 2;

export interface Session {
  readonly id: SessionId;
  readonly userId: UserId;
  readonly credentialId: CredentialId | null;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  /** Ends early when the session goes unused for the idle timeout. */
  readonly idleExpiresAt: number;
  /** Hard end, however active the session is. */
  readonly expiresAt: number;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly revokedAt: number | null;
  readonly revokedReason: SessionRevocationReason | null;
  /** How the user signed in (and reauthenticated since), in order, without repeats. */
  readonly amr: readonly AuthMethodRef[];
  readonly aal: AssuranceLevel;
  /** The last time the user proved who they are in this session: sign-in or reauthentication. */
  readonly authenticatedAt: number;
  /** The app the session signed in to: its access tokens carry it as `app` and are refused at others. */
  readonly appId: AppId;
  /**
   * The operator who started this session as the user (impersonation); absent or null for the
   * user's own sessions. Such a session is short, has no refresh, and its tokens carry `act`.
   */
  readonly impersonatorId?: UserId | null;
}

/** Whether a session is usable at `now`. */
export function sessionIsLive(
  session: Pick<Session, 'revokedAt' | 'idleExpiresAt' | 'expiresAt'>,
  now: number,
): boolean {
  return session.revokedAt === null && now < session.idleExpiresAt && now < session.expiresAt;
}

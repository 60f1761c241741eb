/** The records Gatehouse keeps, as services see them. Times are epoch milliseconds. */
import type { CredentialId, SessionId, UserId } from './ids.js';
import type { PasswordHash } from './secrets.js';

export type UserStatus = 'active' | 'suspended' | 'revoked';

export interface User {
  readonly id: UserId;
  /** Canonical address (see `canonicalEmail`). */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly status: UserStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

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
  | 'revoked_by_user'
  | 'refresh_reused'
  | 'user_suspended'
  | 'user_revoked'
  | 'credential_rotated'
  | (string & {});

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
}

/** Whether a session is usable at `now`. */
export function sessionIsLive(
  session: Pick<Session, 'revokedAt' | 'idleExpiresAt' | 'expiresAt'>,
  now: number,
): boolean {
  return session.revokedAt === null && now < session.idleExpiresAt && now < session.expiresAt;
}

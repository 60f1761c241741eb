/** The public shapes of users and sessions, as returned by the API and by the instance's methods. */
import type { AuthMethodRef, Profile, Session, User, UserStatus } from '../core/entities.js';
import type { AppId, SessionId, UserId } from '../core/ids.js';
import type { RefreshToken } from '../core/secrets.js';
import { describeDevice } from './sessions/describe-device.js';

export interface PublicUser {
  readonly id: UserId;
  /** null for an account with only a username. */
  readonly email: string | null;
  readonly username: string | null;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly status: UserStatus;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** What `GET /auth/me` returns: the user and everything on their profile. */
export interface Me extends PublicUser, Profile, AccountState {
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** What the account holds beyond its profile, for the account page to offer the right things. */
export interface AccountState {
  /** Whether the account has a password (else it signs in with passkeys, providers or mailed links). */
  readonly hasPassword: boolean;
  /** A requested address change waiting for its confirmation link, or null. */
  readonly pendingEmail: PendingEmail | null;
}

/** The new address of a pending change and until when its confirmation link works — never the link. */
export interface PendingEmail {
  readonly email: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

export interface PublicSession {
  readonly id: SessionId;
  /** When the session ends if unused: the earlier of the idle and absolute expiry (ISO 8601). */
  readonly expiresAt: string;
  readonly createdAt: string;
  /** How the user signed in (RFC 8176 values, plus `rc` for a recovery code). */
  readonly amr: readonly AuthMethodRef[];
  /** `aal2` once a second factor (or a passkey that verified its user) passed. */
  readonly aal: 'aal1' | 'aal2';
  /** The last sign-in or reauthentication (ISO 8601): factor changes need it recent. */
  readonly authenticatedAt: string;
  /** The app the session signed in to: its access tokens work only there. */
  readonly appId: AppId;
  /**
   * The operator who started this session as the user (impersonation; its tokens carry `act`).
   * Present only on such sessions.
   */
  readonly impersonatorId?: UserId;
}

export interface SessionListing extends PublicSession {
  readonly lastUsedAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** A short human description of the client, e.g. "Firefox on Linux". */
  readonly device: string;
  /** True for the session making the request. */
  readonly current: boolean;
}

/** What sign-up, sign-in and refresh return. */
export interface AuthResult {
  readonly user: PublicUser;
  readonly session: PublicSession;
  readonly accessToken: string;
  readonly refreshToken: RefreshToken;
  /** Lifetime of the access token, in seconds. */
  readonly expiresIn: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    emailVerified: user.emailVerified,
    name: user.name,
    status: user.status,
    createdAt: iso(user.createdAt),
  };
}

export function me(user: User, profile: Profile, state: AccountState): Me {
  return {
    ...publicUser(user),
    ...profile,
    updatedAt: iso(user.updatedAt),
    hasPassword: state.hasPassword,
    pendingEmail: state.pendingEmail,
  };
}

export function publicSession(session: Session): PublicSession {
  return {
    id: session.id,
    expiresAt: iso(Math.min(session.idleExpiresAt, session.expiresAt)),
    createdAt: iso(session.createdAt),
    amr: session.amr,
    aal: session.aal === 2 ? 'aal2' : 'aal1',
    authenticatedAt: iso(session.authenticatedAt),
    appId: session.appId,
    ...(session.impersonatorId ? { impersonatorId: session.impersonatorId } : {}),
  };
}

export function sessionListing(session: Session, currentId: SessionId | null): SessionListing {
  return {
    ...publicSession(session),
    lastUsedAt: iso(session.lastUsedAt),
    ip: session.ip,
    userAgent: session.userAgent,
    device: describeDevice(session.userAgent),
    current: session.id === currentId,
  };
}

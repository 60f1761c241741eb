/** Port: sessions and their rotating refresh tokens. The session row is the refresh-token family. */
import type {
  AssuranceLevel,
  AuthMethodRef,
  Session,
  SessionRevocationReason,
  User,
} from '../../core/entities.js';
import type { AppId, SessionId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type RefreshRotation =
  /** `reissued`: the token was spent moments ago (within the grace window) and `next` is its live successor. */
  | { readonly ok: true; readonly session: Session; readonly reissued?: true }
  /** No refresh token with that hash was ever issued. */
  | { readonly ok: false; readonly reason: 'unknown' }
  /** The token was already spent; the store has revoked its session (reason `refresh_reused`). */
  | { readonly ok: false; readonly reason: 'reused'; readonly sessionId: SessionId; readonly userId: UserId }
  /** The token is unspent but its session is revoked or expired; nothing changed. */
  | { readonly ok: false; readonly reason: 'session_ended'; readonly sessionId: SessionId };

export interface SessionStore {
  /** Stores a new session and its first refresh token (hash only), in one transaction. */
  create(session: Session, refreshTokenHash: TokenHash): Promise<void>;

  /** The session and its user, revoked or not (the caller decides liveness). The hot path. */
  findWithUser(id: SessionId): Promise<{ session: Session; user: User } | null>;

  /**
   * The session a refresh token (spent or not) belongs to, and its user, revoked or not: what a
   * refresh reads before it spends the token. Null when no such token was ever issued.
   */
  findWithUserByRefreshToken(hash: TokenHash): Promise<{ session: Session; user: User } | null>;

  /**
   * Spends `presented` and issues `next` for the same session, in one transaction.
   * Exactly one of any number of concurrent calls with one `presented` hash spends it. Every
   * other call — concurrent or later — gets `reused`, and the session is revoked; except, when
   * `graceMs` > 0, a call made at most `graceMs` after the token was spent whose `next` is the
   * token's still-unspent successor: it gets `ok: true, reissued: true` and changes nothing but
   * the session's use times. (`next` must be derived from `presented` for that to match.)
   * On success `lastUsedAt` becomes `now` and `idleExpiresAt` becomes `idleExpiresAt`
   * (never past the session's absolute `expiresAt`).
   */
  rotateRefreshToken(
    presented: TokenHash,
    next: TokenHash,
    now: number,
    idleExpiresAt: number,
    graceMs?: number,
  ): Promise<RefreshRotation>;

  /**
   * Ends the live session that `hash` (a refresh token of it, spent or not) belongs to.
   * Returns the session and user ended, or null when the token is unknown or its session had
   * already ended.
   */
  revokeByRefreshToken(
    hash: TokenHash,
    now: number,
    reason: SessionRevocationReason,
  ): Promise<{ readonly sessionId: SessionId; readonly userId: UserId } | null>;

  /**
   * Records that the user of a live session proved who they are again (reauthentication, a
   * second factor added to a password session): `authenticatedAt` becomes `now`, `amr` and
   * `aal` the given ones. Returns the updated session, or null when it is not live.
   */
  reauthenticate(
    id: SessionId,
    now: number,
    amr: readonly AuthMethodRef[],
    aal: AssuranceLevel,
  ): Promise<Session | null>;

  /** Records use of a live session (sliding idle expiry). No effect on a revoked session. */
  touch(id: SessionId, now: number, idleExpiresAt: number): Promise<void>;

  /**
   * Revokes one live session. When `userId` is given, only a session of that user is touched.
   * Returns false when there was no such live session (already revoked, unknown, another user's).
   */
  revoke(id: SessionId, now: number, reason: SessionRevocationReason, userId?: UserId): Promise<boolean>;

  /**
   * Ends every live session of a user — but `except`, when given (signing out the other
   * devices), in the same statement; returns how many ended.
   */
  revokeAllForUser(
    userId: UserId,
    now: number,
    reason: SessionRevocationReason,
    except?: SessionId,
  ): Promise<number>;

  /** Ends every live session of a user at one app (or, without `userId`, of everyone there). */
  revokeAllInApp(
    appId: AppId,
    userId: UserId | null,
    now: number,
    reason: SessionRevocationReason,
  ): Promise<number>;

  /** The user's sessions that are live at `now`, newest first. */
  listLive(userId: UserId, now: number): Promise<Session[]>;

  /**
   * Whether the user had any session other than `exceptId`, and whether one of those came from
   * this User-Agent (`null` matches sessions without one). Two indexed lookups, not a listing.
   */
  deviceHistory(
    userId: UserId,
    userAgent: string | null,
    exceptId: SessionId,
  ): Promise<{ readonly earlier: boolean; readonly sameDevice: boolean }>;

  /** Every session the user ever had, ended or not, newest first (data export, new-device check). */
  listForUser(userId: UserId): Promise<Session[]>;
}

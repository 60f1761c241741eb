/** Port: personal access tokens, their secrets stored as digests only. */
import type { PersonalAccessToken } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import type { PatId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export interface PatStore {
  /**
   * Stores a new token unless its user already has `cap` live ones (not revoked, not expired at
   * `now`), atomically: of concurrent calls no more than the cap succeed.
   */
  createWithinCap(
    token: PersonalAccessToken,
    secretHash: TokenHash,
    cap: number,
    now: number,
  ): Promise<boolean>;
  /** The token and its secret's digest, with its user (the bearer check: one query). */
  find(id: PatId): Promise<{
    readonly token: PersonalAccessToken;
    readonly secretHash: TokenHash;
    readonly user: User;
  } | null>;
  /** The user's tokens that are not revoked, newest first (expired ones included, marked by `expiresAt`). */
  listForUser(userId: UserId): Promise<PersonalAccessToken[]>;
  /** Revokes one of the user's tokens; false when it is not theirs, unknown or already revoked. */
  revoke(userId: UserId, id: PatId, now: number): Promise<boolean>;
  /** Revokes every token of the user; returns how many. */
  revokeAllForUser(userId: UserId, now: number): Promise<number>;
  /** Records a use: sets `lastUsedAt` to `now` only when it is older than `now - minIntervalMs`. */
  touch(id: PatId, now: number, minIntervalMs: number): Promise<void>;
}

/** Port: one-time recovery codes, stored as keyed hashes only, one set per user. */
import type { UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export interface RecoveryCodeStore {
  /** Replaces the user's set with these (the old codes stop working), in one transaction. */
  replaceAll(userId: UserId, hashes: readonly TokenHash[], now: number): Promise<void>;
  /** Spends one unused code; true for exactly one of any number of concurrent callers. */
  use(userId: UserId, hash: TokenHash, now: number): Promise<boolean>;
  countUnused(userId: UserId): Promise<number>;
  /** Deletes the user's set; returns how many codes there were. */
  removeAll(userId: UserId): Promise<number>;
}

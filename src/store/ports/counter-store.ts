/**
 * Port: the counters behind rate limits and account lockout. Kept in the database (shared by
 * every process on PostgreSQL) or in Redis. Keys are opaque to the store; callers hash anything
 * personal (addresses, emails) before using it as a key.
 */

export interface WindowHit {
  /** Whether this hit is within the limit. Every hit is counted, refused ones included. */
  readonly allowed: boolean;
  /** When refused: how long until a hit would be allowed again, in ms. */
  readonly retryAfterMs: number;
}

export interface LockoutPolicy {
  /** Attempts allowed before the key locks. */
  readonly threshold: number;
  /** Lock length for the n-th lock in a row (n = 0, 1, 2…), in ms. */
  lockMs(lockCount: number): number;
}

export interface CounterStore {
  /**
   * Counts a hit on `key` in a sliding window of `windowMs` (the weighted sum of this and the
   * previous fixed window) and says whether the estimate is within `max`. Atomic: concurrent
   * hits are all counted.
   */
  hit(key: string, max: number, windowMs: number, now: number): Promise<WindowHit>;

  /**
   * Reserves one password attempt for `key`, atomically. While the key is locked, refused. The
   * attempt that goes past `threshold` locks it (for `lockMs(previous locks)`) and is refused, so
   * of any number of concurrent attempts at most `threshold` are let through per lock period.
   */
  attempt(key: string, policy: LockoutPolicy, now: number): Promise<WindowHit>;

  /** Gives back one reserved attempt that was never evaluated (e.g. the server was too busy). */
  release(key: string): Promise<void>;

  /** Forgets `key`'s attempts and locks (a right password, a completed reset). */
  clear(key: string): Promise<void>;

  /** Deletes counters not touched since `before`; returns how many. */
  prune(before: number): Promise<number>;
}

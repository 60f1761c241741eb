/**
 * Runs at most `limit` tasks at once; the rest wait in order. Password hashing goes through one,
 * so a sign-in storm keeps at most one hash per core busy and the event loop keeps CPU for
 * session checks and refreshes (libuv's pool would otherwise run four hashes on two cores).
 */
import { GatehouseError } from '../core/errors.js';

export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
  /** True when a new task would be refused (every slot busy and the queue full). */
  readonly full: boolean;
}

/**
 * @param maxWaiting when this many tasks already wait, `run` refuses at once with 503
 *   `UNAVAILABLE` (and a retry hint) instead of queueing: under a flood, the excess is turned
 *   away quickly rather than piling up and timing out.
 */
export function concurrencyLimit(limit: number, maxWaiting = Number.POSITIVE_INFINITY): ConcurrencyLimit {
  let active = 0;
  const queue: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so a caller arriving in the
  // meantime cannot take it as well.
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(task) {
      if (active >= limit) {
        if (queue.length >= maxWaiting) {
          throw new GatehouseError('UNAVAILABLE', 'The server is busy; try again shortly', {
            retryAfterSeconds: 1,
          });
        }
        await new Promise<void>((resolve) => queue.push(resolve));
      } else active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    get full() {
      return active >= limit && queue.length >= maxWaiting;
    },
  };
}

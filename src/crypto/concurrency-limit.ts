/**
 * Runs at most `limit` tasks at once; the rest wait in order. Password hashing goes through one,
 * so a sign-in storm keeps at most one hash per core busy and the event loop keeps CPU for
 * session checks and refreshes (libuv's pool would otherwise run four hashes on two cores).
 */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

export function concurrencyLimit(limit: number): ConcurrencyLimit {
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
      if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      else active++;
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
  };
}

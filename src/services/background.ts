/**
 * Work a request starts and finishes after it has been answered — the lookup and mail behind
 * forgot-password, resend-verification and a pending sign-up, which must not show in the
 * response time. Tracked, so that `close()` lets it finish before the database closes and
 * `settled()` can wait for it; a failure is logged (never with an address or a secret), since
 * nobody is left to answer.
 */
import type { Logger } from '../core/logger.js';

export interface Background {
  /**
   * Starts `work` on the next turn of the event loop, without waiting for it: after the answer
   * has been written, since SQLite calls are synchronous and would otherwise run before it.
   */
  run(label: string, work: () => Promise<unknown>): void;
  /** Resolves once every started work — and any it started in turn — has finished. */
  idle(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(label, work) {
      const task = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => {
          logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            `${label} failed after the answer`,
          );
        })
        .finally(() => running.delete(task));
      running.add(task);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

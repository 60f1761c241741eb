/**
 * Says in the log why a request was answered 503 `UNAVAILABLE` because something below failed (the
 * database, Redis, the disk): the client sees only the code, and the operator needs the cause.
 * A busy hash queue's 503 has no cause and is not logged. Each kind of cause is logged at most
 * once per `intervalMs`, with how many were left out meanwhile, so an outage under load writes a
 * line every few seconds rather than one per request.
 */
import { isGatehouseError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export type UnavailableLog = (error: unknown, requestId: string) => void;

export function unavailableLog(logger: Logger, intervalMs = 10_000, now = () => Date.now()): UnavailableLog {
  const last = new Map<string, { at: number; skipped: number }>();
  return (error, requestId) => {
    if (!isGatehouseError(error) || error.code !== 'UNAVAILABLE' || error.cause === undefined) return;
    const cause = describeCause(rootCause(error));
    const key = `${error.message}\u0000${cause.code ?? cause.message}`;
    const seen = last.get(key);
    const at = now();
    if (seen && at - seen.at < intervalMs) {
      seen.skipped++;
      return;
    }
    // Bounded: the kinds of cause are few, but a message could carry a varying detail.
    if (last.size > 64) last.clear();
    last.set(key, { at, skipped: 0 });
    logger.warn(
      { requestId, cause, ...(seen?.skipped ? { alsoSince: seen.skipped } : {}) },
      `answered 503: ${error.message}`,
    );
  };
}

/** The first cause that is not itself a Gatehouse error (a start that failed wraps the driver's). */
function rootCause(error: Error): unknown {
  let cause: unknown = error.cause;
  while (isGatehouseError(cause) && cause.cause !== undefined) cause = cause.cause;
  return cause;
}

/** The cause's code and message; driver messages name hosts and files, never credentials. */
function describeCause(cause: unknown): { code?: string; message: string } {
  if (!(cause instanceof Error)) return { message: String(cause) };
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? { code, message: cause.message } : { message: cause.message };
}

/** The cut-offs housekeeping deletes before, derived from the settings. */
import type { ResolvedSettings } from '../../core/config.js';

const DAY_MS = 24 * 3_600_000;

/** Ended sessions, spent refresh tokens, finished outbox rows and dead links: `recordRetentionDays`. */
export function recordCutoff(settings: ResolvedSettings, now: number): number {
  return now - settings.recordRetentionDays * DAY_MS;
}

/** Audit events: `auditRetentionDays`, or null when unset (kept forever). */
export function auditCutoff(settings: ResolvedSettings, now: number): number | null {
  const days = settings.auditRetentionDays;
  return days === undefined ? null : now - days * DAY_MS;
}

/**
 * Rate-limit windows and lockout rows idle since before this go. A window's estimate also reads
 * the previous window, so a window row is kept two of the longest configured windows; and at
 * least a day, so a lock's back-off is remembered that long after it ran out.
 */
export function counterCutoff(settings: ResolvedSettings, now: number): number {
  const longestWindowMs = Math.max(...Object.values(settings.limits).map((l) => l.window * 1000));
  return now - Math.max(DAY_MS, 2 * longestWindowMs);
}

/**
 * Retired signing keys that can no longer verify any token (the longest lifetime a token has —
 * an impersonation session's single token may outlive an ordinary one — plus a minute of skew).
 */
export function signingKeyCutoff(settings: ResolvedSettings, now: number): number {
  const longest = Math.max(settings.accessTokenTtl, settings.admin.impersonationTtl);
  return now - longest * 1000 - 60_000;
}

/**
 * Housekeeping: deletes what no longer does anything — accounts past their restore window,
 * ended sessions, spent refresh tokens, finished outbox rows and dead links older than
 * `recordRetentionDays`, personal access tokens revoked or expired as long ago, spent or expired
 * second-factor challenges, audit events older than `auditRetentionDays` (when set), idle
 * rate-limit and lockout counters, and retired signing keys that verify nothing any more. The
 * instance runs it every hour; `gatehouse housekeeping` runs it now. Safe to run from several
 * processes at once: concurrent runs delete disjoint batches. Emits no per-row events (purged
 * accounts excepted, as before) and logs nothing.
 */

import { purgeDeletedUsers } from '../accounts/restore-user.js';
import type { ServiceContext } from '../context.js';
import { deleteInBatches } from './delete-in-batches.js';
import { auditCutoff, counterCutoff, recordCutoff, signingKeyCutoff } from './retention.js';

/** How many records each step removed. */
export interface HousekeepingReport {
  readonly purgedUsers: number;
  /** Ended sessions (their refresh tokens go with them, uncounted). */
  readonly sessions: number;
  /** Spent refresh tokens of sessions that were kept. */
  readonly refreshTokens: number;
  /** Sent or given-up outbox rows. */
  readonly outbox: number;
  /** Used, voided or expired mailed links. */
  readonly links: number;
  /**
   * Spent or expired challenges: pending sign-ins, SMS codes, passkey challenges, and magic links
   * and email codes, and expired provider sign-in flows.
   */
  readonly challenges: number;
  /** Always 0 while `auditRetentionDays` is unset. */
  readonly auditEvents: number;
  /** Personal access tokens revoked or expired more than `recordRetentionDays` ago. */
  readonly personalAccessTokens: number;
  /** Rate-limit windows and lockout rows (0 with Redis counters, whose keys expire by themselves). */
  readonly counters: number;
  readonly signingKeys: number;
}

/**
 * @example
 * const report = await gatehouse.housekeeping();
 * // { purgedUsers: 0, sessions: 12, refreshTokens: 340, outbox: 25, links: 8, auditEvents: 0, … }
 */
export async function runHousekeeping(ctx: ServiceContext): Promise<HousekeepingReport> {
  const { settings, store } = ctx;
  const now = ctx.clock.now();
  const records = recordCutoff(settings, now);
  const audit = auditCutoff(settings, now);
  const { housekeeping } = store;

  const purgedUsers = await purgeDeletedUsers(ctx);
  // Sessions before tokens: a deleted session takes all its tokens with it in one go.
  const sessions = await deleteInBatches((n) => housekeeping.deleteEndedSessions(records, n));
  const refreshTokens = await deleteInBatches((n) => housekeeping.deleteSpentRefreshTokens(records, n));
  const outbox = await deleteInBatches((n) => housekeeping.deleteFinishedOutbox(records, n));
  const links = await deleteInBatches((n) => housekeeping.deleteDeadLinks(records, n));
  // Challenges are worth nothing once spent or expired (the audit log keeps what happened).
  const challenges =
    (await deleteInBatches((n) => housekeeping.deleteDeadPendingSignIns(now, n))) +
    (await deleteInBatches((n) => housekeeping.deleteDeadSmsCodes(now, n))) +
    (await deleteInBatches((n) => housekeeping.deleteDeadWebauthnChallenges(now, n))) +
    (await deleteInBatches((n) => housekeeping.deleteDeadEmailSignIns(now, n))) +
    (await deleteInBatches((n) => housekeeping.deleteDeadOAuthFlows(now, n)));
  const personalAccessTokens = await deleteInBatches((n) =>
    housekeeping.deleteDeadPersonalAccessTokens(records, n),
  );
  const auditEvents =
    audit === null ? 0 : await deleteInBatches((n) => housekeeping.deleteAuditEvents(audit, n));
  const counters = await ctx.counters.prune(counterCutoff(settings, now));
  const signingKeys = await store.signingKeys.purgeRetired(signingKeyCutoff(settings, now));
  return {
    purgedUsers,
    sessions,
    refreshTokens,
    outbox,
    links,
    challenges,
    auditEvents,
    personalAccessTokens,
    counters,
    signingKeys,
  };
}

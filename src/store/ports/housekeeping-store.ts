/**
 * Port: deletes records that no longer do anything, a bounded batch at a time, for the hourly
 * housekeeping job. Every method deletes at most `limit` rows that ended before `before` (epoch
 * ms) and returns how many it deleted.
 *
 * Atomicity: each call is one statement. Concurrent calls — from several processes on one
 * PostgreSQL — take disjoint batches (rows a concurrent call has picked are skipped, not waited
 * for), so no row is deleted, or counted, twice; their counts sum to the rows that were due.
 * Nothing live is ever deleted: the predicates below only match rows that can no longer change.
 */

export interface HousekeepingStore {
  /**
   * Sessions revoked before `before`, or whose idle or absolute expiry passed before it. Their
   * refresh tokens go with them (cascade) and are not counted here.
   */
  deleteEndedSessions(before: number, limit: number): Promise<number>;

  /**
   * Refresh tokens spent before `before`, whatever their session's state: a live session keeps
   * its current (unspent) token. Trade-off: a spent token presented again after its row is gone
   * is unknown (401) instead of detected as reuse (which would end its session), so reuse
   * detection covers the retention period only.
   */
  deleteSpentRefreshTokens(before: number, limit: number): Promise<number>;

  /**
   * Outbox rows delivered (`sent`) before `before`, and rows given up (`dead`) whose last
   * attempt was due before it. Never a pending row, however old.
   */
  deleteFinishedOutbox(before: number, limit: number): Promise<number>;

  /** Mailed links (verification tokens) used or voided before `before`, or expired before it. */
  deleteDeadLinks(before: number, limit: number): Promise<number>;

  /** Audit events recorded before `before`. */
  /** Pending sign-ins (second factor awaited) that expired before `before`. */
  deleteDeadPendingSignIns(before: number, limit: number): Promise<number>;

  /** SMS codes that were used or expired before `before`. */
  deleteDeadSmsCodes(before: number, limit: number): Promise<number>;

  /** WebAuthn challenges that were used or expired before `before`. */
  deleteDeadWebauthnChallenges(before: number, limit: number): Promise<number>;

  /** Provider sign-in flows that expired before `before`, their exchange code (if any) too. */
  deleteDeadOAuthFlows(before: number, limit: number): Promise<number>;

  /** Magic links and email codes that were used, voided or expired before `before`. */
  deleteDeadEmailSignIns(before: number, limit: number): Promise<number>;

  deleteAuditEvents(before: number, limit: number): Promise<number>;

  /** Personal access tokens revoked or expired before `before` (they verify nothing any more). */
  deleteDeadPersonalAccessTokens(before: number, limit: number): Promise<number>;
}

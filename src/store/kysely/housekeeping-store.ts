/**
 * HousekeepingStore on Kysely. Each call is one `DELETE … WHERE key IN (SELECT key … LIMIT n)`.
 * On PostgreSQL the inner select locks its rows with `FOR UPDATE SKIP LOCKED`, so concurrent
 * runs in several processes take disjoint batches instead of deleting (and counting) one row
 * twice or waiting on each other; on SQLite the statement runs under the database write lock.
 * The matched rows can no longer change (revoked, expired, spent, sent, used), so the outer
 * delete needs no re-check. MySQL refuses LIMIT in an IN subquery and a subquery on the table
 * being deleted from: there a transaction locks the batch's keys (FOR UPDATE SKIP LOCKED, so
 * batches are disjoint the same way) and deletes by them (mysql-writes.ts).
 */
import type { Expression, ExpressionBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import type { HousekeepingStore } from '../ports/housekeeping-store.js';
import type { StoreContext } from './context.js';
import { deleteReturningKeys } from './mysql-writes.js';
import type { Database } from './schema.js';

/** Tables of one-time challenges: spent once used, dead once expired. */
type OneTimeTable = 'sms_codes' | 'webauthn_challenges' | 'email_sign_ins';

export function kyselyHousekeepingStore(ctx: StoreContext): HousekeepingStore {
  const { db, kind, transact } = ctx;

  // Lock-and-skip makes concurrent batches disjoint on PostgreSQL.
  const disjoint = <T extends keyof Database, O>(
    query: SelectQueryBuilder<Database, T, O>,
  ): SelectQueryBuilder<Database, T, O> => (kind === 'postgres' ? query.forUpdate().skipLocked() : query);

  /**
   * Deletes up to `limit` rows of `table` matching `where`, as one batch, by the single-column
   * `key`: one statement with a locked subquery, or on MySQL a transaction (see above).
   */
  async function deleteBatch<T extends keyof Database>(
    table: T,
    key: string & keyof Database[T],
    where: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>,
    limit: number,
  ): Promise<number> {
    if (kind === 'mysql') {
      const keys = await transact((trx) =>
        deleteReturningKeys(trx, table, { key, where, limit, skipLocked: true }),
      );
      return keys.length;
    }
    // Kysely cannot type a query over a table chosen by a type parameter; the callers are typed.
    const t = table as 'sessions';
    const k = key as 'id';
    const result = await db
      .deleteFrom(t)
      .where(
        k,
        'in',
        disjoint(
          db
            .selectFrom(t)
            .select(k)
            .where(where as never)
            .limit(limit),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes up to `limit` one-time challenges used or expired before `before`. */
  function deleteSpentOrExpired(table: OneTimeTable, before: number, limit: number): Promise<number> {
    // The one-time tables share `id`, `used_at` and `expires_at`; typed as one of them.
    const dead = (eb: ExpressionBuilder<Database, 'sms_codes'>) =>
      eb.or([eb('used_at', '<', before), eb('expires_at', '<', before)]);
    return deleteBatch(table as 'sms_codes', 'id', dead, limit);
  }

  return {
    deleteEndedSessions(before, limit) {
      const ended = (eb: ExpressionBuilder<Database, 'sessions'>) =>
        eb.or([
          eb('revoked_at', '<', before),
          eb('idle_expires_at', '<', before),
          eb('expires_at', '<', before),
        ]);
      return deleteBatch('sessions', 'id', ended, limit);
    },

    deleteSpentRefreshTokens(before, limit) {
      return deleteBatch('refresh_tokens', 'token_hash', (eb) => eb('spent_at', '<', before), limit);
    },

    deleteFinishedOutbox(before, limit) {
      const finished = (eb: ExpressionBuilder<Database, 'outbox'>) =>
        eb.or([
          eb.and([eb('state', '=', 'sent'), eb('sent_at', '<', before)]),
          // A dead row records no time of death; its last attempt was claimed once it was due.
          eb.and([eb('state', '=', 'dead'), eb('available_at', '<', before)]),
        ]);
      return deleteBatch('outbox', 'id', finished, limit);
    },

    deleteDeadLinks(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'verification_tokens'>) =>
        eb.or([eb('used_at', '<', before), eb('expires_at', '<', before)]);
      return deleteBatch('verification_tokens', 'token_hash', dead, limit);
    },

    deleteDeadPendingSignIns(before, limit) {
      return deleteBatch('pending_sign_ins', 'id', (eb) => eb('expires_at', '<', before), limit);
    },

    deleteDeadSmsCodes: (before, limit) => deleteSpentOrExpired('sms_codes', before, limit),

    deleteDeadWebauthnChallenges: (before, limit) =>
      deleteSpentOrExpired('webauthn_challenges', before, limit),

    deleteDeadOAuthFlows(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'oauth_flows'>) =>
        eb.and([
          eb('expires_at', '<', before),
          eb.or([eb('exchange_expires_at', 'is', null), eb('exchange_expires_at', '<', before)]),
        ]);
      return deleteBatch('oauth_flows', 'state_hash', dead, limit);
    },

    deleteDeadEmailSignIns: (before, limit) => deleteSpentOrExpired('email_sign_ins', before, limit),

    deleteDeadPersonalAccessTokens(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'personal_access_tokens'>) =>
        eb.or([eb('revoked_at', '<', before), eb('expires_at', '<', before)]);
      return deleteBatch('personal_access_tokens', 'id', dead, limit);
    },

    deleteAuditEvents(before, limit) {
      return deleteBatch('audit_events', 'id', (eb) => eb('at', '<', before), limit);
    },
  };
}

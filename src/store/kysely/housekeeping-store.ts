/**
 * HousekeepingStore on Kysely. Each call is one `DELETE … WHERE key IN (SELECT key … LIMIT n)`.
 * On PostgreSQL the inner select locks its rows with `FOR UPDATE SKIP LOCKED`, so concurrent
 * runs in several processes take disjoint batches instead of deleting (and counting) one row
 * twice or waiting on each other; on SQLite the statement runs under the database write lock.
 * The matched rows can no longer change (revoked, expired, spent, sent, used), so the outer
 * delete needs no re-check.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { HousekeepingStore } from '../ports/housekeeping-store.js';
import type { StoreContext } from './context.js';
import type { Database } from './schema.js';

/** Tables of one-time challenges: spent once used, dead once expired. */
type OneTimeTable = 'sms_codes' | 'webauthn_challenges' | 'email_sign_ins';

export function kyselyHousekeepingStore(ctx: StoreContext): HousekeepingStore {
  const { db, kind } = ctx;

  // Lock-and-skip makes concurrent batches disjoint on PostgreSQL.
  const disjoint = <T extends keyof Database, O>(
    query: SelectQueryBuilder<Database, T, O>,
  ): SelectQueryBuilder<Database, T, O> => (kind === 'postgres' ? query.forUpdate().skipLocked() : query);

  /** Deletes up to `limit` one-time challenges used or expired before `before`. */
  async function deleteSpentOrExpired(table: OneTimeTable, before: number, limit: number): Promise<number> {
    // The one-time tables share `id`, `used_at` and `expires_at`; typed as one of them.
    const t = table as 'sms_codes';
    const dead = (eb: ExpressionBuilder<Database, 'sms_codes'>) =>
      eb.or([eb('used_at', '<', before), eb('expires_at', '<', before)]);
    const result = await db
      .deleteFrom(t)
      .where('id', 'in', disjoint(db.selectFrom(t).select('id').where(dead).limit(limit)))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    async deleteEndedSessions(before, limit) {
      const ended = (eb: ExpressionBuilder<Database, 'sessions'>) =>
        eb.or([
          eb('revoked_at', '<', before),
          eb('idle_expires_at', '<', before),
          eb('expires_at', '<', before),
        ]);
      const result = await db
        .deleteFrom('sessions')
        .where('id', 'in', disjoint(db.selectFrom('sessions').select('id').where(ended).limit(limit)))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteSpentRefreshTokens(before, limit) {
      const result = await db
        .deleteFrom('refresh_tokens')
        .where(
          'token_hash',
          'in',
          disjoint(
            db.selectFrom('refresh_tokens').select('token_hash').where('spent_at', '<', before).limit(limit),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteFinishedOutbox(before, limit) {
      const finished = (eb: ExpressionBuilder<Database, 'outbox'>) =>
        eb.or([
          eb.and([eb('state', '=', 'sent'), eb('sent_at', '<', before)]),
          // A dead row records no time of death; its last attempt was claimed once it was due.
          eb.and([eb('state', '=', 'dead'), eb('available_at', '<', before)]),
        ]);
      const result = await db
        .deleteFrom('outbox')
        .where('id', 'in', disjoint(db.selectFrom('outbox').select('id').where(finished).limit(limit)))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteDeadLinks(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'verification_tokens'>) =>
        eb.or([eb('used_at', '<', before), eb('expires_at', '<', before)]);
      const result = await db
        .deleteFrom('verification_tokens')
        .where(
          'token_hash',
          'in',
          disjoint(db.selectFrom('verification_tokens').select('token_hash').where(dead).limit(limit)),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteDeadPendingSignIns(before, limit) {
      const result = await db
        .deleteFrom('pending_sign_ins')
        .where(
          'id',
          'in',
          disjoint(
            db.selectFrom('pending_sign_ins').select('id').where('expires_at', '<', before).limit(limit),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    deleteDeadSmsCodes: (before, limit) => deleteSpentOrExpired('sms_codes', before, limit),

    deleteDeadWebauthnChallenges: (before, limit) =>
      deleteSpentOrExpired('webauthn_challenges', before, limit),

    async deleteDeadOAuthFlows(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'oauth_flows'>) =>
        eb.and([
          eb('expires_at', '<', before),
          eb.or([eb('exchange_expires_at', 'is', null), eb('exchange_expires_at', '<', before)]),
        ]);
      const result = await db
        .deleteFrom('oauth_flows')
        .where(
          'state_hash',
          'in',
          disjoint(db.selectFrom('oauth_flows').select('state_hash').where(dead).limit(limit)),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    deleteDeadEmailSignIns: (before, limit) => deleteSpentOrExpired('email_sign_ins', before, limit),

    async deleteDeadPersonalAccessTokens(before, limit) {
      const dead = (eb: ExpressionBuilder<Database, 'personal_access_tokens'>) =>
        eb.or([eb('revoked_at', '<', before), eb('expires_at', '<', before)]);
      const result = await db
        .deleteFrom('personal_access_tokens')
        .where(
          'id',
          'in',
          disjoint(db.selectFrom('personal_access_tokens').select('id').where(dead).limit(limit)),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteAuditEvents(before, limit) {
      const result = await db
        .deleteFrom('audit_events')
        .where(
          'id',
          'in',
          disjoint(db.selectFrom('audit_events').select('id').where('at', '<', before).limit(limit)),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/**
 * Indexes for housekeeping's batched deletes, so each batch finds its rows without scanning
 * the table: spent refresh tokens, finished outbox rows (dead ones use the existing
 * `outbox_due` index on state and due time), used or expired links, old audit events and old
 * rate-limit windows. Sessions get indexes on `revoked_at` and `expires_at`, which are written
 * once, but deliberately none on `idle_expires_at`: the session check slides it up to once a
 * minute per session, and an index on it would cost every one of those updates an index write
 * (on PostgreSQL it would end heap-only updates) to save one table scan an hour.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { createIndex } from './dialect.js';

export function housekeepingIndexesMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  const i = names.index;
  const indexes: ReadonlyArray<readonly [name: string, table: string, columns: string[]]> = [
    [i.sessionsRevokedAt, t.sessions, ['revoked_at']],
    [i.sessionsExpiresAt, t.sessions, ['expires_at']],
    [i.refreshTokensSpentAt, t.refresh_tokens, ['spent_at']],
    [i.outboxFinished, t.outbox, ['state', 'sent_at']],
    [i.verificationTokensUsedAt, t.verification_tokens, ['used_at']],
    [i.verificationTokensExpiresAt, t.verification_tokens, ['expires_at']],
    [i.auditEventsAt, t.audit_events, ['at']],
    [i.rateLimitsWindowStart, t.rate_limits, ['window_start']],
  ];
  return {
    async up(db: Kysely<unknown>) {
      for (const [name, table, columns] of indexes) {
        await createIndex(db, kind, db.schema.createIndex(name).on(table).columns(columns));
      }
    },
    async down(db: Kysely<unknown>) {
      for (const [name] of indexes) await db.schema.dropIndex(name).execute();
    },
  };
}

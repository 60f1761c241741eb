/** The audit log: one row per event, no foreign keys (records outlive the users they mention). */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function auditEventsMigration(names: TableNames): Migration {
  const table = names.table.audit_events;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // A user's history, newest first: the id is time-ordered.
      await db.schema
        .createIndex(names.index.auditEventsUserId)
        .on(table)
        .columns(['user_id', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

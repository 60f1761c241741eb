/** The audit log: one row per event, no foreign keys (records outlive the users they mention). */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function auditEventsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const table = names.table.audit_events;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('type', key(KEY_LENGTH.name), (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('outcome', text, (c) => c.notNull())
        .addColumn('user_id', key(KEY_LENGTH.id))
        .addColumn('session_id', key(KEY_LENGTH.id))
        .addColumn('ip', text)
        .addColumn('user_agent', text)
        .addColumn('data', text, (c) => c.notNull())
        .execute();
      // A user's history, newest first: the id is time-ordered.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.auditEventsUserId).on(table).columns(['user_id', 'id']),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

/** The outbox: messages waiting to leave the process, with their retry state. */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function outboxMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const table = names.table.outbox;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('kind', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('payload', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('available_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('leased_until', 'bigint')
        .addColumn('state', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', text)
        .execute();
      // What the sender asks for, again and again: pending work that is due.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.outboxDue).on(table).columns(['state', 'available_at']),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

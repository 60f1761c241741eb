/** The outbox: messages waiting to leave the process, with their retry state. */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function outboxMigration(names: TableNames): Migration {
  const table = names.table.outbox;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('available_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('leased_until', 'bigint')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', 'text')
        .execute();
      // What the sender asks for, again and again: pending work that is due.
      await db.schema
        .createIndex(names.index.outboxDue)
        .on(table)
        .columns(['state', 'available_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

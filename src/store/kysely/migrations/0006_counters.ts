/** Rate-limit windows and account-lockout counters. */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function countersMigration(names: TableNames): Migration {
  const { rate_limits: limits, lockouts } = names.table;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(limits)
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${limits}_pkey`, ['key', 'window_start'])
        .execute();
      await db.schema
        .createTable(lockouts)
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('lock_count', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(lockouts).execute();
      await db.schema.dropTable(limits).execute();
    },
  };
}

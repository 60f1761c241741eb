/** Rate-limit windows and account-lockout counters. */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, KEY_LENGTH, tableOptions } from './dialect.js';

export function countersMigration(names: TableNames, kind: StoreKind): Migration {
  const { key } = columnTypes(kind);
  const { rate_limits: limits, lockouts } = names.table;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(limits)
        .$call(tableOptions(kind))
        .addColumn('key', key(KEY_LENGTH.name), (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${limits}_pkey`, ['key', 'window_start'])
        .execute();
      await db.schema
        .createTable(lockouts)
        .$call(tableOptions(kind))
        .addColumn('key', key(KEY_LENGTH.name), (c) => c.primaryKey())
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

/** One-time mailed tokens, by hash, bound to user, address and purpose. */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function verificationTokensMigration(names: TableNames, kind: StoreKind): Migration {
  const { key } = columnTypes(kind);
  const table = names.table.verification_tokens;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .$call(tableOptions(kind))
        .addColumn('token_hash', key(KEY_LENGTH.hash), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${names.table.users}.id`).onDelete('cascade'),
        )
        .addColumn('purpose', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('email', key(KEY_LENGTH.email), (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.verificationTokensUser).on(table).columns(['user_id', 'purpose']),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

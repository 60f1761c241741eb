/** One-time mailed tokens, by hash, bound to user, address and purpose. */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function verificationTokensMigration(names: TableNames): Migration {
  const table = names.table.verification_tokens;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references(`${names.table.users}.id`).onDelete('cascade'),
        )
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(names.index.verificationTokensUser)
        .on(table)
        .columns(['user_id', 'purpose'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(table).execute();
    },
  };
}

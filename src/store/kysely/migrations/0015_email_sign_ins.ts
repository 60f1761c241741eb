/**
 * Passwordless sign-in by mail: magic links and one-time codes waiting to be used, one row each,
 * stored as digests only and bound to the canonical address they went to. The account is
 * optional: an address without one may get a link or code when sign-up is open, and the account
 * is made when it is used. At most one live code per address, enforced by a partial unique
 * index, so a code weighed against a guess is always the newest one.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { TableNames } from '../tables.js';

export function emailSignInsMigration(names: TableNames): Migration {
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.email_sign_ins)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      // Links are found by their token's digest; not unique, since codes share the column.
      await db.schema.createIndex(i.emailSignInsSecret).on(t.email_sign_ins).column('secret_hash').execute();
      await db.schema
        .createIndex(i.emailSignInsEmail)
        .on(t.email_sign_ins)
        .columns(['email', 'kind', 'created_at'])
        .execute();
      await db.schema
        .createIndex(i.emailSignInsLiveCode)
        .on(t.email_sign_ins)
        .column('email')
        .unique()
        .where(sql.ref('kind'), '=', 'code')
        .where(sql.ref('used_at'), 'is', null)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.email_sign_ins).execute();
    },
  };
}

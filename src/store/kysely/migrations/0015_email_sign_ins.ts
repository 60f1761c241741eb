/**
 * Passwordless sign-in by mail: magic links and one-time codes waiting to be used, one row each,
 * stored as digests only and bound to the canonical address they went to. The account is
 * optional: an address without one may get a link or code when sign-up is open, and the account
 * is made when it is used. At most one live code per address, enforced by a partial unique
 * index, so a code weighed against a guess is always the newest one. MySQL has no partial
 * indexes: there the unique index is on a generated column holding the address of a live code
 * and NULL otherwise (NULLs repeat in a unique index), under the same index name.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

/** MySQL only: the generated column the live-code index is on. */
export const LIVE_CODE_COLUMN = 'live_code_email';

export function emailSignInsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      const create = db.schema
        .createTable(t.email_sign_ins)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('email', key(KEY_LENGTH.email), (c) => c.notNull())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('kind', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('secret_hash', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint');
      await (kind === 'mysql'
        ? create.addColumn(LIVE_CODE_COLUMN, key(KEY_LENGTH.email), (c) =>
            c.generatedAlwaysAs(sql`case when kind = 'code' and used_at is null then email end`).stored(),
          )
        : create
      ).execute();
      // Links are found by their token's digest; not unique, since codes share the column.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.emailSignInsSecret).on(t.email_sign_ins).column('secret_hash'),
      );
      await createIndex(
        db,
        kind,
        db.schema
          .createIndex(i.emailSignInsEmail)
          .on(t.email_sign_ins)
          .columns(['email', 'kind', 'created_at']),
      );
      if (kind === 'mysql') {
        await createIndex(
          db,
          kind,
          db.schema
            .createIndex(i.emailSignInsLiveCode)
            .on(t.email_sign_ins)
            .column(LIVE_CODE_COLUMN)
            .unique(),
        );
        return;
      }
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

/**
 * At most one live password per user, enforced by the database: a partial unique index, so that
 * of two concurrent "add a first password" calls exactly one succeeds. Rotation revokes the old
 * credential before inserting the new one, in one transaction, so it never trips the index.
 *
 * MySQL has no partial indexes: there the same rule is a unique index on a generated column that
 * holds the user id for a live password and NULL otherwise (NULLs repeat in a unique index). The
 * index keeps its name, so the store recognises its violation the same way on every database.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, hasColumn, KEY_LENGTH } from './dialect.js';

/** MySQL only: the generated column the one-password index is on. */
export const LIVE_PASSWORD_COLUMN = 'live_password_of';

export function onePasswordMigration(names: TableNames, kind: StoreKind): Migration {
  const index = names.index.credentialsOnePassword;
  const credentials = names.table.credentials;
  return {
    async up(db: Kysely<unknown>) {
      if (kind === 'mysql') {
        if (!(await hasColumn(db, kind, credentials, LIVE_PASSWORD_COLUMN))) {
          const type = columnTypes(kind).key(KEY_LENGTH.id);
          await sql`alter table ${sql.table(credentials)} add column ${sql.id(LIVE_PASSWORD_COLUMN)} ${type}
            generated always as (case when kind = 'password' and revoked_at is null then user_id end) stored`.execute(
            db,
          );
        }
        await createIndex(
          db,
          kind,
          db.schema.createIndex(index).on(credentials).column(LIVE_PASSWORD_COLUMN).unique(),
        );
        return;
      }
      await db.schema
        .createIndex(index)
        .on(credentials)
        .column('user_id')
        .unique()
        .where(sql.ref('kind'), '=', 'password')
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      if (kind === 'mysql') {
        await db.schema.dropIndex(index).on(credentials).execute();
        await db.schema.alterTable(credentials).dropColumn(LIVE_PASSWORD_COLUMN).execute();
        return;
      }
      await db.schema.dropIndex(index).execute();
    },
  };
}

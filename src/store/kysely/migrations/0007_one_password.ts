/**
 * At most one live password per user, enforced by the database: a partial unique index, so that
 * of two concurrent "add a first password" calls exactly one succeeds. Rotation revokes the old
 * credential before inserting the new one, in one transaction, so it never trips the index.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { TableNames } from '../tables.js';

export function onePasswordMigration(names: TableNames): Migration {
  const index = names.index.credentialsOnePassword;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex(index)
        .on(names.table.credentials)
        .column('user_id')
        .unique()
        .where(sql.ref('kind'), '=', 'password')
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex(index).execute();
    },
  };
}

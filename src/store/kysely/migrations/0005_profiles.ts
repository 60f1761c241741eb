/** Profile fields on users, and the time a user deleted their account (soft deletion). */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

const PROFILE_COLUMNS = [
  'display_name',
  'image_url',
  'phone',
  'date_of_birth',
  /** JSON object text. */
  'address',
  'locale',
  /** JSON object text. */
  'metadata',
] as const;

export function profilesMigration(names: TableNames): Migration {
  const users = names.table.users;
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of PROFILE_COLUMNS) {
        await db.schema.alterTable(users).addColumn(column, 'text').execute();
      }
      await db.schema.alterTable(users).addColumn('deleted_at', 'bigint').execute();
      await db.schema.createIndex(names.index.usersDeletedAt).on(users).column('deleted_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex(names.index.usersDeletedAt).execute();
      for (const column of [...PROFILE_COLUMNS, 'deleted_at']) {
        await db.schema.alterTable(users).dropColumn(column).execute();
      }
    },
  };
}

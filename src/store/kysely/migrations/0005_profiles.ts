/** Profile fields on users, and the time a user deleted their account (soft deletion). */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes, createIndex } from './dialect.js';

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

export function profilesMigration(names: TableNames, kind: StoreKind): Migration {
  const users = names.table.users;
  const { text } = columnTypes(kind);
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of PROFILE_COLUMNS) {
        await addColumn(db, kind, db.schema.alterTable(users).addColumn(column, text));
      }
      await addColumn(db, kind, db.schema.alterTable(users).addColumn('deleted_at', 'bigint'));
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.usersDeletedAt).on(users).column('deleted_at'),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex(names.index.usersDeletedAt).execute();
      for (const column of [...PROFILE_COLUMNS, 'deleted_at']) {
        await db.schema.alterTable(users).dropColumn(column).execute();
      }
    },
  };
}

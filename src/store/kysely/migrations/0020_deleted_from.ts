/**
 * The status a user had when deleted (`active`, `suspended` or `revoked`), so a restore gives
 * back exactly that: an operator may delete a revoked user on the way to purging it, and
 * deleting then restoring must never be a way around revocation (or suspension). Null for a user
 * deleted before this column existed — they could only have been active.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes } from './dialect.js';

export function deletedFromMigration(names: TableNames, kind: StoreKind): Migration {
  const { text } = columnTypes(kind);
  return {
    async up(db: Kysely<unknown>) {
      await addColumn(db, kind, db.schema.alterTable(names.table.users).addColumn('deleted_from', text));
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable(names.table.users).dropColumn('deleted_from').execute();
    },
  };
}

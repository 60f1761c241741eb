/**
 * Usernames, and accounts without an email address: `users.email` becomes optional (a
 * username-only account adds one later) and `users.username` holds the canonical username,
 * unique. Both unique indexes ignore NULLs on both databases, so any number of accounts may lack
 * either.
 *
 * SQLite cannot drop a NOT NULL constraint in place, so there the table is rebuilt the way its
 * documentation prescribes (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes"): foreign keys off, copy into a table made from the stored definition minus the
 * constraint, drop, rename, recreate the indexes, check the keys, foreign keys back on. With
 * foreign keys on, dropping `users` would cascade into every table that references it, so the
 * migration refuses to go on unless they are really off.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes, createIndex, KEY_LENGTH } from './dialect.js';

export function usernamesMigration(names: TableNames, kind: StoreKind): Migration {
  const { key } = columnTypes(kind);
  const users = names.table.users;
  return {
    async up(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        await sql`ALTER TABLE ${sql.table(users)} ALTER COLUMN email DROP NOT NULL`.execute(db);
      } else if (kind === 'mysql') {
        // MODIFY restates the whole column; running it twice is harmless.
        await sql`ALTER TABLE ${sql.table(users)} MODIFY email ${key(KEY_LENGTH.email)} NULL`.execute(db);
      } else {
        await rebuildWithOptionalEmail(db, users);
      }
      await addColumn(db, kind, db.schema.alterTable(users).addColumn('username', key(KEY_LENGTH.word)));
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.usersUsername).on(users).column('username').unique(),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex(names.index.usersUsername).execute();
      await db.schema.alterTable(users).dropColumn('username').execute();
    },
  };
}

async function rebuildWithOptionalEmail(db: Kysely<unknown>, users: string): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    const off = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    if (off.rows[0]?.foreign_keys !== 0) {
      throw new Error('cannot rebuild the users table: foreign keys could not be switched off');
    }
    const stored = await sql<{ type: string; sql: string | null }>`
      SELECT type, sql FROM sqlite_schema WHERE tbl_name = ${users} AND type IN ('table', 'index')
    `.execute(db);
    const table = stored.rows.find((r) => r.type === 'table')?.sql;
    if (!table) throw new Error(`no table ${users}`);
    const optional = table.replace(/("email"\s+text)\s+not null/i, '$1');
    if (optional === table) throw new Error(`${users}.email is not declared "text not null"`);
    const rebuilt = `${users}__rebuild`;
    const create = optional.replace(/^create table\s+("?)[A-Za-z0-9_]+\1/i, `create table "${rebuilt}"`);
    const indexes = stored.rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.sql!);
    await db.transaction().execute(async (trx) => {
      await sql.raw(create).execute(trx);
      await sql`INSERT INTO ${sql.table(rebuilt)} SELECT * FROM ${sql.table(users)}`.execute(trx);
      await sql`DROP TABLE ${sql.table(users)}`.execute(trx);
      await sql`ALTER TABLE ${sql.table(rebuilt)} RENAME TO ${sql.table(users)}`.execute(trx);
      for (const index of indexes) await sql.raw(index).execute(trx);
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('foreign keys broken by the users rebuild');
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

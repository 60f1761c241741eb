/**
 * Indexes for the operator's user list (`listUsers`): users by status in id order, so a status
 * filter reads only the users it lists; and, on PostgreSQL, a pg_trgm GIN index on the searchable
 * text, so a substring search does not read every user.
 *
 * pg_trgm is a trusted extension since PostgreSQL 13 (a role with CREATE on the database may
 * create it). Where it cannot be created — not installed, or no right to — the migration goes on
 * without the trigram index, silently, and a search reads every user: on 100,000 users, a search
 * that matched few took about 120–170 ms without the index and about 2 ms with it (2-core
 * machine, `bench/user-search.ts`). Creating the extension later and the index by hand (as below)
 * brings it back. Searches shorter than 3 characters cannot use the index either way.
 *
 * SQLite gets no search index: an FTS5 trigram table answered rare searches in 0.1 ms but
 * common ones in 12–38 ms (every match's row looked up, then sorted by id), and it would be
 * keyed by the implicit rowid of `users`, which SQLite documents VACUUM may renumber (and which
 * a rebuild of the table, as 0012 does, renumbers with its triggers gone) — a copy that drifts
 * answers wrongly without a sound. A search there reads every user: about 40 ms of CPU per
 * 100,000, during which the process does nothing else (SQLite calls are synchronous).
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { createIndex } from './dialect.js';

/**
 * The searchable text of a user row: the four columns joined by a newline. The store's search
 * repeats it exactly (`user-directory.ts` imports it), or PostgreSQL cannot use the index.
 */
export const SEARCH_TEXT_SQL =
  "(coalesce(email, '') || E'\\n' || coalesce(username, '') || E'\\n' || coalesce(name, '') || E'\\n' || coalesce(display_name, ''))";

export function userSearchMigration(names: TableNames, kind: StoreKind): Migration {
  const users = names.table.users;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await createIndex(db, kind, db.schema.createIndex(i.usersStatus).on(users).columns(['status', 'id']));
      if (kind !== 'postgres') return;
      const schema = await trigramSchema(db);
      if (schema === null) return;
      await sql`create index ${sql.id(i.usersSearch)} on ${sql.table(users)} using gin (${sql.raw(SEARCH_TEXT_SQL)} ${sql.id(schema)}.gin_trgm_ops)`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      // The extension may serve others in the database: it stays.
      if (kind === 'postgres') await db.schema.dropIndex(i.usersSearch).ifExists().execute();
      await db.schema.dropIndex(i.usersStatus).execute();
    },
  };
}

/**
 * The schema pg_trgm lives in, creating the extension when it is not there yet; null when it
 * cannot be had. The attempt runs under a savepoint: a failed statement would otherwise abort the
 * transaction the whole migration runs in. A concurrent migration creating it at the same moment
 * makes this attempt fail, and the lookup after it finds the other's.
 */
async function trigramSchema(db: Kysely<unknown>): Promise<string | null> {
  await sql`savepoint gatehouse_pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint gatehouse_pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint gatehouse_pg_trgm`.execute(db);
    await sql`release savepoint gatehouse_pg_trgm`.execute(db);
  }
  const found = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'
  `.execute(db);
  return found.rows[0]?.schema ?? null;
}

/**
 * Writes that MySQL/MariaDB spell differently. First, stand-ins for PostgreSQL's `UPDATE … RETURNING` and `DELETE … RETURNING`, which
 * neither has (MariaDB ≥ 10.5 has `DELETE … RETURNING`, MySQL none). Inside the caller's
 * transaction the matching rows are first locked with `SELECT … FOR UPDATE` — a locking read waits
 * for a concurrent writer of the row and then evaluates the conditions on the committed row, as
 * PostgreSQL's conditional UPDATE does — then changed by key, then read back. So "exactly once"
 * holds the same way: of racing callers, the first locks the row and the rest, once it commits,
 * find the condition false and lock nothing.
 */
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, UpdateObject } from 'kysely';
import { isUniqueViolation } from './errors.js';
import type { Database } from './schema.js';

type Where<T extends keyof Database> = (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
type Set<T extends keyof Database> =
  | UpdateObject<Database, T>
  | ((eb: ExpressionBuilder<Database, T>) => UpdateObject<Database, T>);

/** The options of a locked change: which rows, how many at most, in what order. */
interface Matching<T extends keyof Database> {
  /** The single-column key the rows are changed and read back by. */
  readonly key: string & keyof Database[T];
  readonly where: Where<T>;
  readonly limit?: number;
  readonly orderBy?: string & keyof Database[T];
  /** Skip rows another transaction holds (disjoint batches), instead of waiting for them. */
  readonly skipLocked?: boolean;
}

/** The keys of the rows `match` selects, locked for this transaction. */
async function lockKeys<T extends keyof Database>(trx: Kysely<Database>, table: T, match: Matching<T>) {
  // Kysely cannot type a query over a table chosen by a type parameter; the callers are typed.
  let query = trx
    .selectFrom(table as 'users')
    .select(match.key as 'id')
    .where(match.where as unknown as Where<'users'>);
  if (match.orderBy !== undefined) query = query.orderBy(match.orderBy as 'id');
  if (match.limit !== undefined) query = query.limit(match.limit);
  query = match.skipLocked ? query.forUpdate().skipLocked() : query.forUpdate();
  const rows = (await query.execute()) as unknown as Record<string, string>[];
  return rows.map((row) => row[match.key] as string);
}

/**
 * `UPDATE table SET set WHERE where RETURNING *` for MySQL, in the caller's transaction `trx`.
 * The rows come back in key order.
 */
export async function updateReturning<T extends keyof Database>(
  trx: Kysely<Database>,
  table: T,
  match: Matching<T>,
  set: Set<T>,
): Promise<Selectable<Database[T]>[]> {
  const keys = await lockKeys(trx, table, match);
  if (keys.length === 0) return [];
  await trx
    .updateTable(table as 'users')
    .set(set as UpdateObject<Database, 'users'>)
    .where(match.key as 'id', 'in', keys)
    .execute();
  const rows = await trx
    .selectFrom(table as 'users')
    .selectAll()
    .where(match.key as 'id', 'in', keys)
    .orderBy(match.key as 'id')
    .execute();
  return rows as unknown as Selectable<Database[T]>[];
}

/** `DELETE FROM table WHERE where [LIMIT n] RETURNING key` for MySQL, in the caller's transaction. */
export async function deleteReturningKeys<T extends keyof Database>(
  trx: Kysely<Database>,
  table: T,
  match: Matching<T>,
): Promise<string[]> {
  const keys = await lockKeys(trx, table, match);
  // One key per statement: a DELETE … WHERE key IN (…) may be planned as a scan, and a DELETE
  // (unlike an UPDATE) waits for every row it scans that another transaction holds — the very
  // rows SKIP LOCKED passed over. A lookup by primary key touches its own row only.
  for (const key of keys) {
    await trx
      .deleteFrom(table as 'users')
      .where(match.key as 'id', '=', key)
      .execute();
  }
  return keys;
}

/**
 * `INSERT … ON CONFLICT DO NOTHING` for MySQL, telling whether it inserted: runs `insert` and
 * answers false when the unique index `key` refused it. Not `INSERT IGNORE`, which also turns
 * truncation and other errors into warnings; not `ON DUPLICATE KEY UPDATE`, whose affected-rows
 * count cannot tell a no-op from an insert with mysql2's FOUND_ROWS flag on. A refused insert
 * rolls back only its own statement, so a caller's transaction goes on. `key.index` is `PRIMARY`
 * for a primary key.
 */
export async function insertUnlessDuplicate(
  insert: () => Promise<unknown>,
  key: { index: string; table: string; column: string },
): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isUniqueViolation(error, key)) return false;
    throw error;
  }
}

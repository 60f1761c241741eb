/** What every store of one instance shares: the database handle, its dialect, names and transactions. */
import { type Kysely, sql } from 'kysely';
import { isDeadlock } from './errors.js';
import type { Database } from './schema.js';
import type { TableNames } from './tables.js';

export type StoreKind = 'sqlite' | 'postgres' | 'mysql';

/** Runs `work` in one transaction: commits when it resolves, rolls back when it throws. */
export type Transact = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/**
 * Runs one compiled read on a separate connection that sees only committed data (SQLite files in
 * WAL mode), skipping the single write connection's queue. Returns undefined when unavailable.
 */
export type CommittedRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

export interface StoreContext {
  readonly db: Kysely<Database>;
  /** Present for SQLite files: a faster path for the hottest read. */
  readonly committedRead?: CommittedRead;
  readonly kind: StoreKind;
  readonly names: TableNames;
  readonly transact: Transact;
}

/** How many times a MySQL/MariaDB transaction runs at most when InnoDB keeps picking it as a deadlock victim. */
export const DEADLOCK_ATTEMPTS = 3;

export function transactor(db: Kysely<Database>, kind: StoreKind): Transact {
  if (kind === 'postgres') return (work) => db.transaction().execute(work);
  if (kind === 'mysql') {
    // InnoDB resolves a deadlock by rolling back one whole transaction (ER_LOCK_DEADLOCK), even
    // between concurrent inserts on one unique key that PostgreSQL would simply queue. The victim
    // left no trace, so running it again is what PostgreSQL's outcome would have been. Every body
    // passed here only touches the database (no mail, no clock-dependent side effects), so a rerun
    // is safe; a `Rollback` or any other error is not retried.
    return async (work) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(work);
        } catch (error) {
          if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
        }
      }
    };
  }
  // SQLite: take the write lock up front (BEGIN IMMEDIATE). A deferred transaction that reads and
  // then writes fails with SQLITE_BUSY without waiting when another process wrote in between.
  // Kysely holds its single connection for the whole callback, so calls in this process queue.
  return (work) =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {
          // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error matters.
        });
        throw error;
      }
    });
}

/** Thrown inside a transaction to roll it back and still hand `value` to the caller. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Like `transact`, but a thrown `Rollback` resolves to its value after rolling back. */
export async function transactOrRollback<T>(
  transact: Transact,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await transact(work);
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
}

/** How a boolean column is written: PostgreSQL `boolean`, SQLite and MySQL (`tinyint(1)`) 0/1. */
export function booleanValue(kind: StoreKind, value: boolean): boolean | number {
  if (kind === 'postgres') return value;
  return value ? 1 : 0;
}

/**
 * The MySQL / MariaDB store (`gatehouse-auth/mysql`): the alternative to PostgreSQL for
 * production and for more than one server process, on MariaDB 10.6+ or MySQL 8.0+.
 */
import { CompiledQuery, Kysely, MysqlDialect, type MysqlPool, type MysqlPoolConnection } from 'kysely';
import mysql from 'mysql2';
import { GatehouseError } from '../core/errors.js';
import { createKyselyStore } from './kysely/create-store.js';
import type { Database } from './kysely/schema.js';
import type { Store } from './ports/store.js';

export interface MysqlStoreOptions {
  /** A `mysql://user:password@host:port/database` URL (`mariadb://` is accepted too). */
  readonly connectionString: string;
  /** Prepended to every table and index name. Default `gh_`. */
  readonly tablePrefix?: string;
  /** Pool size. Default 10. */
  readonly maxConnections?: number;
}

/** How long a call waits for a connection (a new one, or a free one from a busy pool). */
const CONNECTION_TIMEOUT_MS = 10_000;

// Run on every new pooled connection, before its first use. Each setting makes MySQL/MariaDB
// behave the way the store's SQL was written for (and tested against on PostgreSQL):
// - READ COMMITTED, PostgreSQL's default: InnoDB's default REPEATABLE READ gives a transaction a
//   snapshot taken at its first read and takes gap locks; the store's read-then-write transactions
//   rely on every statement seeing what was committed before it (and on SELECT … FOR UPDATE
//   then seeing the row it locked), and gap locks would make concurrent inserts deadlock more.
// - Strict mode: an over-long or malformed value is an error, never silently truncated
//   (ER_DATA_TOO_LONG becomes VALIDATION_ERROR; a truncated token hash would be a silent bug).
// - UTC: times are epoch milliseconds in BIGINT columns, but any server-side time function
//   must not depend on the server's zone.
// (`SET SESSION TRANSACTION …` is the one spelling both accept: the variable is `tx_isolation` on
// MariaDB 10.x and `transaction_isolation` on MySQL 8.)
const SESSION_SETUP = [
  'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
  "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'",
];

/** The database named in the URL; the store refuses a URL without one rather than failing at the first query. */
function databaseOf(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Never echo the URL: it may carry a password.
    throw new GatehouseError('VALIDATION_ERROR', 'The MySQL URL is not a valid URL');
  }
  const database = decodeURIComponent(url.pathname.slice(1));
  if (database === '' || database.includes('/')) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      'A MySQL URL must name a database, e.g. mysql://gatehouse@db.internal/gatehouse',
    );
  }
  return database;
}

/**
 * mysql2's pool waits for a free connection without any bound; this one gives up after
 * `timeoutMs` like node-postgres's `connectionTimeoutMillis`, so a saturated or unreachable
 * database fails a call with UNAVAILABLE instead of hanging it.
 */
function boundedPool(pool: mysql.Pool, timeoutMs: number): MysqlPool {
  return {
    getConnection(callback) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        const error = Object.assign(new Error('Timed out waiting for a database connection'), {
          code: 'POOL_ACQUIRE_TIMEOUT',
        });
        callback(error, undefined as unknown as MysqlPoolConnection);
      }, timeoutMs);
      pool.getConnection((error, connection) => {
        if (settled) {
          // The caller has gone; hand the late connection straight back.
          connection?.release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        callback(error, connection as unknown as MysqlPoolConnection);
      });
    },
    end: (callback) => pool.end(callback),
  };
}

/**
 * The Kysely instance `mysqlStore` runs on: a bounded mysql2 pool whose every connection gets the
 * session settings above. Exported for the store's own tests (they check those settings on real
 * pooled connections); applications use `mysqlStore`.
 *
 * @internal
 */
export function mysqlKysely(
  options: Pick<MysqlStoreOptions, 'connectionString' | 'maxConnections'>,
  { connectionTimeoutMs = CONNECTION_TIMEOUT_MS } = {},
): Kysely<Database> {
  databaseOf(options.connectionString);
  // Idle connections stay open (mysql2 closes idle ones only above `maxIdle`, which defaults to the
  // limit); one the server or a proxy closed is dropped by the pool, and the next call opens another.
  const pool = mysql.createPool({
    uri: options.connectionString,
    connectionLimit: options.maxConnections ?? 10,
    connectTimeout: connectionTimeoutMs,
    // Binary comparison for literals too (ids and token hashes are case-sensitive), 4-byte UTF-8.
    charset: 'UTF8MB4_BIN',
    // BIGINT (epoch ms, counts) as a number, like the PostgreSQL store; a value past 2^53 comes back
    // as a string rather than silently rounded. DECIMAL (e.g. SUM) stays a string, like PostgreSQL's numeric.
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  return new Kysely<Database>({
    dialect: new MysqlDialect({
      pool: boundedPool(pool, connectionTimeoutMs),
      async onCreateConnection(connection) {
        for (const statement of SESSION_SETUP) await connection.executeQuery(CompiledQuery.raw(statement));
      },
    }),
  });
}

/**
 * A store on a MySQL or MariaDB database, through a connection pool. Call `migrate()` before use.
 * The tables are created `utf8mb4_bin` whatever the database's default collation says.
 *
 * @example
 * import { mysqlStore } from 'gatehouse-auth/mysql';
 *
 * const store = mysqlStore({ connectionString: process.env.GATEHOUSE_DATABASE_URL! });
 * await store.migrate();
 */
export function mysqlStore(options: MysqlStoreOptions): Store {
  return createKyselyStore({ db: mysqlKysely(options), kind: 'mysql', tablePrefix: options.tablePrefix });
}

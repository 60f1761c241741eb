/** The PostgreSQL store (`gatehouse-auth/postgres`): for production and for more than one server process. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createKyselyStore } from './kysely/create-store.js';
import type { Database } from './kysely/schema.js';
import type { Store } from './ports/store.js';

export interface PostgresStoreOptions {
  /** A `postgres://user:password@host:port/database` URL. */
  readonly connectionString: string;
  /** Prepended to every table and index name. Default `gh_`. */
  readonly tablePrefix?: string;
  /** Pool size. Default 10. */
  readonly maxConnections?: number;
}

const INT8_OID = 20;

// Times are epoch milliseconds in int8 columns; node-postgres returns int8 as a string by default.
// Set per pool, never through the global `pg.types`, so two stores in one process share nothing.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A store on a PostgreSQL database, through a connection pool. Call `migrate()` before use.
 *
 * @example
 * import { postgresStore } from 'gatehouse-auth/postgres';
 *
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL! });
 * await store.migrate();
 */
export function postgresStore(options: PostgresStoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Without a bound, a call to an unreachable (blackholed) server would wait forever.
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client whose server went away emits here; without a listener that crashes the
  // process. The pool drops the client, and the next call fails with UNAVAILABLE instead.
  pool.on('error', () => {});
  // The pool's listener is taken off a client while it is checked out; a connection dropped then
  // (an immediate shutdown, between two statements or mid-query) would emit 'error' with nobody
  // listening and kill the process. Its queries fail on their own, and the pool discards it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return createKyselyStore({ db, kind: 'postgres', tablePrefix: options.tablePrefix });
}

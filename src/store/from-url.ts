/** Opens a store from a database URL (`sqlite:…`, `postgres://…`, `mysql://…`), loading only that driver. */
import { GatehouseError } from '../core/errors.js';
import type { Store } from './ports/store.js';

export interface StoreFromUrlOptions {
  /** Prepended to every table and index name. Default `gh_`. */
  readonly tablePrefix?: string;
  /** Most connections a PostgreSQL or MySQL store holds open (ignored for SQLite). Default 10. */
  readonly poolSize?: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]{0,20}):/i;

/**
 * @example
 * const store = await storeFromUrl('sqlite:./gatehouse.db');
 * const prod = await storeFromUrl('postgres://gatehouse@db.internal/gatehouse');
 * const maria = await storeFromUrl('mariadb://gatehouse@db.internal/gatehouse');
 */
export async function storeFromUrl(url: string, options: StoreFromUrlOptions = {}): Promise<Store> {
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    // `sqlite:///abs.db` and `sqlite://./rel.db` are common spellings of `sqlite:/abs.db`, `sqlite:./rel.db`.
    const rest = url.slice('sqlite:'.length);
    const filename = rest.startsWith('//') ? rest.slice(2) : rest;
    if (filename === '') {
      throw new GatehouseError('VALIDATION_ERROR', 'A sqlite: URL needs a path, e.g. sqlite:./gatehouse.db');
    }
    const { sqliteStore } = await import('./sqlite.js');
    return sqliteStore({ filename, tablePrefix: options.tablePrefix });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { postgresStore } = await import('./postgres.js');
    return postgresStore({
      connectionString: url,
      tablePrefix: options.tablePrefix,
      maxConnections: options.poolSize,
    });
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    const { mysqlStore } = await import('./mysql.js');
    return mysqlStore({
      connectionString: url,
      tablePrefix: options.tablePrefix,
      maxConnections: options.poolSize,
    });
  }
  // Name only the scheme: the rest of a URL may carry a password.
  const named = scheme === undefined ? 'a URL without a scheme' : `scheme "${scheme}:"`;
  throw new GatehouseError(
    'VALIDATION_ERROR',
    `Unsupported database URL (${named}); use sqlite:<path>, sqlite::memory:, postgres://… or mysql://…`,
  );
}

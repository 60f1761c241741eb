/**
 * The SQLite store (`gatehouse-auth/sqlite`): one file, or `:memory:` for tests. The embedded
 * default. A database file it creates is private (0600, whatever the umask), and so are its
 * `-wal` and `-shm`, which SQLite creates with the main file's mode.
 */
import { accessSync, closeSync, constants, existsSync, fchmodSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { GatehouseError } from '../core/errors.js';
import type { CommittedRead } from './kysely/context.js';
import { createKyselyStore } from './kysely/create-store.js';
import type { Database as Schema } from './kysely/schema.js';
import type { Store } from './ports/store.js';

export interface SqliteStoreOptions {
  /** A file path, or `':memory:'` for a private database that vanishes on close. */
  readonly filename: string;
  /** Prepended to every table and index name. Default `gh_`. */
  readonly tablePrefix?: string;
}

// How long a write waits for another process's lock before the call fails with UNAVAILABLE.
const BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the database file, empty and private, unless it exists: SQLite would create it 0644
 * (less the umask). An existing file keeps the mode its operator gave it.
 */
function createPrivately(filename: string): void {
  let fd: number;
  try {
    fd = openSync(filename, 'wx', 0o600);
  } catch {
    // It exists (keep its mode), or it cannot be created: SQLite reports that when it opens.
    return;
  }
  try {
    // The creation mode passes through the umask, which may take away the owner's bits too.
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

/**
 * A read-only file (or file system, or directory: WAL mode writes `-wal` and `-shm` beside the
 * file) would otherwise surface later as a vague CANTOPEN or I/O error on the first write. Root
 * ignores file modes, but not a read-only mount, which `access` reports as EROFS.
 */
function refuseReadOnly(filename: string): void {
  for (const path of existsSync(filename) ? [filename, dirname(filename)] : [dirname(filename)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') return;
      throw new GatehouseError(
        'UNAVAILABLE',
        `The SQLite database ${filename} is read-only (${code === 'EROFS' ? 'a read-only file system' : 'no write permission'} at ${path}): Gatehouse writes to it and beside it (-wal, -shm)`,
        {},
        { cause: error },
      );
    }
  }
}

function open(filename: string): Database.Database {
  let database: Database.Database;
  if (filename !== ':memory:' && filename !== '') refuseReadOnly(filename);
  try {
    if (filename !== ':memory:' && filename !== '') createPrivately(filename);
    database = new Database(filename, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    // better-sqlite3 reports a missing directory as a TypeError, not a SqliteError.
    throw new GatehouseError(
      'UNAVAILABLE',
      'The SQLite database file cannot be opened',
      {},
      { cause: error },
    );
  }
  if (filename !== ':memory:' && filename !== '') {
    // WAL lets readers proceed while one writer commits; NORMAL sync is durable in WAL mode
    // except for the last commits on power loss, never corrupting.
    database.pragma('journal_mode = WAL');
  }
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  return database;
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * small indexed query, so statements are kept per connection (SQLite re-prepares them itself
 * after a schema change). Bounded, because only Gatehouse's own handful of queries repeat.
 */
function withStatementCache(database: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): Database.Statement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = storageErrors(translated(() => database.prepare(sql)));
        if (statements.size < 256) statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * A disk that cannot take a write, said plainly: 503 `UNAVAILABLE` (the server's trouble, not
 * the client's, and over once an operator frees space or remounts), where the driver's code
 * would otherwise pass through as a 500 (SQLITE_FULL) or a bare "unavailable".
 */
function storageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_FULL')
    return new GatehouseError('UNAVAILABLE', 'The database disk is full', {}, { cause: error });
  if (code.startsWith('SQLITE_READONLY') || /^SQLITE_IOERR_(WRITE|FSYNC|SHMMAP|SHMOPEN|TRUNCATE)$/.test(code))
    return new GatehouseError(
      'UNAVAILABLE',
      'The database file cannot be written (read-only or failing disk)',
      {},
      { cause: error },
    );
  return error;
}

function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storageError(error);
  }
}

/** The statement, with the calls Kysely's SQLite driver makes translated by `storageError`. */
function storageErrors(statement: Database.Statement): Database.Statement {
  const run = statement.run.bind(statement);
  const all = statement.all.bind(statement);
  const iterate = statement.iterate.bind(statement);
  return Object.assign(statement, {
    run: (...args: unknown[]) => translated(() => run(...args)),
    all: (...args: unknown[]) => translated(() => all(...args)),
    iterate: (...args: unknown[]) => translated(() => iterate(...args)),
  });
}

/**
 * A store on a SQLite database. The file opens on first use, so a bad path surfaces as a
 * rejected call (`UNAVAILABLE`) rather than a throw here. Call `migrate()` before use.
 *
 * @example
 * import { sqliteStore } from 'gatehouse-auth/sqlite';
 *
 * const store = sqliteStore({ filename: './gatehouse.db' });
 * await store.migrate();
 */
export function sqliteStore(options: SqliteStoreOptions): Store {
  const dialect = new SqliteDialect({ database: async () => withStatementCache(open(options.filename)) });
  const reader =
    options.filename === ':memory:' || options.filename === ''
      ? undefined
      : committedReader(options.filename);
  return createKyselyStore({
    db: new Kysely<Schema>({ dialect }),
    kind: 'sqlite',
    tablePrefix: options.tablePrefix,
    committedRead: reader?.read,
    onClose: reader?.close,
  });
}

/**
 * A second, read-only connection for the session check. In WAL mode it reads the last committed
 * state while the write connection may be inside a transaction — so it never sees uncommitted
 * rows — and it does not wait in the write connection's queue. Opened on first use (after
 * migrations); if it cannot be opened, callers fall back to the write connection.
 */
function committedReader(filename: string): { read: CommittedRead; close(): void } {
  let connection: ReturnType<typeof withStatementCache> | null | undefined;
  return {
    read(sqlText, parameters) {
      if (connection === undefined) {
        try {
          const database = new Database(filename, {
            readonly: true,
            fileMustExist: true,
            timeout: BUSY_TIMEOUT_MS,
          });
          connection =
            database.pragma('journal_mode', { simple: true }) === 'wal' ? withStatementCache(database) : null;
          if (connection === null) database.close();
        } catch {
          connection = null;
        }
      }
      return connection?.prepare(sqlText).all(...parameters);
    },
    close() {
      connection?.close();
      connection = null;
    },
  };
}

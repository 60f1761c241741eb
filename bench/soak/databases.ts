/**
 * The databases the soak runs on, each fresh, with a way to count the server's connections to
 * it from outside the server: SQLite (the server's open descriptors of the database file),
 * PostgreSQL (`pg_stat_activity`) and MySQL / MariaDB (`information_schema.processlist`), the
 * last only once the MySQL store and a throwaway MariaDB for it exist in this checkout.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { providePostgres } from '../lib/postgres.js';

export type SoakDatabaseName = 'SQLite' | 'PostgreSQL' | 'MariaDB';
export const SOAK_DATABASES: readonly SoakDatabaseName[] = ['SQLite', 'PostgreSQL', 'MariaDB'];
/**
 * What runs without `--soak-databases`. MariaDB joins once the MySQL store passes the store
 * contract (issue 14, in progress); until then `--soak-databases=mysql` runs it on request.
 */
export const DEFAULT_SOAK_DATABASES: readonly SoakDatabaseName[] = ['SQLite', 'PostgreSQL'];

export interface SoakDatabase {
  readonly name: SoakDatabaseName;
  readonly url: string;
  readonly tablePrefix?: string;
  /** Connections the server may open by its configuration: the pool's size. */
  readonly poolSize: number;
  /** What `connections()` counts, for the report. */
  readonly counted: string;
  /** The server's (`pid`) connections to the database now. */
  connections(pid: number): Promise<number>;
  release(): Promise<void>;
}

export interface SkippedDatabase {
  readonly name: SoakDatabaseName;
  readonly skipped: string;
}

/** node-postgres' pool size, which `gatehouse serve` does not change (src/store/postgres.ts). */
const PG_POOL = 10;
/** One writer, one read-only WAL connection for session lookups (src/store/sqlite.ts). */
const SQLITE_CONNECTIONS = 2;
const MYSQL_POOL = 10;

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function sqlite(dir: string): SoakDatabase {
  const file = join(dir, 'soak.db');
  return {
    name: 'SQLite',
    url: `sqlite:${file}`,
    poolSize: SQLITE_CONNECTIONS,
    counted: 'descriptors of the database file open in the server (one per connection)',
    async connections(pid) {
      let open = 0;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === file) open++;
        } catch {
          // Closed between the listing and the read.
        }
      }
      return open;
    },
    release: async () => {},
  };
}

async function postgres(): Promise<SoakDatabase> {
  const provided = await providePostgres();
  const admin = new pg.Client({ connectionString: provided.database.url });
  await admin.connect();
  return {
    name: 'PostgreSQL',
    url: provided.database.url,
    ...(provided.database.tablePrefix ? { tablePrefix: provided.database.tablePrefix } : {}),
    poolSize: PG_POOL,
    counted: `client backends on the database in pg_stat_activity (but this counter's own${process.env.DATABASE_URL ? '; DATABASE_URL is shared, so others count too' : ''})`,
    async connections() {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      return rows[0]?.n ?? Number.NaN;
    },
    async release() {
      await admin.end().catch(() => {});
      await provided.release();
    },
  };
}

interface ThrowawayMariadb {
  readonly url: string;
  stop(): Promise<void>;
}

async function mariadb(): Promise<SoakDatabase> {
  if (!existsSync(repo('src/store/mysql.ts'))) throw new Error('no MySQL store yet (src/store/mysql.ts)');
  if (!existsSync(repo('dist/store/mysql.js'))) throw new Error('dist/ has no MySQL store: npm run build');
  let server: ThrowawayMariadb;
  let tablePrefix: string | undefined;
  if (process.env.MYSQL_URL) {
    server = { url: process.env.MYSQL_URL, stop: async () => {} };
    tablePrefix = `soak_${randomBytes(4).toString('hex')}_`;
  } else {
    const support = repo('test/support/mariadb.ts');
    if (!existsSync(support)) throw new Error('no throwaway MariaDB yet (test/support/mariadb.ts)');
    // A path in a variable: the module may not exist in this checkout, and must not break the type check.
    const { startThrowawayMariadb } = (await import(support)) as {
      startThrowawayMariadb(): Promise<ThrowawayMariadb>;
    };
    server = await startThrowawayMariadb();
  }
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection(server.url.replace(/^mariadb:/, 'mysql:'));
  return {
    name: 'MariaDB',
    url: server.url,
    ...(tablePrefix ? { tablePrefix } : {}),
    poolSize: MYSQL_POOL,
    counted: 'connections on the database in information_schema.processlist (but this counter’s own)',
    async connections() {
      const [rows] = await admin.query(
        'select count(*) as n from information_schema.processlist where db = database() and id <> connection_id()',
      );
      return Number((rows as { n: number }[])[0]?.n ?? Number.NaN);
    },
    async release() {
      await admin.end().catch(() => {});
      // Tables under a prefix on an external server stay: drop them by hand (`soak_…_`).
      await server.stop();
    },
  };
}

/** Fresh databases for `names`, in that order; one that cannot be had is skipped, saying why. */
export async function provideSoakDatabase(
  name: SoakDatabaseName,
  dir: string,
): Promise<SoakDatabase | SkippedDatabase> {
  try {
    if (name === 'SQLite') return sqlite(dir);
    if (name === 'PostgreSQL') return await postgres();
    return await mariadb();
  } catch (error) {
    return { name, skipped: message(error) };
  }
}

/**
 * Fresh, migrated, isolated stores for tests, one per dialect, so a suite can run
 * `describe.each(storeKinds)` and get the same contract on SQLite and PostgreSQL (and
 * `everyStoreKind` adds MySQL/MariaDB).
 *
 * `GATEHOUSE_TEST_STORES` (comma-separated kinds, e.g. `mysql` or `sqlite,postgres,mysql`)
 * replaces both lists for one run, e.g. `GATEHOUSE_TEST_STORES=mysql npx vitest run test/http`
 * runs the suites that loop over store kinds on MariaDB only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { inject } from 'vitest';
import { storeFromUrl } from '../../src/store/from-url.js';
import type { Store } from '../../src/store/ports/store.js';

const ALL_KINDS = ['sqlite', 'postgres', 'mysql'] as const;
export type StoreKind = (typeof ALL_KINDS)[number];

/** The kinds named by `GATEHOUSE_TEST_STORES`, or undefined when it is unset. */
function selectedKinds(): readonly StoreKind[] | undefined {
  const value = process.env.GATEHOUSE_TEST_STORES?.trim();
  if (!value) return undefined;
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(ALL_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new Error(
      `GATEHOUSE_TEST_STORES: unknown store kind(s) ${unknown.join(', ')}; use ${ALL_KINDS.join(', ')}`,
    );
  }
  return kinds as StoreKind[];
}

/** The kinds most suites run on. */
export const storeKinds: readonly StoreKind[] = selectedKinds() ?? ['sqlite', 'postgres'];
/** Every store kind, MySQL/MariaDB included. */
export const everyStoreKind: readonly StoreKind[] = selectedKinds() ?? ALL_KINDS;

/** A prefix no other test uses, so PostgreSQL and MySQL tests can share one database. */
export function randomTablePrefix(): string {
  return `t${randomBytes(5).toString('hex')}_`;
}

/**
 * One database a test may open several stores on (e.g. with different prefixes), and inspect.
 * SQLite: a file in a fresh temp dir. PostgreSQL, MySQL: the run's shared database.
 */
export interface TestDatabase {
  readonly kind: StoreKind;
  readonly url: string;
  /** Opens (and by default migrates) a store on this database; `cleanup` closes it and drops its tables. */
  open(options?: { tablePrefix?: string; migrate?: boolean }): Promise<Store>;
  /** Names of the tables and indexes in this database starting with `prefix`, sorted. */
  objects(prefix: string): Promise<{ tables: string[]; indexes: string[] }>;
  /** Row count of a physical (prefixed) table. */
  count(table: string): Promise<number>;
  /** Every row of a physical (prefixed) table, as the driver returns it. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export async function testDatabase(kind: StoreKind): Promise<TestDatabase> {
  const stores: Store[] = [];
  const prefixes: string[] = [];
  let dir: string | undefined;
  let url: string;
  if (kind === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-'));
    url = `sqlite:${join(dir, 'test.db')}`;
  } else {
    url = inject(kind === 'mysql' ? 'mysqlUrl' : 'postgresUrl');
  }
  const by = <A extends unknown[], R>(
    sqlite: (...a: A) => R,
    postgres: (...a: A) => R,
    mysql: (...a: A) => R,
  ) => (kind === 'sqlite' ? sqlite : kind === 'mysql' ? mysql : postgres);

  const objects = async (prefix: string) => by(sqliteObjects, postgresObjects, mysqlObjects)(url, prefix);

  return {
    kind,
    url,
    async open({ tablePrefix = randomTablePrefix(), migrate = true } = {}) {
      const store = await storeFromUrl(url, { tablePrefix });
      stores.push(store);
      prefixes.push(tablePrefix);
      if (migrate) await store.migrate();
      return store;
    },
    objects,
    count: (table) => by(sqliteCount, postgresCount, mysqlCount)(url, table),
    rows: (table) => by(sqliteRows, postgresRows, mysqlRows)(url, table),
    async cleanup() {
      try {
        await Promise.all(stores.map((s) => s.close()));
        if (kind === 'postgres') await dropPrefixed(url, prefixes);
        if (kind === 'mysql') await mysqlDropPrefixed(url, prefixes);
      } finally {
        // Even when a store fails to close, its temp directory goes.
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh, migrated store nobody else sees, and how to dispose of it. */
export async function freshStore(kind: StoreKind): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (kind === 'sqlite') {
    const store = await storeFromUrl('sqlite::memory:', { tablePrefix: randomTablePrefix() });
    await store.migrate();
    return { store, cleanup: () => store.close() };
  }
  const database = await testDatabase(kind);
  const store = await database.open();
  return { store, cleanup: () => database.cleanup() };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresObjects(url: string, prefix: string) {
  return withClient(url, async (client) => {
    const like = `${prefix.replace(/_/g, '\\_')}%`;
    const tables = await client.query<{ name: string }>(
      'select table_name as name from information_schema.tables where table_schema = current_schema() and table_name like $1 order by 1',
      [like],
    );
    const indexes = await client.query<{ name: string }>(
      'select indexname as name from pg_indexes where schemaname = current_schema() and indexname like $1 order by 1',
      [like],
    );
    return { tables: tables.rows.map((r) => r.name), indexes: indexes.rows.map((r) => r.name) };
  });
}

async function sqliteObjects(url: string, prefix: string) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  try {
    const rows = db
      .prepare('select type, name from sqlite_master where substr(name, 1, ?) = ? order by name')
      .all(prefix.length, prefix) as Array<{ type: string; name: string }>;
    return {
      tables: rows.filter((r) => r.type === 'table').map((r) => r.name),
      indexes: rows.filter((r) => r.type === 'index').map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

async function postgresCount(url: string, table: string): Promise<number> {
  return withClient(url, async (client) => {
    const result = await client.query<{ n: string }>(`select count(*) as n from "${table}"`);
    return Number(result.rows[0]?.n);
  });
}

async function sqliteCount(url: string, table: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function postgresRows(url: string, table: string): Promise<Record<string, unknown>[]> {
  return withClient(url, async (client) => (await client.query(`select * from "${table}"`)).rows);
}

async function sqliteRows(url: string, table: string): Promise<Record<string, unknown>[]> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  try {
    return db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function dropPrefixed(url: string, prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  await withClient(url, async (client) => {
    for (const prefix of prefixes) {
      const { tables } = await postgresObjects(url, prefix);
      if (tables.length > 0) {
        await client.query(`drop table if exists ${tables.map((t) => `"${t}"`).join(', ')} cascade`);
      }
    }
  });
}

async function withMysql<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({
    uri: url,
    supportBigNumbers: true,
    charset: 'UTF8MB4_BIN',
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

async function mysqlObjects(url: string, prefix: string) {
  return withMysql(url, async (connection) => {
    // LIKE with a binary collation: prefixes differ only by case would otherwise match each other.
    const like = `${prefix.replace(/_/g, '\\_')}%`;
    const [tables] = await connection.query<mysql.RowDataPacket[]>(
      'select table_name as name from information_schema.tables where table_schema = database() and table_name like ? collate utf8mb4_bin order by 1',
      [like],
    );
    // A primary key is an index named PRIMARY on every table; it carries no prefix, so it is left out.
    const [indexes] = await connection.query<mysql.RowDataPacket[]>(
      'select distinct index_name as name from information_schema.statistics where table_schema = database() and index_name like ? collate utf8mb4_bin order by 1',
      [like],
    );
    return { tables: tables.map((r) => String(r.name)), indexes: indexes.map((r) => String(r.name)) };
  });
}

async function mysqlCount(url: string, table: string): Promise<number> {
  return withMysql(url, async (connection) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(`select count(*) as n from \`${table}\``);
    return Number(rows[0]?.n);
  });
}

async function mysqlRows(url: string, table: string): Promise<Record<string, unknown>[]> {
  return withMysql(url, async (connection) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(`select * from \`${table}\``);
    return rows.map((row) => ({ ...row }));
  });
}

async function mysqlDropPrefixed(url: string, prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  await withMysql(url, async (connection) => {
    // Foreign keys between the dropped tables would otherwise dictate an order.
    await connection.query('set foreign_key_checks = 0');
    for (const prefix of prefixes) {
      const { tables } = await mysqlObjects(url, prefix);
      if (tables.length > 0) {
        await connection.query(`drop table if exists ${tables.map((t) => `\`${t}\``).join(', ')}`);
      }
    }
  });
}

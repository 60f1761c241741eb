/**
 * Fresh, migrated, isolated stores for tests, one per dialect, so a suite can run
 * `describe.each(storeKinds)` and get the same contract on SQLite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { storeFromUrl } from '../../src/store/from-url.js';
import type { Store } from '../../src/store/ports/store.js';

export const storeKinds = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** A prefix no other test uses, so PostgreSQL tests can share one database. */
export function randomTablePrefix(): string {
  return `t${randomBytes(5).toString('hex')}_`;
}

/**
 * One database a test may open several stores on (e.g. with different prefixes), and inspect.
 * SQLite: a file in a fresh temp dir. PostgreSQL: the run's shared database.
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
    url = inject('postgresUrl');
  }

  const objects = async (prefix: string) =>
    (kind === 'sqlite' ? sqliteObjects : postgresObjects)(url, prefix);

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
    count: (table) => (kind === 'sqlite' ? sqliteCount : postgresCount)(url, table),
    rows: (table) => (kind === 'sqlite' ? sqliteRows : postgresRows)(url, table),
    async cleanup() {
      try {
        await Promise.all(stores.map((s) => s.close()));
        if (kind === 'postgres') await dropPrefixed(url, prefixes);
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

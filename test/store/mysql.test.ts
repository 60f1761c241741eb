/**
 * MySQL/MariaDB specifics: the session settings every pooled connection must carry, the
 * collation of the tables the migrations create, the bounded pool, deadlock retries in the
 * transactor, closing, and surviving server-side disconnects.
 */
import { type Kysely, sql } from 'kysely';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { isGatehouseError } from '../../src/core/errors.js';
import { DEADLOCK_ATTEMPTS, Rollback, transactor } from '../../src/store/kysely/context.js';
import { createKyselyStore } from '../../src/store/kysely/create-store.js';
import type { Database } from '../../src/store/kysely/schema.js';
import { mysqlKysely, mysqlStore } from '../../src/store/mysql.js';
import type { Store } from '../../src/store/ports/store.js';
import { randomTablePrefix } from '../support/stores.js';

const url = () => inject('mysqlUrl');

/** A resolvable promise, for making several connections meet in the middle of their work. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived >= parties) open();
    await opened;
  };
}

async function admin<T>(work: (connection: mysql.Connection) => Promise<T>, database = url()): Promise<T> {
  const connection = await mysql.createConnection({ uri: database });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** Connection ids still present on the server among `ids`. */
async function stillConnected(ids: number[]): Promise<number[]> {
  return admin(async (connection) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      'select id from information_schema.processlist where id in (?)',
      [ids],
    );
    return rows.map((r) => Number(r.id));
  });
}

/** Polls `check` until it holds (the server drops a closed connection asynchronously). */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('mysqlKysely', () => {
  const opened: Kysely<Database>[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  function open(options: { maxConnections?: number } = {}, timeouts = {}) {
    const db = mysqlKysely({ connectionString: url(), ...options }, timeouts);
    opened.push(db);
    return db;
  }

  it('gives every pooled connection READ COMMITTED, UTC, strict mode and a binary utf8mb4 collation', async () => {
    const db = open({ maxConnections: 3 });
    const meet = barrier(3);
    // Three transactions held open at once must be on three different connections.
    const seen = await Promise.all(
      [1, 2, 3].map(() =>
        db.transaction().execute(async (trx) => {
          await meet();
          const { rows } = await sql<
            Record<string, unknown>
          >`select connection_id() as id, @@session.tx_isolation as isolation,
            @@session.time_zone as zone, @@session.sql_mode as mode, @@session.collation_connection as collation,
            @@session.character_set_client as charset`.execute(trx);
          return rows[0];
        }),
      ),
    );
    expect(new Set(seen.map((row) => row?.id)).size).toBe(3);
    for (const row of seen) {
      expect(row).toMatchObject({
        isolation: 'READ-COMMITTED',
        zone: '+00:00',
        collation: 'utf8mb4_bin',
        charset: 'utf8mb4',
      });
      expect(String(row?.mode).split(',')).toEqual(expect.arrayContaining(['STRICT_ALL_TABLES']));
    }
  });

  it('compares literals case-sensitively and returns BIGINT as a number', async () => {
    const db = open();
    const { rows } = await sql<{ same: number; big: unknown; count: unknown }>`select 'abc' = 'ABC' as same,
      cast(1735689600000 as signed) as big, (select count(*) from information_schema.schemata) as count`.execute(
      db,
    );
    expect(rows[0]?.same).toBe(0);
    expect(rows[0]?.big).toBe(1_735_689_600_000);
    expect(typeof rows[0]?.count).toBe('number');
  });

  it('gives up waiting for a free connection after the timeout, with UNAVAILABLE from the store path', async () => {
    const db = open({ maxConnections: 1 }, { connectionTimeoutMs: 300 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let taken!: () => void;
    const isTaken = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const holding = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      taken();
      await held;
    });
    await isTaken;
    const error = await sql`select 1`.execute(db).catch((e: unknown) => e);
    release();
    await holding;
    expect(error).toMatchObject({ code: 'POOL_ACQUIRE_TIMEOUT' });
    const { translateDriverError } = await import('../../src/store/kysely/errors.js');
    expect(translateDriverError(error)).toMatchObject({ code: 'UNAVAILABLE' });
    // The pool still works once the connection is back.
    await expect(sql`select 1`.execute(db)).resolves.toBeDefined();
  });

  it('refuses a URL without a database, without echoing the URL', () => {
    const attempt = () => mysqlKysely({ connectionString: 'mysql://root:hunter2@127.0.0.1:3306/' });
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(attempt).not.toThrow(/hunter2/);
  });
});

describe('transactor on mysql', () => {
  const table = `${randomTablePrefix()}deadlock`;
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = mysqlKysely({ connectionString: url(), maxConnections: 4 });
    await sql`create table ${sql.table(table)} (id int primary key, n int not null) engine=InnoDB`.execute(
      db,
    );
  });
  afterAll(async () => {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
    await db.destroy();
  });

  it('reruns the transaction InnoDB picks as a deadlock victim, so both callers succeed', async () => {
    await sql`delete from ${sql.table(table)}`.execute(db);
    await sql`insert into ${sql.table(table)} (id, n) values (1, 0), (2, 0)`.execute(db);
    const transact = transactor(db, 'mysql');
    const meet = barrier(2);
    const runs: string[] = [];
    // Each locks one row, waits until the other holds its row, then wants the other's row.
    const crossing = (first: number, second: number) =>
      transact(async (trx) => {
        runs.push(`${first}`);
        await sql`update ${sql.table(table)} set n = n + 1 where id = ${first}`.execute(trx);
        await meet();
        await sql`update ${sql.table(table)} set n = n + 1 where id = ${second}`.execute(trx);
        return first;
      });
    await expect(Promise.all([crossing(1, 2), crossing(2, 1)])).resolves.toEqual([1, 2]);
    // One of them ran twice: its first attempt was rolled back, so each row counts exactly two.
    expect(runs).toHaveLength(3);
    const { rows } = await sql<{
      id: number;
      n: number;
    }>`select id, n from ${sql.table(table)} order by id`.execute(db);
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it(`stops after ${DEADLOCK_ATTEMPTS} deadlocks, and never reruns a Rollback or another error`, async () => {
    const transact = transactor(db, 'mysql');
    let calls = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    });
    await expect(
      transact(async () => {
        calls += 1;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(DEADLOCK_ATTEMPTS);

    calls = 0;
    const rollback = new Rollback('kept');
    await expect(
      transact(async () => {
        calls += 1;
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const other = Object.assign(new Error('Lock wait timeout exceeded'), {
      code: 'ER_LOCK_WAIT_TIMEOUT',
      errno: 1205,
    });
    await expect(
      transact(async () => {
        calls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(2);
  });
});

describe('mysqlStore', () => {
  const stores: Store[] = [];
  const prefixes: Array<{ prefix: string; database: string }> = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const { prefix, database } of prefixes.splice(0)) {
      await admin(async (connection) => {
        const [tables] = await connection.query<mysql.RowDataPacket[]>(
          'select table_name as name from information_schema.tables where table_schema = database() and table_name like ?',
          [`${prefix.replace(/_/g, '\\_')}%`],
        );
        if (tables.length === 0) return;
        await connection.query('set foreign_key_checks = 0');
        await connection.query(`drop table ${tables.map((t) => `\`${t.name}\``).join(', ')}`);
      }, database);
    }
  });
  /** A store as `mysqlStore` builds it, and its Kysely instance, to learn its connections' ids. */
  function open(connectionString = url(), maxConnections = 3): { store: Store; db: Kysely<Database> } {
    const prefix = randomTablePrefix();
    const db = mysqlKysely({ connectionString, maxConnections });
    const store = createKyselyStore({ db, kind: 'mysql', tablePrefix: prefix });
    stores.push(store);
    prefixes.push({ prefix, database: connectionString });
    return { store, db };
  }
  /** The ids of `count` pooled connections of `db`, all opened (held at once, so distinct). */
  async function connectionIds(db: Kysely<Database>, count: number): Promise<number[]> {
    const meet = barrier(count);
    return Promise.all(
      Array.from({ length: count }, () =>
        db.transaction().execute(async (trx) => {
          await meet();
          const { rows } = await sql<{ id: number }>`select connection_id() as id`.execute(trx);
          return Number(rows[0]?.id);
        }),
      ),
    );
  }

  it('is what mysqlStore returns, of kind mysql', async () => {
    const store = mysqlStore({
      connectionString: url(),
      tablePrefix: randomTablePrefix(),
      maxConnections: 1,
    });
    stores.push(store);
    expect(store.kind).toBe('mysql');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('creates every table utf8mb4_bin even in a database whose default collation is case-insensitive', async () => {
    const ci = url().replace(/\/[^/?]*(\?|$)/, '/gatehouse_test_ci$1');
    await admin((c) => c.query('create database if not exists gatehouse_test_ci collate utf8mb4_general_ci'));
    const { store } = open(ci);
    await store.migrate();
    const prefix = prefixes.at(-1)?.prefix ?? '';
    const columns = await admin(async (connection) => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        `select t.table_name as tbl, t.table_collation as tableCollation, c.column_name as col, c.collation_name as collation
         from information_schema.tables t left join information_schema.columns c
           on c.table_schema = t.table_schema and c.table_name = t.table_name and c.collation_name is not null
         where t.table_schema = database() and t.table_name like ?`,
        [`${prefix.replace(/_/g, '\\_')}%`],
      );
      return rows;
    }, ci);
    expect(columns.length).toBeGreaterThan(20);
    // Binary collations only (utf8mb4_bin, or ascii_bin for ASCII-only keys). Kysely's own
    // migration bookkeeping tables follow the database default; they hold migration names only.
    const offending = columns.filter(
      (r) =>
        !/_migrations(_lock)?$/.test(String(r.tbl)) &&
        (!String(r.tableCollation).endsWith('_bin') ||
          (r.collation !== null && !String(r.collation).endsWith('_bin'))),
    );
    expect(offending).toEqual([]);
  });

  it('closes every pooled connection on close(), and refuses calls afterwards', async () => {
    const { store, db } = open(url(), 3);
    const ids = await connectionIds(db, 3);
    expect(await stillConnected(ids)).toHaveLength(3);
    await store.close();
    expect(await eventually(async () => (await stillConnected(ids)).length === 0)).toBe(true);
    // A call after close() is a programming error (as on PostgreSQL): Kysely refuses it.
    await expect(store.ping()).rejects.toThrow(/destroyed/);
  });

  it('recovers when the server kills its connections, reporting only UNAVAILABLE meanwhile', async () => {
    const { store, db } = open(url(), 2);
    const ids = await connectionIds(db, 2);
    await admin(async (connection) => {
      for (const id of ids) await connection.query(`kill ${id}`);
    });
    let recovered = false;
    for (let attempt = 0; attempt < 10 && !recovered; attempt++) {
      try {
        await store.ping();
        recovered = true;
      } catch (error) {
        expect(isGatehouseError(error) && error.code).toBe('UNAVAILABLE');
      }
    }
    expect(recovered).toBe(true);
    expect(await stillConnected(ids)).toEqual([]);
  });
});

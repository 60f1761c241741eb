/** Driver error translation: outages become UNAVAILABLE, everything else passes through untouched. */
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import { isDeadlock, isUniqueViolation, translateDriverError } from '../../src/store/kysely/errors.js';
import { randomTablePrefix } from '../support/stores.js';

function withCode(message: string, code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('translateDriverError', () => {
  it.each([
    ['refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['refused dual-stack connect', Object.assign(new AggregateError([withCode('x', 'ECONNREFUSED')]), {})],
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['SQLite busy', new Database.SqliteError('database is locked', 'SQLITE_BUSY')],
  ])('turns a %s into UNAVAILABLE, keeping the cause', (_, error) => {
    const translated = translateDriverError(error);
    expect(translated).toBeInstanceOf(GatehouseError);
    expect(translated).toMatchObject({ code: 'UNAVAILABLE', cause: error });
  });

  it.each([
    ['syntax error', withCode('syntax error at or near "selec"', '42601')],
    [
      'constraint failure',
      new Database.SqliteError('NOT NULL constraint failed: gh_users.email', 'SQLITE_CONSTRAINT'),
    ],
    ['plain bug', new TypeError('x is not a function')],
    ['Gatehouse error', new GatehouseError('USER_EXISTS', 'taken')],
  ])('passes a %s through as is', (_, error) => {
    expect(translateDriverError(error)).toBe(error);
  });
});

describe('isUniqueViolation', () => {
  const where = { index: 'gh_users_email_unique', table: 'gh_users', column: 'email' };

  it('recognises the named index on PostgreSQL and the column on SQLite', () => {
    expect(
      isUniqueViolation(withCode('duplicate key', '23505', { constraint: 'gh_users_email_unique' }), where),
    ).toBe(true);
    const sqlite = new Database.SqliteError(
      'UNIQUE constraint failed: gh_users.email',
      'SQLITE_CONSTRAINT_UNIQUE',
    );
    expect(isUniqueViolation(sqlite, where)).toBe(true);
  });

  it('ignores other constraints, including a duplicate primary key', () => {
    expect(
      isUniqueViolation(withCode('duplicate key', '23505', { constraint: 'gh_users_pkey' }), where),
    ).toBe(false);
    const pk = new Database.SqliteError(
      'UNIQUE constraint failed: gh_users.id',
      'SQLITE_CONSTRAINT_PRIMARYKEY',
    );
    expect(isUniqueViolation(pk, where)).toBe(false);
    expect(isUniqueViolation(new Error('nope'), where)).toBe(false);
  });
});

/** Real errors from the run's MariaDB, on a scratch table of this file's own. */
describe('MySQL/MariaDB errors', () => {
  const table = `${randomTablePrefix()}errors`;
  const index = `${table}_email_unique`;
  let connection: mysql.Connection;
  const connect = () => mysql.createConnection({ uri: inject('mysqlUrl'), charset: 'UTF8MB4_BIN' });
  /** The error `statement` fails with (it must fail). */
  const failure = async (statement: string, on = connection): Promise<Error> => {
    const error = await on.query(statement).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof Error)) throw new Error(`expected ${statement} to fail`);
    return error;
  };

  beforeAll(async () => {
    connection = await connect();
    await connection.query(
      `create table \`${table}\` (id varchar(8) not null primary key, email varchar(10), note varchar(10) character set latin1,
       unique key \`${index}\` (email)) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`,
    );
    await connection.query("set session sql_mode = 'STRICT_ALL_TABLES'");
    await connection.query(`insert into \`${table}\` (id, email) values ('a', 'a@x.io')`);
  });
  afterAll(async () => {
    await connection.query(`drop table if exists \`${table}\``);
    await connection.end();
  });

  it('recognises a duplicate on the named unique index, and a duplicate primary key as PRIMARY', async () => {
    const duplicate = await failure(`insert into \`${table}\` (id, email) values ('b', 'a@x.io')`);
    expect(duplicate).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062 });
    expect(isUniqueViolation(duplicate, { index, table, column: 'email' })).toBe(true);
    expect(isUniqueViolation(duplicate, { index: 'PRIMARY', table, column: 'id' })).toBe(false);
    expect(isUniqueViolation(duplicate, { index: `${index}_other`, table, column: 'email' })).toBe(false);

    const primary = await failure(`insert into \`${table}\` (id, email) values ('a', 'b@x.io')`);
    expect(isUniqueViolation(primary, { index: 'PRIMARY', table, column: 'id' })).toBe(true);
    expect(isUniqueViolation(primary, { index, table, column: 'email' })).toBe(false);
    // Not a driver outage: passed through for the store to decide.
    expect(translateDriverError(duplicate)).toBe(duplicate);
  });

  it("recognises MySQL 8's table-qualified key name, and a quote inside the duplicate value", () => {
    const mysql8 = (key: string, value = 'a@x.io') =>
      Object.assign(new Error(`Duplicate entry '${value}' for key '${key}'`), {
        code: 'ER_DUP_ENTRY',
        errno: 1062,
      });
    expect(isUniqueViolation(mysql8(`${table}.${index}`), { index, table, column: 'email' })).toBe(true);
    expect(isUniqueViolation(mysql8(`${table}.PRIMARY`), { index: 'PRIMARY', table, column: 'id' })).toBe(
      true,
    );
    expect(isUniqueViolation(mysql8(`other.${index}`), { index, table, column: 'email' })).toBe(false);
    const tricky = mysql8(`${table}.PRIMARY`, `x' for key '${index}`);
    expect(isUniqueViolation(tricky, { index, table, column: 'email' })).toBe(false);
  });

  it('turns text too long for its column, or not storable in its character set, into VALIDATION_ERROR', async () => {
    const tooLong = await failure(`insert into \`${table}\` (id, email) values ('c', 'much-too-long@x.io')`);
    expect(tooLong).toMatchObject({ code: 'ER_DATA_TOO_LONG' });
    const wrongCharset = await failure(`insert into \`${table}\` (id, note) values ('d', '\u{1F600}')`);
    expect(wrongCharset).toMatchObject({ code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' });
    for (const error of [tooLong, wrongCharset]) {
      const translated = translateDriverError(error);
      expect(translated).toBeInstanceOf(GatehouseError);
      expect(translated).toMatchObject({ code: 'VALIDATION_ERROR', cause: error });
      // The stored value may be a secret's hash or an address: never in the message.
      expect((translated as Error).message).not.toContain('x.io');
    }
  });

  it('turns a lock wait timeout into UNAVAILABLE', async () => {
    const other = await connect();
    try {
      await connection.query('begin');
      await connection.query(`select * from \`${table}\` where id = 'a' for update`);
      await other.query('set session innodb_lock_wait_timeout = 1');
      const timeout = await failure(`update \`${table}\` set email = 'z@x.io' where id = 'a'`, other);
      expect(timeout).toMatchObject({ code: 'ER_LOCK_WAIT_TIMEOUT' });
      expect(translateDriverError(timeout)).toMatchObject({ code: 'UNAVAILABLE', cause: timeout });
    } finally {
      await connection.query('rollback');
      await other.end();
    }
  });

  it('turns a deadlock into UNAVAILABLE once the transactor has given up on it', async () => {
    const other = await connect();
    try {
      await connection.query(`insert into \`${table}\` (id) values ('p'), ('q')`);
      await connection.query('begin');
      await other.query('begin');
      await connection.query(`update \`${table}\` set note = '1' where id = 'p'`);
      await other.query(`update \`${table}\` set note = '1' where id = 'q'`);
      // Each now wants the other's row; InnoDB rolls one back at once.
      const results = await Promise.allSettled([
        connection.query(`update \`${table}\` set note = '2' where id = 'q'`),
        other.query(`update \`${table}\` set note = '2' where id = 'p'`),
      ]);
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      expect(rejected).toHaveLength(1);
      const deadlock = rejected[0];
      expect(isDeadlock(deadlock)).toBe(true);
      expect(translateDriverError(deadlock)).toMatchObject({ code: 'UNAVAILABLE', cause: deadlock });
      expect(isDeadlock(new Error('Deadlock'))).toBe(false);
    } finally {
      await connection.query('rollback');
      await other.query('rollback');
      await other.end();
      await connection.query(`delete from \`${table}\` where id in ('p', 'q')`);
    }
  });

  it('turns a refused connection, a lost one and a closed pool into UNAVAILABLE', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const refused = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(translateDriverError(refused)).toMatchObject({ code: 'UNAVAILABLE' });

    const victim = await connect();
    const [[row]] = await victim.query<mysql.RowDataPacket[]>('select connection_id() as id');
    await connection.query(`kill ${Number(row?.id)}`);
    const lost = await failure('select 1', victim);
    expect(translateDriverError(lost)).toMatchObject({ code: 'UNAVAILABLE', cause: lost });
    victim.destroy();

    const pool = mysql.createPool({ uri: inject('mysqlUrl') });
    await pool.end();
    const closed = await pool.query('select 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(translateDriverError(closed)).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('passes a syntax error through as is', async () => {
    const syntax = await failure('selec 1');
    expect(syntax).toMatchObject({ code: 'ER_PARSE_ERROR' });
    expect(translateDriverError(syntax)).toBe(syntax);
  });
});

/** Driver error translation: outages become UNAVAILABLE, everything else passes through untouched. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import { isUniqueViolation, translateDriverError } from '../../src/store/kysely/errors.js';

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

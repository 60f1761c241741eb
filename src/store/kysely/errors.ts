/** Translates database driver errors into Gatehouse errors; anything unrecognised passes through. */
import { GatehouseError, isGatehouseError } from '../../core/errors.js';

// Socket-level failures from node:net / node:dns while reaching PostgreSQL.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// PostgreSQL SQLSTATEs meaning "the server cannot serve you now", not "your query is wrong":
// class 08 (connection exception) is matched by prefix below.
const POSTGRES_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
]);

// SQLite result codes that mean "try later": another connection holds the lock past busy_timeout.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)/;

// MySQL/MariaDB server errors (mysql2 `code`) meaning "the server cannot serve you now". A lock
// wait timeout is here too: the row stayed locked by another transaction for
// innodb_lock_wait_timeout, which is contention to retry later, not a bad request. A deadlock only
// gets here after the transactor's retries (context.ts) ran out.
const MYSQL_UNAVAILABLE = new Set([
  'ER_CON_COUNT_ERROR', // 1040 too many connections
  'ER_TOO_MANY_USER_CONNECTIONS', // 1203
  'ER_OUT_OF_RESOURCES', // 1041
  'ER_CANT_CREATE_THREAD', // 1135
  'ER_SERVER_SHUTDOWN', // 1053
  'ER_CONNECTION_KILLED', // 1927 (MariaDB), the connection was killed (KILL, shutdown)
  'ER_CLIENT_INTERACTION_TIMEOUT', // 4031 (MySQL 8.0.24+), the server closed an idle connection
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_LOCK_WAIT_TIMEOUT', // 1205
  'ER_LOCK_DEADLOCK', // 1213
  'ER_OPTION_PREVENTS_STATEMENT', // 1290, e.g. a server in --read-only (a replica, a failover)
  'ER_READ_ONLY_MODE', // 1836
  'ER_HOST_IS_BLOCKED', // 1129
  // mysql2's own: the socket closed, a fatal protocol state, a pool closed or exhausted.
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_ACQUIRE_TIMEOUT', // src/store/mysql.ts, no free connection in time
]);

// MySQL/MariaDB in strict mode refuse a value the column cannot hold: too long for a varchar key
// column, or text that is not valid in the column's character set. The input was bad.
const MYSQL_BAD_TEXT = new Set([
  'ER_DATA_TOO_LONG', // 1406
  'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', // 1366
  'ER_INVALID_CHARACTER_STRING', // 1300
]);

// node-postgres reports pool and socket trouble as plain Errors without a code.
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /Cannot use a pool after calling end/,
  // mysql2: a pool after end(), and a command on a connection that already failed.
  /^Pool is closed\.$/,
  /^Can't add new command when connection is in closed state$/,
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** mysql2 errors carry a numeric `errno` (server errors) or `fatal` (socket/protocol errors). */
function isMysqlError(error: Error): boolean {
  return (
    typeof (error as { errno?: unknown }).errno === 'number' ||
    'fatal' in error ||
    codeOf(error)?.startsWith('POOL_') === true
  );
}

/** Whether `error` is InnoDB rolling back a transaction to break a deadlock (MySQL/MariaDB 1213). */
export function isDeadlock(error: unknown): boolean {
  return codeOf(error) === 'ER_LOCK_DEADLOCK' || (error as { errno?: unknown } | null)?.errno === 1213;
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code)) return true;
    if (code.startsWith('08') && code.length === 5) return true;
    if (SQLITE_UNAVAILABLE.test(code)) return true;
    if (MYSQL_UNAVAILABLE.has(code) && isMysqlError(error)) return true;
  }
  // Node reports a refused dual-stack connect (::1 and 127.0.0.1) as an AggregateError.
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  return code === undefined && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** The Gatehouse error for `error`, or `error` itself when it is not a recognised driver failure. */
export function translateDriverError(error: unknown): unknown {
  if (isGatehouseError(error)) return error;
  if (isUnavailable(error)) {
    return new GatehouseError('UNAVAILABLE', 'The database is unavailable', {}, { cause: error });
  }
  // PostgreSQL refuses text it cannot store (a NUL byte, an untranslatable character): the
  // input was bad, whichever check upstream missed it.
  const code = codeOf(error);
  if (code === '22021' || code === '22P05' || (code !== undefined && MYSQL_BAD_TEXT.has(code))) {
    return new GatehouseError(
      'VALIDATION_ERROR',
      'The input contains characters that cannot be stored',
      {},
      {
        cause: error,
      },
    );
  }
  return error;
}

/**
 * Whether `error` is a unique violation of the index `index` on `table`.`column`. PostgreSQL and
 * MySQL name the index (on MySQL a primary key is `index: 'PRIMARY'`); SQLite names the column.
 */
export function isUniqueViolation(
  error: unknown,
  where: { index: string; table: string; column: string },
): boolean {
  const code = codeOf(error);
  if (code === '23505') {
    return (error as { constraint?: unknown }).constraint === where.index;
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    // SQLite names the columns, not the index: "UNIQUE constraint failed: gh_users.email", and
    // for a composite index each column ("…: gh_identities.issuer, gh_identities.subject").
    const message = (error as Error).message;
    const last = `${where.table}.${where.column}`;
    return message.endsWith(`: ${last}`) || message.endsWith(`, ${last}`);
  }
  if (code === 'ER_DUP_ENTRY') {
    // MariaDB: "Duplicate entry 'x' for key 'gh_users_email'"; MySQL 8.0.19+ qualifies the key
    // with its table: "… for key 'gh_users.gh_users_email'". A primary key is 'PRIMARY'. The entry
    // itself may contain quotes, so only the end of the message is read.
    const message = (error as Error).message;
    return (
      message.endsWith(`for key '${where.index}'`) ||
      message.endsWith(`for key '${where.table}.${where.index}'`)
    );
  }
  return false;
}

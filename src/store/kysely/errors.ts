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

// node-postgres reports pool and socket trouble as plain Errors without a code.
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /Cannot use a pool after calling end/,
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code)) return true;
    if (code.startsWith('08') && code.length === 5) return true;
    if (SQLITE_UNAVAILABLE.test(code)) return true;
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
  if (code === '22021' || code === '22P05') {
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

/** Whether `error` is a unique violation of the index `indexName` on `table`.`column`. */
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
  return false;
}

/**
 * The system clock: not absurd (before this release existed), not behind what the database
 * already recorded, and — on PostgreSQL or MySQL/MariaDB — within a few seconds of the database
 * server's clock.
 * Tokens, links, codes and lockouts all expire by it.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { type CheckResult, fail, pass, reason, warn } from './check.js';

/** No clock that runs this code can rightly be earlier. */
const RELEASE_FLOOR = Date.UTC(2025, 0, 1);
const MAX_SKEW_MS = 5_000;
// Another server's clock may have written the record; past this it is worth a look.
const RECORD_TOLERANCE_MS = 60_000;
const FIX =
  'Synchronise the clock with NTP on every server and on the database server (e.g. timedatectl set-ntp true)';

export interface ClockInputs {
  readonly latestRecord?: number;
  /** The database server's URL (PostgreSQL or MySQL/MariaDB) when it answered; its clock is compared. */
  readonly databaseUrl?: string;
}

export async function checkClock(inputs: ClockInputs): Promise<CheckResult> {
  const now = Date.now();
  const shown = new Date(now).toISOString();
  if (now < RELEASE_FLOOR)
    return fail('clock', `the system clock says ${shown}, before this release was built`, FIX);
  if (inputs.latestRecord !== undefined && inputs.latestRecord > now + RECORD_TOLERANCE_MS) {
    return warn(
      'clock',
      `the system clock says ${shown}, but the database recorded ${new Date(inputs.latestRecord).toISOString()}: this clock is behind, or another server's is ahead`,
      FIX,
    );
  }
  if (inputs.databaseUrl === undefined) return pass('clock', `the system clock says ${shown}`);
  let skew: number;
  try {
    skew = await skewFrom(inputs.databaseUrl);
  } catch (error) {
    return warn(
      'clock',
      `the database's clock could not be read: ${reason(error)}`,
      'See the database check',
    );
  }
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return warn(
      'clock',
      `this clock and the database server's differ by ${(Math.abs(skew) / 1000).toFixed(1)} s (this one is ${skew > 0 ? 'behind' : 'ahead'})`,
      FIX,
    );
  }
  return pass(
    'clock',
    `the system clock says ${shown}, within ${MAX_SKEW_MS / 1000} s of the database server's`,
  );
}

/** The database's clock minus ours, measured against the middle of the round trip. */
async function skewFrom(url: string): Promise<number> {
  const read = /^(mysql|mariadb):/i.test(url) ? mysqlMillis : postgresMillis;
  const { before, ms, after } = await read(url);
  return ms - (before + after) / 2;
}

interface Reading {
  readonly before: number;
  readonly ms: number;
  readonly after: number;
}

async function postgresMillis(url: string): Promise<Reading> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const before = Date.now();
    const result = await client.query<{ ms: string }>(
      'select (extract(epoch from clock_timestamp()) * 1000)::text as ms',
    );
    return { before, ms: Number(result.rows[0]?.ms), after: Date.now() };
  } finally {
    await client.end().catch(() => {});
  }
}

async function mysqlMillis(url: string): Promise<Reading> {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
  try {
    const before = Date.now();
    // SYSDATE, unlike NOW, is the time the function runs, not the statement's start; UNIX_TIMESTAMP
    // is independent of the session time zone.
    const [rows] = await connection.query<RowDataPacket[]>('select unix_timestamp(sysdate(3)) * 1000 as ms');
    return { before, ms: Number(rows[0]?.ms), after: Date.now() };
  } finally {
    await connection.end().catch(() => {});
  }
}

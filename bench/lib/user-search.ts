/**
 * The admin user search on many users (`listUsers`, as the admin API and CLI call it), in its own
 * child process on the built package, against the bench's database after its server has stopped.
 */

import { runInChild } from './children.js';
import { BENCH_SECRET, type Database } from './gatehouse.js';
import type { Figures } from './measure.js';
import { USER_SEARCH_CASES, type UserSearchFigures, type UserSearchJob } from './user-search-cases.js';

const CHILD = new URL('../embedded/user-search.ts', import.meta.url).pathname;

export interface UserSearchRun {
  readonly database: Database;
  readonly users: number;
  readonly callers: number;
  /** Per case. */
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

export async function measureUserSearch(run: UserSearchRun): Promise<UserSearchFigures> {
  const job: UserSearchJob = {
    databaseUrl: run.database.url,
    ...(run.database.tablePrefix ? { tablePrefix: run.database.tablePrefix } : {}),
    secret: BENCH_SECRET,
    users: run.users,
    callers: run.callers,
    seconds: run.seconds,
    warmUpSeconds: run.warmUpSeconds,
  };
  // Seeding (bulk inserts, and PostgreSQL's trigram index kept up to date) comes first.
  const timeoutMs = (4 * (run.seconds + run.warmUpSeconds) + 300) * 1000;
  return runInChild<UserSearchFigures>(CHILD, job, timeoutMs);
}

/** Concurrent callers of `listUsers` (the PostgreSQL pool has 10 connections). */
export const USER_SEARCH_CALLERS = 4;

/** Per case: a few seconds even when the bench's own measurements are longer. */
export function userSearchSeconds(benchSeconds: number): { measured: number; warmUp: number } {
  return { measured: Math.min(3, benchSeconds), warmUp: Math.min(0.5, benchSeconds) };
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** CPU per call, this process's and PostgreSQL's together: it moves less than the rate on a busy machine. */
function cpuMsPerCall(f: Figures, db: string): number {
  return ((f.serverCores + (db === 'PostgreSQL' ? f.databaseCores : 0)) * 1000) / f.perSecond;
}

/** A small table of the cases, one row per case and database. */
export function userSearchRows(results: ReadonlyArray<readonly [string, UserSearchFigures]>): string[] {
  const lines = [
    [
      'listUsers'.padEnd(34),
      'Database'.padEnd(10),
      'rows'.padStart(5),
      'per s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'cpu ms'.padStart(7),
      'cores'.padStart(6),
      'pg'.padStart(6),
      'other'.padStart(6),
      'failed'.padStart(7),
    ].join('  '),
  ];
  for (const [db, figures] of results) {
    for (const [name, { label }] of Object.entries(USER_SEARCH_CASES)) {
      const f = figures.cases[name as keyof typeof figures.cases];
      lines.push(
        [
          label.padEnd(34),
          db.padEnd(10),
          String(f.rows).padStart(5),
          fixed(f.perSecond, 0).padStart(8),
          fixed(f.p50Ms, 2).padStart(8),
          fixed(f.p99Ms, 2).padStart(8),
          fixed(cpuMsPerCall(f, db), 2).padStart(7),
          fixed(f.serverCores, 2).padStart(6),
          fixed(f.databaseCores, 2).padStart(6),
          fixed(Math.max(0, f.otherCores), 2).padStart(6),
          String(f.failed).padStart(7),
        ].join('  '),
      );
    }
  }
  const seeded = results.map(([db, f]) => `${db} ${fixed(f.seedSeconds, 1)} s`).join(', ');
  lines.push(
    `${results[0]?.[1].users.toLocaleString('en-US') ?? 0} users, seeded in bulk (${seeded}); ${USER_SEARCH_CALLERS} callers in-process on dist/, closed loop; rows = users one call returned (a page is 50);`,
    'cpu ms = CPU per call of this process (and PostgreSQL, on PostgreSQL); cores, pg, other = CPU in cores of this process, PostgreSQL, everyone else.',
  );
  return lines;
}

/**
 * The embedded bearer checks, beside the HTTP session check: `verifyPat` (a PAT-authenticated
 * request's check) and `getSession` for comparison, each in its own child process on the built
 * package, against the database the bench server used (after that server has stopped).
 */
import type { TokenCheckJob } from '../embedded/token-checks.js';
import { runInChild } from './children.js';
import { BENCH_SECRET, type Database } from './gatehouse.js';
import type { Figures } from './measure.js';

const CHILD = new URL('../embedded/token-checks.ts', import.meta.url).pathname;

export interface TokenCheckFigures {
  /** `gatehouse.getSession(accessToken)`, in-process. */
  readonly session: Figures;
  /** `gatehouse.verifyPat(token)`, in-process. */
  readonly pat: Figures;
}

export interface TokenCheckRun {
  readonly database: Database;
  /** Concurrent callers, each with its own user and bearer. */
  readonly callers: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

async function measureCheck(run: TokenCheckRun, check: TokenCheckJob['check']): Promise<Figures> {
  const job: TokenCheckJob = {
    check,
    databaseUrl: run.database.url,
    ...(run.database.tablePrefix ? { tablePrefix: run.database.tablePrefix } : {}),
    secret: BENCH_SECRET,
    callers: run.callers,
    seconds: run.seconds,
    warmUpSeconds: run.warmUpSeconds,
  };
  // Seeding signs up one user per caller (a password hash each) before the clock starts. The
  // child meters its own CPU, and PostgreSQL's, while its connections are still open.
  const timeoutMs = (run.seconds + run.warmUpSeconds + 120) * 1000;
  return runInChild<Figures>(CHILD, job, timeoutMs);
}

/** The session check, then the PAT check, one after the other (never at once). */
export async function measureTokenChecks(run: TokenCheckRun): Promise<TokenCheckFigures> {
  const session = await measureCheck(run, 'session');
  const pat = await measureCheck(run, 'pat');
  return { session, pat };
}

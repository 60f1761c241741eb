/** Starts a real `gatehouse serve` from dist/, and seeds it with users and sessions over HTTP. */
import { join } from 'node:path';
import type { Credentials } from '../load/job.js';
import { cleanEnv, type RunningServer, startServer } from './children.js';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
/** Not a real secret: it seals keys in a database deleted after the run. */
export const BENCH_SECRET = 'gatehouse-bench-only-secret-0123456789abcdef';
export const BENCH_PASSWORD = 'correct horse battery staple';

export interface Database {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly url: string;
  readonly tablePrefix?: string;
}

export interface GatehouseStart {
  readonly database: Database;
  readonly logLevel: 'warn' | 'info';
  /** Working directory: where the server's log goes and a relative SQLite file would live. */
  readonly dir: string;
  readonly label: string;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
}

export function startGatehouse(start: GatehouseStart): Promise<RunningServer> {
  const env: Record<string, string> = {
    GATEHOUSE_DATABASE_URL: start.database.url,
    GATEHOUSE_SECRET: BENCH_SECRET,
    GATEHOUSE_LOG_LEVEL: start.logLevel,
    // Per-address rate limits (30 credential requests a minute) and the lockout would turn the
    // sign-up and sign-in runs, all from 127.0.0.1, into 429s within a second. The bench measures
    // the server's capacity, not its limits; `off` exists for benchmarks and tests only. The hash
    // queue's overload control (503 beyond GATEHOUSE_HASH_QUEUE_LIMIT) is not affected by it.
    GATEHOUSE_RATE_LIMITS: 'off',
  };
  if (start.database.tablePrefix) env.GATEHOUSE_TABLE_PREFIX = start.database.tablePrefix;
  const migrate = start.database.name === 'PostgreSQL' ? ['--migrate'] : [];
  return startServer({
    command: process.execPath,
    args: [...(start.nodeArgs ?? []), CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...migrate],
    env: cleanEnv(env),
    cwd: start.dir,
    logFile: join(start.dir, `${start.label}.log`),
  });
}

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

async function post(url: string, path: string, body: unknown, expected: number): Promise<Tokens> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Tokens;
}

/** Runs `task(i)` for i < count, `concurrency` at a time. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

export async function createUsers(url: string, count: number, tag: string): Promise<Credentials[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    email: `seed-${tag}-${i}@bench.test`,
    password: BENCH_PASSWORD,
  }));
  await pool(count, 4, (i) => post(url, '/auth/sign-up/email', users[i], 201));
  return users;
}

/** `count` fresh sessions, spread over `users`. */
export function startSessions(url: string, users: readonly Credentials[], count: number): Promise<Tokens[]> {
  return pool(count, 4, (i) => post(url, '/auth/sign-in/email', users[i % users.length], 200));
}

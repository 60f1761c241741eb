/**
 * The side-by-side run: Gatehouse and better-auth on the same machine, each on its own SQLite
 * file with the same pragmas, the same Argon2id cost and the same load client, measured in
 * alternating rounds (G B, B G, G B, …) so the machine's drift hits both; each round opens with
 * the machine's measured parallel hashing. Figures are the medians across rounds.
 */
import { join } from 'node:path';
import { startArgon2 } from '../lib/argon2.js';
import type { RunningServer } from '../lib/children.js';
import { BENCH_PASSWORD, createUsers, startGatehouse, startSessions } from '../lib/gatehouse.js';
import type { Figures } from '../lib/measure.js';
import type { Credentials } from '../load/job.js';
import {
  betterAuthSessions,
  createBetterAuthUsers,
  startBetterAuth,
  withCachedSession,
} from './better-auth.js';
import type { CompareJob, HttpJob } from './job.js';
import { measureJob } from './measure.js';

export type GatehouseRow = 'signUp' | 'signIn' | 'refresh' | 'session';
export type BetterAuthRow = GatehouseRow | 'sessionCookieCache';

export interface CompareSettings {
  readonly rounds: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly connections: { readonly hash: number; readonly get: number; readonly refresh: number };
  /** Working directory: SQLite files and server logs. */
  readonly dir: string;
  readonly log: (line: string) => void;
}

/** Medians across rounds, each taken on its own (the p99 of one round need not go with its rate). */
export interface RowSummary {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU per 2xx answer. */
  readonly usPerRequest: number;
  readonly serverCores: number;
  readonly loaderCores: number;
  /** The most any round saw: CPU used by other tenants. */
  readonly otherCoresMax: number;
  /** Summed over rounds. */
  readonly failed: number;
}

export interface RoundsResult {
  readonly order: ReadonlyArray<readonly ['Gatehouse' | 'better-auth', 'Gatehouse' | 'better-auth']>;
  /** Measured parallel hashing at the start of each round (one chain per core, 3 s). */
  readonly parallelHashing: { readonly perRound: number[]; readonly median: number; readonly cores: number };
  readonly gatehouse: { rounds: Record<GatehouseRow, Figures>[]; median: Record<GatehouseRow, RowSummary> };
  readonly betterAuth: {
    rounds: Record<BetterAuthRow, Figures>[];
    median: Record<BetterAuthRow, RowSummary>;
  };
}

export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise<K extends string>(
  rounds: Record<K, Figures>[],
  keys: readonly K[],
): Record<K, RowSummary> {
  const out = {} as Record<K, RowSummary>;
  for (const key of keys) {
    const runs = rounds.map((r) => r[key]);
    out[key] = {
      perSecond: median(runs.map((f) => f.perSecond)),
      p50Ms: median(runs.map((f) => f.p50Ms)),
      p99Ms: median(runs.map((f) => f.p99Ms)),
      usPerRequest: median(runs.map((f) => (f.serverCores * 1e6) / f.perSecond)),
      serverCores: median(runs.map((f) => f.serverCores)),
      loaderCores: median(runs.map((f) => f.loaderCores)),
      otherCoresMax: Math.max(...runs.map((f) => f.otherCores)),
      failed: runs.reduce((sum, f) => sum + f.failed, 0),
    };
  }
  return out;
}

async function parallelHashing(): Promise<{ perSecond: number; cores: number }> {
  const run = await startArgon2(1);
  const figures = await run.finish();
  return { perSecond: figures.parallelPerSecond, cores: figures.cores };
}

interface Contender {
  readonly name: 'Gatehouse' | 'better-auth';
  round(index: number): Promise<Record<string, Figures>>;
}

function gatehouse(settings: CompareSettings, server: RunningServer, users: Credentials[], tag: string) {
  const { seconds, warmUpSeconds, connections, log } = settings;
  const { url } = server;
  const run = (row: string, job: CompareJob) => {
    log(
      `compare: Gatehouse ${row} (${job.warmUpSeconds ? `${job.warmUpSeconds} s warm-up + ` : ''}${seconds} s)`,
    );
    return measureJob(server, job);
  };
  return async (index: number): Promise<Record<GatehouseRow, Figures>> => {
    const base = { kind: 'http', url, seconds } as const;
    const signUp = await run('sign-up', {
      ...base,
      method: 'POST',
      path: '/auth/sign-up/email',
      connections: connections.hash,
      signUp: { tag: `${tag}-r${index}`, password: BENCH_PASSWORD },
    });
    const signIn = await run('sign-in', {
      ...base,
      method: 'POST',
      path: '/auth/sign-in/email',
      connections: connections.hash,
      perConnection: users.slice(0, connections.hash).map((u) => ({ body: JSON.stringify(u) })),
    });
    // Fresh tokens each round: the refresh chains of the last round are spent.
    const sessions = await startSessions(url, users, 2 * connections.refresh);
    const refresh = await run('refresh, chained', {
      kind: 'refresh',
      url,
      seconds,
      connections: connections.refresh,
      tokens: sessions.map((s) => s.refreshToken),
    });
    const session: HttpJob = {
      ...base,
      warmUpSeconds,
      method: 'GET',
      path: '/auth/session',
      connections: connections.get,
      perConnection: sessions
        .slice(0, connections.get)
        .map((s) => ({ headers: { authorization: `Bearer ${s.accessToken}` } })),
    };
    return { signUp, signIn, refresh, session: await run('GET /auth/session', session) };
  };
}

/** A cookie that get-session answers with a session, not `null` (which is a 200 too). */
async function checkSession(url: string, cookie: string): Promise<void> {
  const response = await fetch(`${url}/auth/get-session`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200 || body === 'null')
    throw new Error(`better-auth get-session did not find the session (${response.status})`);
}

function betterAuth(
  settings: CompareSettings,
  server: RunningServer,
  cached: RunningServer,
  users: Credentials[],
  tag: string,
) {
  const { seconds, warmUpSeconds, connections, log } = settings;
  const run = (target: RunningServer, row: string, job: CompareJob) => {
    log(
      `compare: better-auth ${row} (${job.warmUpSeconds ? `${job.warmUpSeconds} s warm-up + ` : ''}${seconds} s)`,
    );
    return measureJob(target, job);
  };
  return async (index: number): Promise<Record<BetterAuthRow, Figures>> => {
    const { url } = server;
    const base = { kind: 'http', url, seconds } as const;
    const signUp = await run(server, 'sign-up', {
      ...base,
      method: 'POST',
      path: '/auth/sign-up/email',
      connections: connections.hash,
      signUp: { tag: `${tag}-r${index}`, password: BENCH_PASSWORD, name: '' },
    });
    const signIn = await run(server, 'sign-in', {
      ...base,
      method: 'POST',
      path: '/auth/sign-in/email',
      connections: connections.hash,
      perConnection: users.slice(0, connections.hash).map((u) => ({ body: JSON.stringify(u) })),
    });
    const cookies = await betterAuthSessions(url, users, connections.get);
    await Promise.all(cookies.map((cookie) => checkSession(url, cookie)));
    const perCookie = cookies.map((cookie) => ({ headers: { cookie } }));
    const refresh = await run(server, 'GET /auth/token (jwt plugin)', {
      ...base,
      method: 'GET',
      path: '/auth/token',
      connections: connections.refresh,
      perConnection: perCookie,
    });
    const session = await run(server, 'GET /auth/get-session, cookieCache off', {
      ...base,
      warmUpSeconds,
      method: 'GET',
      path: '/auth/get-session',
      connections: connections.get,
      perConnection: perCookie,
    });
    const withCache = await Promise.all(cookies.map((cookie) => withCachedSession(cached.url, cookie)));
    const sessionCookieCache = await run(cached, 'GET /auth/get-session, cookieCache on', {
      ...base,
      url: cached.url,
      warmUpSeconds,
      method: 'GET',
      path: '/auth/get-session',
      connections: connections.get,
      perConnection: withCache.map((cookie) => ({ headers: { cookie } })),
    });
    return { signUp, signIn, refresh, session, sessionCookieCache };
  };
}

/** Starts both products' servers, runs the rounds, stops the servers. */
export async function runRounds(settings: CompareSettings): Promise<RoundsResult> {
  const { dir, log, connections } = settings;
  const tag = Math.random().toString(36).slice(2, 8);
  const servers: RunningServer[] = [];
  try {
    log('compare: starting gatehouse serve and better-auth (node:http + toNodeHandler), each on SQLite');
    const gh = await startGatehouse({
      database: { name: 'SQLite', url: `sqlite:${join(dir, 'compare-gatehouse.db')}` },
      logLevel: 'warn',
      dir,
      label: 'compare-gatehouse',
    });
    servers.push(gh);
    const baFile = join(dir, 'compare-better-auth.db');
    const ba = await startBetterAuth({
      file: baFile,
      dir,
      label: 'compare-better-auth',
      cookieCache: false,
      migrate: true,
    });
    servers.push(ba);
    // The same database file, so the same users and sessions; only the session cache differs.
    const baCached = await startBetterAuth({
      file: baFile,
      dir,
      label: 'compare-better-auth-cookie-cache',
      cookieCache: true,
      migrate: false,
    });
    servers.push(baCached);

    log(`compare: seeding ${connections.hash} users on each`);
    const ghUsers = await createUsers(gh.url, connections.hash, `cmp-${tag}`);
    const baUsers = await createBetterAuthUsers(ba.url, connections.hash, `cmp-${tag}`);
    const contenders: Record<'Gatehouse' | 'better-auth', Contender> = {
      Gatehouse: { name: 'Gatehouse', round: gatehouse(settings, gh, ghUsers, tag) },
      'better-auth': { name: 'better-auth', round: betterAuth(settings, ba, baCached, baUsers, tag) },
    };

    const order: Array<['Gatehouse' | 'better-auth', 'Gatehouse' | 'better-auth']> = [];
    const hashing: number[] = [];
    let cores = 0;
    const ghRounds: Record<GatehouseRow, Figures>[] = [];
    const baRounds: Record<BetterAuthRow, Figures>[] = [];
    for (let i = 0; i < settings.rounds; i++) {
      const pair: ['Gatehouse' | 'better-auth', 'Gatehouse' | 'better-auth'] =
        i % 2 === 0 ? ['Gatehouse', 'better-auth'] : ['better-auth', 'Gatehouse'];
      order.push(pair);
      log(`compare: round ${i + 1} of ${settings.rounds} (${pair.join(', then ')}); parallel hashing first`);
      const hashed = await parallelHashing();
      hashing.push(hashed.perSecond);
      cores = hashed.cores;
      for (const name of pair) {
        const figures = await contenders[name].round(i);
        if (name === 'Gatehouse') ghRounds.push(figures as Record<GatehouseRow, Figures>);
        else baRounds.push(figures as Record<BetterAuthRow, Figures>);
      }
    }
    return {
      order,
      parallelHashing: { perRound: hashing, median: median(hashing), cores },
      gatehouse: {
        rounds: ghRounds,
        median: summarise(ghRounds, ['signUp', 'signIn', 'refresh', 'session']),
      },
      betterAuth: {
        rounds: baRounds,
        median: summarise(baRounds, ['signUp', 'signIn', 'refresh', 'session', 'sessionCookieCache']),
      },
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

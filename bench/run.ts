/**
 * `npm run bench`: throughput and latency of a real `gatehouse serve` over loopback, on SQLite
 * and PostgreSQL, beside this machine's ceilings (Argon2id, hello-world HTTP). Prints figures
 * and the project's targets; never fails on a slow result. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithBetterAuth } from './compare/compare.js';
import { startArgon2 } from './lib/argon2.js';
import { cleanEnv, type RunningServer, startServer, stopAllChildren, TSX_FLAGS } from './lib/children.js';
import { createUsers, type Database, startGatehouse, startSessions } from './lib/gatehouse.js';
import { type Figures, measure } from './lib/measure.js';
import { type ProvidedPostgres, providePostgres } from './lib/postgres.js';
import { type DatabaseFigures, printReport, type Results, totpProblems } from './lib/report.js';
import { measureTokenChecks } from './lib/token-checks.js';
import { addAuthenticatorApps, BENCH_USER_AGENT, createTotpUsers, totpPoolSize } from './lib/totp-users.js';
import { measureUserSearch, USER_SEARCH_CALLERS, userSearchSeconds } from './lib/user-search.js';
import type { Job } from './load/job.js';
import { releaseSoakDatabase, runSoaks, soakSettings } from './soak/run-soaks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Math.min(2, SECONDS);
const CORES = availableParallelism();
/** Enough concurrent hashes to keep every core and libuv's 4 pool threads busy. */
const HASH_CONNECTIONS = 4 * CORES;
const STORM_CONNECTIONS = 5 * CORES;
const GET_CONNECTIONS = 10;
const REFRESH_CONNECTIONS = 10;
const PROBE_RATE = 200;
/** The flood offers sign-ins at this multiple of the Argon2id ceiling, open loop. */
const FLOOD_FACTOR = 5;
/**
 * Most connections the flood may hold at once. Only the hashes running and queued (one per core
 * plus GATEHOUSE_HASH_QUEUE_LIMIT, 32 by default) hold one for long; refusals come back at once.
 * The loader reports the most it needed (`maxInFlight`).
 */
const FLOOD_CONNECTIONS = 200;
/** Users the admin user search runs on (seeded in bulk after the servers have stopped). */
const SEARCH_USERS = 100_000;

const log = (line: string) => process.stderr.write(`▸ ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withServer<T>(
  start: Promise<RunningServer>,
  use: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await start;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** Measures a baseline server; `entry` is what hello-stack says the adapter called, if anything. */
async function helloWorld(
  dir: string,
  name: 'hello-node' | 'hello-stack',
): Promise<Figures & { entry?: string }> {
  log(`${name}: GET / (${SECONDS} s)`);
  const server = startServer({
    command: process.execPath,
    args: [...TSX_FLAGS, new URL(`./servers/${name}.ts`, import.meta.url).pathname],
    env: cleanEnv({}),
    cwd: dir,
    logFile: join(dir, `${name}.log`),
  });
  return withServer(server, async (s) => {
    const figures = await measure(s, {
      kind: 'get',
      url: s.url,
      path: '/',
      connections: GET_CONNECTIONS,
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
    });
    const entry = /called (gatehouse\.\w+\(\))/.exec(readFileSync(s.logFile, 'utf8'))?.[1];
    return entry ? { ...figures, entry } : figures;
  });
}

/** A personal access token for the session behind `accessToken`, made over HTTP. */
async function createPat(url: string, accessToken: string, i: number): Promise<string> {
  const reply = await fetch(`${url}/auth/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `bench ${i}`, scopes: ['profile:read'] }),
  });
  if (reply.status !== 201) throw new Error(`creating a PAT failed: ${reply.status} ${await reply.text()}`);
  return ((await reply.json()) as { token: string }).token;
}

async function sessionGet(server: RunningServer, bearers: readonly string[]): Promise<Figures> {
  return measure(server, {
    kind: 'get',
    url: server.url,
    path: '/auth/session',
    connections: GET_CONNECTIONS,
    bearers,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
  });
}

/**
 * Runs `load` (given SECONDS + 3), and after 1.5 s the `GET /auth/session` probe at PROBE_RATE for
 * SECONDS, so the probe sees the load in full swing from start to end.
 */
async function underLoad(
  server: RunningServer,
  load: Job,
  bearer: string,
): Promise<{ load: Figures; probe: Figures }> {
  const running = measure(server, load);
  // Awaited below; this only keeps a failure from being unhandled if the probe throws first.
  void running.catch(() => {});
  await sleep(1_500);
  const probe = await measure(server, {
    kind: 'probe',
    url: server.url,
    path: '/auth/session',
    rate: PROBE_RATE,
    bearer,
    seconds: SECONDS,
  });
  // Each load generator counted the other one as "other"; take it back out (the windows differ
  // by a few seconds, so this is approximate).
  const loaded = await running;
  return {
    load: { ...loaded, otherCores: loaded.otherCores - probe.loaderCores },
    probe: { ...probe, otherCores: probe.otherCores - loaded.loaderCores },
  };
}

async function benchDatabase(
  database: Database,
  dir: string,
  withInfoLog: boolean,
  floodRate: number,
): Promise<DatabaseFigures> {
  const name = database.name;
  const tag = randomBytes(3).toString('hex');
  const label = name.toLowerCase();
  const start = (logLevel: 'warn' | 'info') =>
    startGatehouse({ database, logLevel, dir, label: `gatehouse-${label}-${logLevel}` });

  const figures = await withServer(start('warn'), async (server) => {
    log(`${name}: seeding users and sessions`);
    const users = await createUsers(server.url, STORM_CONNECTIONS, tag);
    const sessions = await startSessions(server.url, users, 2 * REFRESH_CONNECTIONS);
    const { url } = server;

    log(`${name}: sign-up (${SECONDS} s)`);
    // The new accounts (and their tokens) become most of the TOTP sign-in's users, sparing a
    // sign-up's hash each; the tokens stay out of the results.
    const { signedUp = [], ...signUp } = await measure(server, {
      kind: 'sign-up',
      url,
      connections: HASH_CONNECTIONS,
      password: 'correct horse battery staple',
      tag,
      userAgent: BENCH_USER_AGENT,
      keepSessions: true,
      seconds: SECONDS,
    });
    const seedStarted = performance.now();
    // More than one step's worth only in runs longer than a step: a user signs in again in the next.
    const kept = signedUp.slice(0, totpPoolSize(signUp.perSecond, SECONDS, HASH_CONNECTIONS));
    log(`${name}: turning an authenticator app on for ${kept.length} of the new accounts`);
    const totpUsers = await addAuthenticatorApps(url, kept, HASH_CONNECTIONS);
    let seedSeconds = (performance.now() - seedStarted) / 1000;

    log(`${name}: sign-in (${SECONDS} s)`);
    const signIn = await measure(server, {
      kind: 'sign-in',
      url,
      connections: HASH_CONNECTIONS,
      users: users.slice(0, HASH_CONNECTIONS),
      seconds: SECONDS,
    });

    // Both runs are bound by the same hashing; the larger rate guards against one run disturbed.
    const expected = Math.max(signIn.perSecond, signUp.perSecond);
    const created = Math.max(0, totpPoolSize(expected, SECONDS, HASH_CONNECTIONS) - totpUsers.length);
    const topUpStarted = performance.now();
    log(
      `${name}: ${created} more users with an authenticator app (${totpUsers.length + created} for the TOTP sign-in)`,
    );
    totpUsers.push(...(await createTotpUsers(url, created, tag, HASH_CONNECTIONS)));
    seedSeconds += (performance.now() - topUpStarted) / 1000;
    log(`${name}: sign-in with TOTP, both steps (${SECONDS} s)`);
    const signInTotp = await measure(server, {
      kind: 'totp-sign-in',
      url,
      connections: HASH_CONNECTIONS,
      users: totpUsers,
      userAgent: BENCH_USER_AGENT,
      seconds: SECONDS,
    });
    const broken = totpProblems(signInTotp);
    if (broken) log(`${name}: WARNING — the sign-in with TOTP measurement is broken: ${broken}`);
    log(`${name}: refresh (${SECONDS} s)`);
    const refresh = await measure(server, {
      kind: 'refresh',
      url,
      connections: REFRESH_CONNECTIONS,
      tokens: sessions.map((s) => s.refreshToken),
      seconds: SECONDS,
    });
    log(`${name}: GET /auth/session (${WARM_UP_SECONDS} s warm-up + ${SECONDS} s)`);
    const bearers = sessions.slice(0, GET_CONNECTIONS).map((s) => s.accessToken);
    const session = await sessionGet(server, bearers);

    // The same connections, each with a personal access token (scope profile:read) on the one
    // route a PAT may read: the PAT check plus the profile read, over HTTP.
    log(`${name}: GET /auth/me with a PAT (${WARM_UP_SECONDS} s warm-up + ${SECONDS} s)`);
    const pats = await Promise.all(bearers.map((accessToken, i) => createPat(url, accessToken, i)));
    const patGet = await measure(server, {
      kind: 'get',
      url,
      path: '/auth/me',
      connections: GET_CONNECTIONS,
      bearers: pats,
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
    });

    log(
      `${name}: storm — ${STORM_CONNECTIONS} sign-in connections, GET /auth/session at ${PROBE_RATE}/s (${SECONDS} s)`,
    );
    const storm = await underLoad(
      server,
      { kind: 'sign-in', url, connections: STORM_CONNECTIONS, users, seconds: SECONDS + 3 },
      bearers[0]!,
    );

    log(
      `${name}: flood — sign-in offered at ${Math.round(floodRate)}/s (${FLOOD_FACTOR} × the Argon2id ceiling, open loop, ≤ ${FLOOD_CONNECTIONS} conns), GET /auth/session at ${PROBE_RATE}/s (${SECONDS} s)`,
    );
    const flood = await underLoad(
      server,
      {
        kind: 'sign-in',
        url,
        connections: FLOOD_CONNECTIONS,
        users,
        rate: floodRate,
        seconds: SECONDS + 3,
      },
      bearers[0]!,
    );
    return {
      signUp,
      signIn,
      signInTotp,
      totpPool: { fromSignUp: kept.length, created, seedSeconds },
      refresh,
      session,
      patGet,
      storm: { probe: storm.probe, signIn: storm.load },
      flood: { rate: floodRate, probe: flood.probe, signIn: flood.load },
      users,
    };
  });

  // In-process, on the database the server just used (now stopped): the PAT check and, beside it,
  // the session check, as an embedding app calls them.
  log(`${name}: embedded getSession and verifyPat (${WARM_UP_SECONDS} s warm-up + ${SECONDS} s each)`);
  const tokenChecks = await measureTokenChecks({
    database,
    callers: GET_CONNECTIONS,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
  });

  let sessionInfoLog: Figures | undefined;
  if (withInfoLog) {
    sessionInfoLog = await withServer(start('info'), async (server) => {
      log(
        `${name}: GET /auth/session with GATEHOUSE_LOG_LEVEL=info (${WARM_UP_SECONDS} s warm-up + ${SECONDS} s)`,
      );
      const sessions = await startSessions(server.url, figures.users, GET_CONNECTIONS);
      return sessionGet(
        server,
        sessions.map((s) => s.accessToken),
      );
    });
  }
  // Last: its 100,000 users would change what the runs above measure.
  const searchSeconds = userSearchSeconds(SECONDS);
  log(
    `${name}: admin user search — ${SEARCH_USERS.toLocaleString('en-US')} users in bulk, then listUsers × 4 cases (${searchSeconds.warmUp} s warm-up + ${searchSeconds.measured} s each)`,
  );
  const userSearch = await measureUserSearch({
    database,
    users: SEARCH_USERS,
    callers: USER_SEARCH_CALLERS,
    seconds: searchSeconds.measured,
    warmUpSeconds: searchSeconds.warmUp,
  });
  const { users: _users, ...rest } = figures;
  return { ...rest, sessionInfoLog, tokenChecks, userSearch };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  let postgres: ProvidedPostgres | undefined;
  // The soak (bench/soak/): last, or alone with --only=soak; --soak-minutes=N (0 skips it).
  const soak = soakSettings();
  const cleanUp = async () => {
    await stopAllChildren();
    await releaseSoakDatabase();
    await postgres?.release().catch(() => {});
    postgres = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    if (soak.only) {
      await runSoaks(soak, log);
      return;
    }
    // The side-by-side run against better-auth (bench/compare/): alone with --only=compare, else
    // after the tables below unless --no-compare.
    if (process.argv.includes('--only=compare')) {
      await compareWithBetterAuth({ dir, log });
      return;
    }
    const started = performance.now();
    log(`Argon2id: 20 sequential hashes, then ${CORES} parallel chains for 3 s`);
    const argon2Run = await startArgon2(20);
    // The final ceiling also uses the hashes timed after the servers ran; the flood needs a rate now.
    const floodRate = FLOOD_FACTOR * argon2Run.ceilingBeforePerSecond;
    const hello = { node: await helloWorld(dir, 'hello-node'), stack: await helloWorld(dir, 'hello-stack') };
    const sqlite = await benchDatabase(
      { name: 'SQLite', url: `sqlite:${join(dir, 'bench.db')}` },
      dir,
      true,
      floodRate,
    );

    let pg: DatabaseFigures | { skipped: string } = { skipped: 'not run' };
    try {
      log(
        process.env.DATABASE_URL
          ? 'PostgreSQL: using DATABASE_URL'
          : 'PostgreSQL: starting a throwaway cluster',
      );
      postgres = await providePostgres();
    } catch (error) {
      pg = { skipped: error instanceof Error ? error.message : String(error) };
    }
    if (postgres) pg = await benchDatabase(postgres.database, dir, false, floodRate);
    log('Argon2id: 20 sequential hashes again');
    const argon2 = await argon2Run.finish();

    const results: Results = {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: CORES,
        secondsPerMeasurement: SECONDS,
        totalSeconds: (performance.now() - started) / 1000,
        connections: {
          get: GET_CONNECTIONS,
          hash: HASH_CONNECTIONS,
          refresh: REFRESH_CONNECTIONS,
          storm: STORM_CONNECTIONS,
          flood: FLOOD_CONNECTIONS,
        },
        probeRate: PROBE_RATE,
        floodFactor: FLOOD_FACTOR,
      },
      argon2,
      hello,
      sqlite,
      postgres: pg,
    };
    const out = new URL('./results/', import.meta.url).pathname;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    printReport(results);
    process.stdout.write(`\nJSON: bench/results/latest.json\n`);
    // A sign-in with TOTP run that met refusals measured the refusals: the bench broke, not the server.
    const runs = 'skipped' in pg ? [sqlite] : [sqlite, pg];
    if (runs.some((d) => totpProblems(d.signInTotp) !== undefined)) {
      process.stderr.write('bench failed: the sign-in with TOTP measurement is broken (see WARNING above)\n');
      process.exitCode = 1;
    }
    if (!process.argv.includes('--no-compare')) await compareWithBetterAuth({ dir, log, bench: results });
    if (soak.minutes > 0) {
      // Its own fresh databases: the ones above hold 100,000 searched users; this cluster goes first.
      await postgres?.release().catch(() => {});
      postgres = undefined;
      await runSoaks(soak, log);
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});

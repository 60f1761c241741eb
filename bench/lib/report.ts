/** The printed tables and the project's targets, computed from the raw figures. */
import type { Argon2Figures } from './argon2.js';
import type { Figures } from './measure.js';
import type { TokenCheckFigures } from './token-checks.js';
import { USER_SEARCH_CASES, type UserSearchCase, type UserSearchFigures } from './user-search-cases.js';

export interface DatabaseFigures {
  readonly signUp: Figures;
  readonly signIn: Figures;
  /** Sign-in with an authenticator app, both steps, closed loop like `signIn`. */
  readonly signInTotp: Figures;
  /** Where its users came from, and how long turning their apps on took (not measured load). */
  readonly totpPool: { readonly fromSignUp: number; readonly created: number; readonly seedSeconds: number };
  readonly refresh: Figures;
  readonly session: Figures;
  /** `GET /auth/me` with a personal access token as the bearer (absent from older result files). */
  readonly patGet?: Figures | undefined;
  readonly sessionInfoLog?: Figures | undefined;
  /** In-process bearer checks on the built package: `getSession` and `verifyPat` (see token-checks.ts). */
  readonly tokenChecks?: TokenCheckFigures | undefined;
  /** The operator's user search (`listUsers`) on many users, in-process (see user-search.ts). */
  readonly userSearch?: UserSearchFigures | undefined;
  readonly storm: { readonly probe: Figures; readonly signIn: Figures };
  /** Sign-ins offered open loop at `rate` (a multiple of the Argon2id ceiling), with the probe. */
  readonly flood: { readonly rate: number; readonly probe: Figures; readonly signIn: Figures };
}

export interface Results {
  readonly meta: {
    readonly date: string;
    readonly node: string;
    readonly platform: string;
    readonly cpu: string;
    readonly cores: number;
    readonly secondsPerMeasurement: number;
    readonly totalSeconds: number;
    readonly connections: { get: number; hash: number; refresh: number; storm: number; flood: number };
    readonly probeRate: number;
    /** The flood's rate ÷ the Argon2id ceiling of the hashes timed before the servers ran. */
    readonly floodFactor: number;
  };
  readonly argon2: Argon2Figures;
  readonly hello: { readonly node: Figures; readonly stack: Figures & { readonly entry?: string } };
  readonly sqlite: DatabaseFigures;
  readonly postgres: DatabaseFigures | { readonly skipped: string };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '—');
/** One decimal, so a ratio just under a threshold never prints as the threshold itself. */
const pct1 = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—');
const rate = (n: number) => (n >= 100 ? int(n) : fixed(n, 1));

function table(rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `withCpu: false` where the server's CPU also served other requests (the storm probe). */
const cpuPerRequest = (f: Figures) => (f.serverCores * 1e6) / f.perSecond;

/** Latency percentiles of the answers with status `code` (open-loop runs record them). */
const latencyOf = (f: Figures, code: string) =>
  f.latencyByStatus?.[code] ?? { p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };

/** Answers with status `code`, counted and per second. */
const countOf = (f: Figures, code: string) => f.statuses[code] ?? 0;

/** The admin user search's rows: one per case, each named with the users it returned. */
function userSearchRows(search: UserSearchFigures, db: string): string[][] {
  const users = `${Math.round(search.users / 1000)}k users`;
  return (Object.keys(USER_SEARCH_CASES) as UserSearchCase[]).map((name) => {
    const f = search.cases[name];
    return measurementRow(
      `admin listUsers, ${users}: ${USER_SEARCH_CASES[name].label} (${f.rows} rows)`,
      db,
      f,
    );
  });
}

function measurementRow(label: string, db: string, f: Figures, withCpu = true): string[] {
  return [
    label,
    db,
    rate(f.perSecond),
    fixed(f.p50Ms, 2),
    fixed(f.p99Ms, 2),
    withCpu ? int(cpuPerRequest(f)) : '',
    fixed(f.serverCores, 2),
    fixed(f.loaderCores, 2),
    db === 'PostgreSQL' ? fixed(f.databaseCores, 2) : '',
    fixed(Math.max(0, f.otherCores), 2),
    pct(f.machineBusy),
    int(f.failed),
  ];
}

interface Target {
  readonly label: string;
  readonly value: (db: DatabaseFigures) => number;
  readonly show: (value: number) => string;
  /** Undefined: informational for this database. */
  readonly pass?: (value: number, database: 'SQLite' | 'PostgreSQL') => boolean | undefined;
}

function targets(r: Results): Target[] {
  const ceiling = r.argon2.ceilingPerSecond;
  return [
    {
      label: `sign-in/s ≥ 85% of Argon2id ceiling (${fixed(ceiling)}/s)`,
      value: (d) => d.signIn.perSecond / ceiling,
      show: pct1,
      pass: (v) => v >= 0.85,
    },
    {
      label: `  (for reference: vs measured parallel hashing, ${fixed(r.argon2.parallelPerSecond)}/s)`,
      value: (d) => d.signIn.perSecond / r.argon2.parallelPerSecond,
      show: pct1,
    },
    {
      label: 'sign-in with TOTP (both steps) vs password-only sign-in/s',
      value: (d) => d.signInTotp.perSecond / d.signIn.perSecond,
      show: pct1,
    },
    {
      label: 'sign-up/s ≥ 85% of Argon2id ceiling',
      value: (d) => d.signUp.perSecond / ceiling,
      show: pct1,
      pass: (v) => v >= 0.85,
    },
    {
      label: 'session req/s ≥ 60% of hello node:http (SQLite)',
      value: (d) => d.session.perSecond / r.hello.node.perSecond,
      show: pct1,
      pass: (v, db) => (db === 'SQLite' ? v >= 0.6 : undefined),
    },
    {
      label: '  (CPU-based: hello node:http µs/req ÷ session µs/req)',
      value: (d) => cpuPerRequest(r.hello.node) / cpuPerRequest(d.session),
      show: pct1,
    },
    {
      label: '  (for reference: vs hello via toNodeHandler)',
      value: (d) => d.session.perSecond / r.hello.stack.perSecond,
      show: pct1,
    },
    {
      label: 'refresh/s ≥ 2,000 (SQLite)',
      value: (d) => d.refresh.perSecond,
      show: int,
      pass: (v, db) => (db === 'SQLite' ? v >= 2000 : undefined),
    },
    {
      label: `storm: session p99 < 25 ms (${r.meta.probeRate}/s probe)`,
      value: (d) => d.storm.probe.p99Ms,
      show: (v) => `${fixed(v, 1)} ms`,
      pass: (v) => v < 25,
    },
    {
      label: 'storm: sign-in goodput, % of ceiling',
      value: (d) => d.storm.signIn.perSecond / ceiling,
      show: pct1,
    },
    {
      label: 'flood: sign-in goodput ≥ 90% of Argon2id ceiling',
      value: (d) => d.flood.signIn.perSecond / ceiling,
      show: pct1,
      pass: (v) => v >= 0.9,
    },
    {
      label: '  (for reference: vs sign-in/s without the flood)',
      value: (d) => d.flood.signIn.perSecond / d.signIn.perSecond,
      show: pct1,
    },
    {
      label: `flood: session p99 < 25 ms (${r.meta.probeRate}/s probe)`,
      value: (d) => d.flood.probe.p99Ms,
      show: (v) => `${fixed(v, 1)} ms`,
      pass: (v) => v < 25,
    },
    {
      label: 'flood: sign-ins refused with 503, % of answers',
      value: (d) => countOf(d.flood.signIn, '503') / d.flood.signIn.responses,
      show: pct1,
    },
    {
      label: 'flood: 503 answer p99',
      value: (d) => latencyOf(d.flood.signIn, '503').p99Ms,
      show: (v) => `${fixed(v, 1)} ms`,
    },
  ];
}

function allFigures(r: Results): Figures[] {
  const dbs = 'skipped' in r.postgres ? [r.sqlite] : [r.sqlite, r.postgres];
  return [
    r.hello.node,
    r.hello.stack,
    ...dbs.flatMap((d) => [
      d.signUp,
      d.signIn,
      d.signInTotp,
      d.refresh,
      d.session,
      d.storm.signIn,
      d.storm.probe,
      d.flood.signIn,
      d.flood.probe,
    ]),
    ...(r.sqlite.sessionInfoLog ? [r.sqlite.sessionInfoLog] : []),
    ...dbs.flatMap((d) => (d.patGet ? [d.patGet] : [])),
    ...dbs.flatMap((d) => (d.tokenChecks ? [d.tokenChecks.session, d.tokenChecks.pat] : [])),
    ...dbs.flatMap((d) => (d.userSearch ? Object.values(d.userSearch.cases) : [])),
  ];
}

/**
 * The flood's sign-in row (goodput, with the latency of the 2xx answers alone) and the row of its
 * 503 refusals (per second, their latency, their count).
 */
function floodRows(flood: DatabaseFigures['flood'], db: string, connections: number): string[][] {
  const f = flood.signIn;
  const ok = Object.keys(f.statuses).filter((code) => code.startsWith('2'));
  const okLatency = ok.length === 1 ? latencyOf(f, ok[0]!) : { p50Ms: Number.NaN, p99Ms: Number.NaN };
  const main = measurementRow(
    `flood: sign-in 2xx, ${int(flood.rate)}/s offered (≤${connections} conns)`,
    db,
    f,
  );
  main[3] = fixed(okLatency.p50Ms, 2);
  main[4] = fixed(okLatency.p99Ms, 2);
  const refused = latencyOf(f, '503');
  const refusedRow = [
    'flood:   refused with 503, same run',
    db,
    rate(countOf(f, '503') / f.seconds),
    fixed(refused.p50Ms, 2),
    fixed(refused.p99Ms, 2),
    '',
    '',
    '',
    '',
    '',
    '',
    int(countOf(f, '503')),
  ];
  return [main, refusedRow];
}

function floodSummary(
  flood: DatabaseFigures['flood'],
  db: string,
  factor: number,
  connections: number,
): string {
  const f = flood.signIn;
  const answers = Object.entries(f.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} × ${int(count)}`)
    .join(', ');
  const errors = f.failed - (f.responses - f.ok);
  const waiting = f.maxInFlight ?? Number.NaN;
  return (
    `Flood (${db}): ${factor} × ceiling = ${int(flood.rate)}/s asked; ${int(f.responses + errors)} sent at ` +
    `${int(f.offeredPerSecond ?? Number.NaN)}/s, the last answer after ${fixed(f.seconds, 1)} s; at most ` +
    `${int(waiting)} awaiting an answer${waiting > connections ? ` (over ${connections}: the rest waited in the loader for a connection)` : ''}; ` +
    `answers ${answers || 'none'}${errors > 0 ? `, and ${int(errors)} connection errors or timeouts` : ''}.`
  );
}

/**
 * Why a sign-in with TOTP run does not measure what it claims, or undefined when it does: every
 * answer must be a 200, and no connection may have waited for a user free in the current step.
 */
export function totpProblems(f: Figures): string | undefined {
  const problems: string[] = [];
  const unexpected = Object.entries(f.statuses).filter(
    ([key]) => key !== 'sign-in 200' && key !== 'verify 200',
  );
  if (unexpected.length > 0) {
    problems.push(`answers ${unexpected.map(([key, n]) => `${key} × ${int(n)}`).join(', ')}`);
  }
  const errors = f.failed - (f.responses - f.ok);
  if (errors > 0) problems.push(`${int(errors)} connection errors or timeouts`);
  if (f.totp && f.totp.poolWaits > 0) {
    problems.push(
      `every free user had already signed in within the current 30-s step ${int(f.totp.poolWaits)} time(s) ` +
        `(${fixed(f.totp.poolWaitMs / 1000, 1)} s of waiting, summed over connections): ${int(f.totp.poolSize)} users were too few, so the rate is too low`,
    );
  }
  if (f.ok === 0) problems.push('no sign-in completed');
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The pool, the answers and each step's latency of the sign-in with TOTP run. */
function totpSummary(d: DatabaseFigures, db: string): string {
  const f = d.signInTotp;
  const t = f.totp;
  const answers = Object.entries(f.statuses)
    .map(([key, n]) => `${key} × ${int(n)}`)
    .join(', ');
  const pool = d.totpPool;
  return (
    `Sign-in with TOTP (${db}): ${int(t?.poolSize ?? Number.NaN)} users with an authenticator app ` +
    `(${int(pool.fromSignUp)} from the sign-up run, ${int(pool.created)} signed up for it; ${fixed(pool.seedSeconds, 1)} s ` +
    `to set up), at most ${int(t?.maxUsersPerStep ?? Number.NaN)} signed in within one 30-s step; answers ` +
    `${answers || 'none'}; p50/p99 of each step: password ${fixed(t?.signIn.p50Ms ?? Number.NaN, 2)}/` +
    `${fixed(t?.signIn.p99Ms ?? Number.NaN, 2)} ms, code ${fixed(t?.verify.p50Ms ?? Number.NaN, 2)}/` +
    `${fixed(t?.verify.p99Ms ?? Number.NaN, 2)} ms.`
  );
}

function verdict(target: Target, d: DatabaseFigures, db: 'SQLite' | 'PostgreSQL'): string {
  const v = target.value(d);
  const pass = target.pass?.(v, db);
  return `${target.show(v)} ${pass === undefined ? '(info)' : pass ? 'PASS' : 'BELOW'}`;
}

export function printReport(r: Results): void {
  const { meta, argon2, hello, sqlite } = r;
  const pg = 'skipped' in r.postgres ? undefined : r.postgres;
  const c = meta.connections;
  const out: string[] = [];
  out.push(
    `Gatehouse bench · ${meta.date} · node ${meta.node} · ${meta.platform} · ${meta.cores} cores (${meta.cpu})`,
    `${meta.secondsPerMeasurement} s per measurement, ${fixed(meta.totalSeconds, 0)} s in all. Load: autocannon 9 in its own`,
    `process, sharing the ${meta.cores} cores with the server (and PostgreSQL): see bench/README.md.`,
    '',
    `Argon2id m=19456 t=2 p=1: one hash ${fixed(argon2.singleHashMs, 2)} ms (median of ${argon2.samples}; ` +
      `${fixed(argon2.singleHashMsBefore, 2)} ms before the servers ran, ${fixed(argon2.singleHashMsAfter, 2)} ms after)`,
    `  → ceiling ${argon2.cores} cores ÷ ${fixed(argon2.singleHashMs, 2)} ms = ${fixed(argon2.ceilingPerSecond)} hashes/s; ` +
      `${argon2.cores} parallel chains measured: ${fixed(argon2.parallelPerSecond)} hashes/s`,
    '',
  );

  const rows: string[][] = [
    [
      'Measurement',
      'Database',
      'per s',
      'p50 ms',
      'p99 ms',
      'µs/req',
      'server',
      'loader',
      'pg',
      'other',
      'machine',
      'failed',
    ],
    measurementRow(`hello {"ok":true} node:http (${c.get} conns)`, '—', hello.node),
    measurementRow(`hello {"ok":true} toNodeHandler (${c.get} conns)`, '—', hello.stack),
  ];
  const databases: Array<['SQLite' | 'PostgreSQL', DatabaseFigures]> = [['SQLite', sqlite]];
  if (pg) databases.push(['PostgreSQL', pg]);
  for (const [db, d] of databases) {
    rows.push(
      measurementRow(`POST sign-up (${c.hash} conns)`, db, d.signUp),
      measurementRow(`POST sign-in (${c.hash} conns)`, db, d.signIn),
      measurementRow(`POST sign-in + TOTP, both steps (${c.hash} conns)`, db, d.signInTotp),
      measurementRow(`POST refresh, chained (${c.refresh} conns)`, db, d.refresh),
      measurementRow(`GET /auth/session (${c.get} conns)`, db, d.session),
    );
    if (d.patGet) rows.push(measurementRow(`GET /auth/me, PAT bearer (${c.get} conns)`, db, d.patGet));
    if (d.sessionInfoLog) {
      rows.push(measurementRow(`GET /auth/session, log level info`, db, d.sessionInfoLog));
    }
    if (d.tokenChecks) {
      rows.push(
        measurementRow(`embedded getSession(accessToken) (${c.get} callers)`, db, d.tokenChecks.session),
        measurementRow(`embedded verifyPat(token): PAT check (${c.get} callers)`, db, d.tokenChecks.pat),
      );
    }
    if (d.userSearch) rows.push(...userSearchRows(d.userSearch, db));
    rows.push(
      measurementRow(`storm: sign-in (${c.storm} conns)`, db, d.storm.signIn),
      measurementRow(`storm: GET /auth/session @${meta.probeRate}/s`, db, d.storm.probe, false),
      ...floodRows(d.flood, db, c.flood),
      measurementRow(`flood: GET /auth/session @${meta.probeRate}/s`, db, d.flood.probe, false),
    );
  }
  out.push(table(rows, (col) => col >= 2));
  out.push(
    'per s = 2xx responses per second; µs/req = server CPU time per 2xx response (less sensitive to',
    'contention than per s). CPU in cores: server = gatehouse process (all threads), loader = the',
    'load generator, pg = all postgres processes, other = everyone else (other tenants); machine = share',
    'of all cores busy.',
  );
  const noisy = allFigures(r).filter((f) => f.otherCores > 0.2).length;
  if (noisy > 0) {
    out.push(
      `WARNING: in ${noisy} measurement(s) other processes used > 0.2 cores; those figures are disturbed.`,
    );
  }
  for (const [db, d] of databases) out.push(floodSummary(d.flood, db, meta.floodFactor, c.flood));
  for (const [db, d] of databases) {
    out.push(totpSummary(d, db));
    const broken = totpProblems(d.signInTotp);
    if (broken) out.push(`WARNING: sign-in with TOTP (${db}) is not a valid measurement: ${broken}.`);
  }
  out.push(`The toNodeHandler baseline went through ${hello.stack.entry ?? 'an unknown entry point'}.`);
  if (!pg) out.push(`PostgreSQL skipped: ${(r.postgres as { skipped: string }).skipped}`);
  out.push('');

  const targetRows: string[][] = [
    ['Target (informational; never fails the run)', 'SQLite', pg ? 'PostgreSQL' : ''],
  ];
  for (const t of targets(r)) {
    targetRows.push([t.label, verdict(t, sqlite, 'SQLite'), pg ? verdict(t, pg, 'PostgreSQL') : '']);
  }
  const patRatio = (d: DatabaseFigures) =>
    d.tokenChecks ? `${pct1(d.tokenChecks.pat.perSecond / d.tokenChecks.session.perSecond)} (info)` : '—';
  targetRows.push([
    'PAT check vs session check, embedded (verifyPat ÷ getSession per s)',
    patRatio(sqlite),
    pg ? patRatio(pg) : '',
  ]);
  if (sqlite.sessionInfoLog) {
    targetRows.push([
      'log level info vs warn: session req/s',
      `${fixed((sqlite.sessionInfoLog.perSecond / sqlite.session.perSecond - 1) * 100, 1)}%`,
      '',
    ]);
  }
  out.push(table(targetRows, () => false));
  process.stdout.write(`${out.join('\n')}\n`);
}

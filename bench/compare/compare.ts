/**
 * The comparison step of `npm run bench` (and of `--only=compare`): installs better-auth if
 * needed, runs the alternating rounds, prints the table and aims, and adds the figures to
 * bench/results/latest.json under `compare`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureBetterAuth } from './better-auth.js';
import { type CompareResults, compareReport, type FloodFigures } from './report.js';
import { runRounds } from './rounds.js';

const CORES = availableParallelism();

/** What each side runs with (bench/better-auth/server.mjs, lib/gatehouse.ts); see bench/README.md. */
const SETUP = [
  'gatehouse serve from dist/, GATEHOUSE_RATE_LIMITS=off, log level warn',
  'better-auth: node:http + toNodeHandler, basePath /auth, NODE_ENV=production, rateLimit off, telemetry off',
  'better-auth: emailAndPassword with password.hash/verify = @node-rs/argon2 (m=19456, t=2, p=1, Argon2id)',
  'better-auth: jwt plugin (GET /auth/token; disableSettingJwtHeader), session.cookieCache off; a second server with it on',
  'SQLite via better-sqlite3 on both: journal_mode=WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON',
];

/** The figures of the full bench the flood aims are read from (a subset of its `Results`). */
export interface BenchFigures {
  readonly argon2: { readonly parallelPerSecond: number };
  readonly sqlite: FloodSource;
  readonly postgres: FloodSource | { readonly skipped: string };
}

interface FloodSource {
  readonly flood: {
    readonly signIn: { readonly perSecond: number };
    readonly probe: { readonly p99Ms: number };
  };
}

export interface CompareOptions {
  /** A temporary directory the caller removes afterwards. */
  readonly dir: string;
  readonly log: (line: string) => void;
  /** The full bench's results, when it ran first. */
  readonly bench?: BenchFigures;
}

function floodFigures(bench: BenchFigures): FloodFigures[] {
  const sources: Array<[string, FloodSource]> = [['SQLite', bench.sqlite]];
  if (!('skipped' in bench.postgres)) sources.push(['PostgreSQL', bench.postgres]);
  return sources.map(([database, d]) => ({
    database,
    goodputPerSecond: d.flood.signIn.perSecond,
    probeP99Ms: d.flood.probe.p99Ms,
    parallelPerSecond: bench.argon2.parallelPerSecond,
  }));
}

/** Adds `compare` to latest.json, keeping whatever else is there (the full bench's figures). */
function saveResults(compare: CompareResults | { skipped: string }): void {
  const out = new URL('../results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const file = join(out, 'latest.json');
  let previous: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      previous = {};
    }
  }
  writeFileSync(file, `${JSON.stringify({ ...previous, compare }, null, 2)}\n`);
}

export async function compareWithBetterAuth(options: CompareOptions): Promise<void> {
  const { log } = options;
  const seconds = Number(process.env.COMPARE_SECONDS ?? Math.min(5, Number(process.env.BENCH_SECONDS ?? 5)));
  const rounds = Math.max(1, Number(process.env.COMPARE_ROUNDS ?? 3));
  let version: string;
  try {
    version = ensureBetterAuth(log);
  } catch (error) {
    // Without the registry there is no better-auth to run: the rest of the bench still counts.
    const skipped = `better-auth could not be installed: ${error instanceof Error ? error.message : String(error)}`;
    process.stdout.write(`\nComparison with better-auth skipped: ${skipped}\n`);
    saveResults({ skipped });
    return;
  }
  const started = performance.now();
  const connections = { hash: 4 * CORES, get: 10, refresh: 10 };
  const warmUpSeconds = Math.min(1, seconds);
  const dir = mkdtempSync(join(options.dir, 'compare-'));
  const result = await runRounds({ rounds, seconds, warmUpSeconds, connections, dir, log });
  const compare: CompareResults = {
    meta: {
      betterAuthVersion: version,
      rounds,
      seconds,
      warmUpSeconds,
      connections,
      totalSeconds: (performance.now() - started) / 1000,
      setup: SETUP,
    },
    ...result,
  };
  saveResults(compare);
  const lines = compareReport(compare, options.bench ? floodFigures(options.bench) : undefined);
  process.stdout.write(`${lines.join('\n')}\nJSON: bench/results/latest.json (under "compare")\n`);
}

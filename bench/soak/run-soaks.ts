/**
 * The soak of `npm run bench` (and of `npx tsx bench/soak.ts`): each database in turn, fresh,
 * under ten minutes of mixed load by default; its tables printed on stdout and its figures added
 * to bench/results/latest.json under `soak` (the rest of the file is left as it is).
 *
 * Options, as flags or environment:
 * - `--soak-minutes=N` / `BENCH_SOAK_MINUTES=N`: minutes of load per database (default 10; 0
 *   skips the soak). Fractions work (`0.5`).
 * - `--only=soak` (or `--soak-only`): `npm run bench` runs the soak alone; `--only=` naming
 *   another part of the bench skips the soak.
 * - `--soak-databases=sqlite,postgres` / `BENCH_SOAK_DATABASES`: a subset, in that order.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SLOPE_LIMIT_MB_PER_MIN } from './analyse.js';
import { DRIVER_SOCKETS } from './client.js';
import {
  DEFAULT_SOAK_DATABASES,
  provideSoakDatabase,
  type SkippedDatabase,
  type SoakDatabase,
  type SoakDatabaseName,
} from './databases.js';
import { SOAK_RATES } from './job.js';
import { skippedLine, soakLines } from './report.js';
import { SAMPLE_SECONDS, type SoakFigures, soakDatabase } from './soak-database.js';

const DEFAULT_MINUTES = 10;
const WARM_UP_SECONDS = 120;

export interface SoakSettings {
  readonly minutes: number;
  /** Run nothing but the soak. */
  readonly only: boolean;
  readonly databases: readonly SoakDatabaseName[];
}

function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** The soak's settings from the command line and the environment (the flag wins). */
export function soakSettings(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): SoakSettings {
  const minutesText = flag(argv, 'soak-minutes') ?? env.BENCH_SOAK_MINUTES;
  const minutes = minutesText === undefined ? DEFAULT_MINUTES : Number(minutesText);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error(`--soak-minutes must be a number ≥ 0, not "${minutesText}"`);
  const onlyFlag = flag(argv, 'only');
  const only = onlyFlag === 'soak' || argv.includes('--soak-only');
  // `--only=<another part>` runs that part alone: no soak after it.
  if (onlyFlag !== undefined && !only) return { minutes: 0, only: false, databases: [] };
  const listed = (flag(argv, 'soak-databases') ?? env.BENCH_SOAK_DATABASES)
    ?.split(',')
    .map((s) => s.trim().toLowerCase());
  const byKey: Record<string, SoakDatabaseName> = {
    sqlite: 'SQLite',
    postgres: 'PostgreSQL',
    postgresql: 'PostgreSQL',
    mysql: 'MariaDB',
    mariadb: 'MariaDB',
  };
  const databases = listed
    ? listed.map((key) => {
        const name = byKey[key];
        if (!name) throw new Error(`--soak-databases: unknown database "${key}" (sqlite, postgres, mysql)`);
        return name;
      })
    : DEFAULT_SOAK_DATABASES;
  return { minutes, only, databases };
}

/** Warm-up: 2 minutes, or a fifth of a run shorter than 10 minutes. */
export const warmUpSeconds = (seconds: number) => Math.min(WARM_UP_SECONDS, Math.round(seconds / 5));

/** A database whose soak broke (the server did not start, the driver failed): the bench's fault. */
interface FailedDatabase {
  readonly name: SoakDatabaseName;
  readonly failed: string;
}

type Outcome = SoakFigures | SkippedDatabase | FailedDatabase;
const nameOf = (o: Outcome) => ('database' in o ? o.database : o.name);

/** The database being soaked, so Ctrl-C can stop its cluster too (`releaseSoakDatabase`). */
let held: SoakDatabase | undefined;

/** Stops the database of a soak cut short (its server child is stopped by `stopAllChildren`). */
export async function releaseSoakDatabase(): Promise<void> {
  const database = held;
  held = undefined;
  await database?.release().catch(() => {});
}

function record(settings: SoakSettings, seconds: number, outcomes: readonly Outcome[]): void {
  const out = new URL('../results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const file = join(out, 'latest.json');
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No earlier results (or unreadable): the soak's alone.
  }
  results.soak = {
    date: new Date().toISOString(),
    minutes: settings.minutes,
    warmUpSeconds: warmUpSeconds(seconds),
    sampleSeconds: SAMPLE_SECONDS,
    rates: SOAK_RATES,
    driverSockets: DRIVER_SOCKETS,
    slopeLimitMbPerMinute: SLOPE_LIMIT_MB_PER_MIN,
    databases: Object.fromEntries(outcomes.map((o) => [nameOf(o), o])),
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/**
 * Soaks each database in `settings`, prints the tables, adds them to latest.json; returns
 * whether every database that ran was stable. A database whose soak broke is reported and
 * the others still run; the exit code becomes 1.
 */
export async function runSoaks(settings: SoakSettings, log: (line: string) => void): Promise<boolean> {
  const seconds = Math.round(settings.minutes * 60);
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-soak-'));
  const outcomes: Outcome[] = [];
  try {
    for (const name of settings.databases) {
      const database = await provideSoakDatabase(name, dir);
      if ('skipped' in database) {
        log(`${name}: soak skipped (${database.skipped})`);
        outcomes.push(database);
        continue;
      }
      held = database;
      try {
        outcomes.push(
          await soakDatabase(database, {
            dir,
            seconds,
            warmUpSeconds: warmUpSeconds(seconds),
            rates: SOAK_RATES,
            log,
          }),
        );
      } catch (error) {
        const failed = error instanceof Error ? error.message : String(error);
        log(`${name}: soak FAILED: ${failed}`);
        outcomes.push({ name, failed });
      } finally {
        await releaseSoakDatabase();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines: string[] = [''];
  for (const o of outcomes) {
    if ('skipped' in o) lines.push(skippedLine(o), '');
    else if ('failed' in o) lines.push(`Soak — ${o.name}: FAILED (${o.failed})`, '');
    else lines.push(...soakLines(o, settings.minutes, warmUpSeconds(seconds)), '');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  record(settings, seconds, outcomes);
  // The verdict is in the table; only a soak that could not run is the bench's failure.
  if (outcomes.some((o) => 'failed' in o)) {
    process.stderr.write('bench failed: a soak could not run (see FAILED above)\n');
    process.exitCode = 1;
  }
  return outcomes.every((o) => !('analysis' in o) || o.analysis.verdict.stable);
}

/**
 * `npm run build && npx tsx bench/token-checks.ts`: only the embedded bearer checks of
 * `npm run bench` — `verifyPat(token)` (the PAT check) beside `getSession(accessToken)` — on a
 * fresh SQLite file and on PostgreSQL (`DATABASE_URL`, else a throwaway cluster), printed as one
 * small table. `npm run bench` runs the same measurement after each database's HTTP runs.
 */
import type { Figures } from './lib/measure.js';
import { log, runStandalone } from './lib/standalone.js';
import { measureTokenChecks } from './lib/token-checks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Math.min(2, SECONDS);
const CALLERS = 10;

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function row(label: string, db: string, f: Figures): string {
  const usPerCheck = (f.serverCores * 1e6) / f.perSecond;
  return [
    label.padEnd(38),
    db.padEnd(10),
    fixed(f.perSecond, 0).padStart(8),
    fixed(f.p50Ms, 3).padStart(8),
    fixed(f.p99Ms, 3).padStart(8),
    fixed(usPerCheck, 0).padStart(7),
    fixed(f.serverCores, 2).padStart(7),
    fixed(f.databaseCores, 2).padStart(6),
    fixed(Math.max(0, f.otherCores), 2).padStart(6),
    String(f.failed).padStart(7),
  ].join('  ');
}

runStandalone('tokens', async (databases) => {
  const lines = [
    [
      'Measurement'.padEnd(38),
      'Database'.padEnd(10),
      'per s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'µs/chk'.padStart(7),
      'cores'.padStart(7),
      'pg'.padStart(6),
      'other'.padStart(6),
      'failed'.padStart(7),
    ].join('  '),
  ];
  for (const database of databases) {
    log(
      `${database.name}: embedded getSession and verifyPat (${WARM_UP_SECONDS} s warm-up + ${SECONDS} s each)`,
    );
    const figures = await measureTokenChecks({
      database,
      callers: CALLERS,
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
    });
    lines.push(
      row(`getSession(accessToken) (${CALLERS} callers)`, database.name, figures.session),
      row(`verifyPat(token) (${CALLERS} callers)`, database.name, figures.pat),
    );
  }
  lines.push(
    'per s = successful checks per second, in-process on dist/; µs/chk = CPU of that process per check; cores = its CPU.',
  );
  return lines;
});

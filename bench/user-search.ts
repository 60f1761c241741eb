/**
 * `npm run build && npx tsx bench/user-search.ts`: only the admin user search of `npm run bench`
 * — `listUsers` on 100,000 users (`BENCH_USERS` to change), four cases — on a fresh SQLite file
 * and on PostgreSQL (`DATABASE_URL`, else a throwaway cluster), printed as one small table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAllChildren } from './lib/children.js';
import type { Database } from './lib/gatehouse.js';
import { type ProvidedPostgres, providePostgres } from './lib/postgres.js';
import {
  measureUserSearch,
  USER_SEARCH_CALLERS,
  userSearchRows,
  userSearchSeconds,
} from './lib/user-search.js';
import { USER_SEARCH_CASES, type UserSearchFigures } from './lib/user-search-cases.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = userSearchSeconds(Number(process.env.BENCH_SECONDS ?? 10));

const log = (line: string) => process.stderr.write(`▸ ${line}\n`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-search-'));
  let postgres: ProvidedPostgres | undefined;
  try {
    const databases: Database[] = [{ name: 'SQLite', url: `sqlite:${join(dir, 'search.db')}` }];
    try {
      postgres = await providePostgres();
      databases.push(postgres.database);
    } catch (error) {
      log(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
    const results: Array<[string, UserSearchFigures]> = [];
    for (const database of databases) {
      log(
        `${database.name}: ${USERS.toLocaleString('en-US')} users, then listUsers × ${Object.keys(USER_SEARCH_CASES).length} cases (${SECONDS.warmUp} s warm-up + ${SECONDS.measured} s each)`,
      );
      const figures = await measureUserSearch({
        database,
        users: USERS,
        callers: USER_SEARCH_CALLERS,
        seconds: SECONDS.measured,
        warmUpSeconds: SECONDS.warmUp,
      });
      results.push([database.name, figures]);
    }
    process.stdout.write(`${userSearchRows(results).join('\n')}\n`);
  } finally {
    await stopAllChildren();
    await postgres?.release().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});

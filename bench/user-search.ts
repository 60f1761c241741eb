/**
 * `npm run build && npx tsx bench/user-search.ts`: only the admin user search of `npm run bench`
 * — `listUsers` on 100,000 users (`BENCH_USERS` to change), four cases — on a fresh SQLite file
 * and on PostgreSQL (`DATABASE_URL`, else a throwaway cluster), printed as one small table.
 */
import { log, runStandalone } from './lib/standalone.js';
import {
  measureUserSearch,
  USER_SEARCH_CALLERS,
  userSearchRows,
  userSearchSeconds,
} from './lib/user-search.js';
import { USER_SEARCH_CASES, type UserSearchFigures } from './lib/user-search-cases.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = userSearchSeconds(Number(process.env.BENCH_SECONDS ?? 10));

runStandalone('search', async (databases) => {
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
  return userSearchRows(results);
});

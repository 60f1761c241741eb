/**
 * Child process: the operator's user search (`listUsers`) on 100,000 users, called in-process on
 * the built package (`dist/`), as the admin API and CLI call it. Receives one `UserSearchJob`
 * over IPC, migrates, seeds the users in bulk (`lib/user-search-seed.ts`), then runs each case
 * closed loop for the job's seconds after a short warm-up, metering its own CPU (and
 * PostgreSQL's) per case, and sends back the figures.
 */
import { startCpuMeter } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import {
  USER_SEARCH_CASES,
  type UserSearchCase,
  type UserSearchFigures,
  type UserSearchJob,
} from '../lib/user-search-cases.js';
import { seedUsers } from '../lib/user-search-seed.js';
import { answerJob, closedLoop, loopFigures, openInstance } from './in-process.js';

async function run(job: UserSearchJob): Promise<UserSearchFigures> {
  const gatehouse = openInstance(job);
  try {
    await gatehouse.ready();
    const seedSeconds = await seedUsers(
      { url: job.databaseUrl, ...(job.tablePrefix ? { tablePrefix: job.tablePrefix } : {}) },
      job.users,
    );
    process.send?.({ started: true });
    const cases = {} as Record<UserSearchCase, Figures & { rows: number }>;
    for (const [name, { query }] of Object.entries(USER_SEARCH_CASES) as Array<
      [UserSearchCase, (typeof USER_SEARCH_CASES)[UserSearchCase]]
    >) {
      const call = () => gatehouse.listUsers(query);
      const rows = (await call()).users.length;
      await closedLoop(job.callers, call, job.warmUpSeconds);
      const stopMeter = startCpuMeter(process.pid);
      const loop = await closedLoop(job.callers, call, job.seconds);
      cases[name] = { rows, ...loopFigures(loop, stopMeter(0)) };
    }
    return { users: job.users, seedSeconds, cases };
  } finally {
    await gatehouse.close();
  }
}

answerJob(run);

/**
 * Child process: the operator's user search (`listUsers`) on 100,000 users, called in-process on
 * the built package (`dist/`), as the admin API and CLI call it. Receives one `UserSearchJob`
 * over IPC, migrates, seeds the users in bulk (`lib/user-search-seed.ts`), then runs each case
 * closed loop for the job's seconds after a short warm-up, metering its own CPU (and
 * PostgreSQL's) per case, and sends back the figures.
 */
import type { GatehouseOptions } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { startCpuMeter } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import {
  USER_SEARCH_CASES,
  type UserSearchCase,
  type UserSearchFigures,
  type UserSearchJob,
} from '../lib/user-search-cases.js';
import { seedUsers } from '../lib/user-search-seed.js';
import { percentiles } from '../load/job.js';

// Loaded from dist, as an app that installed the package would.
const entry = new URL('../../dist/index.js', import.meta.url).href;
const { createGatehouse } = (await import(entry)) as {
  createGatehouse(options: GatehouseOptions): Gatehouse;
};

async function closedLoop(
  call: () => Promise<unknown>,
  callers: number,
  seconds: number,
): Promise<{
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  latencies: number[];
  wall: number;
}> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        let outcome = 'ok';
        try {
          await call();
        } catch (error) {
          outcome = (error as { code?: string }).code ?? 'error';
        }
        latencies.push(performance.now() - t0);
        statuses[outcome] = (statuses[outcome] ?? 0) + 1;
        if (outcome === 'ok') ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, statuses, latencies, wall: (performance.now() - started) / 1000 };
}

async function run(job: UserSearchJob): Promise<UserSearchFigures> {
  const gatehouse = createGatehouse({
    databaseUrl: job.databaseUrl,
    ...(job.tablePrefix ? { tablePrefix: job.tablePrefix } : {}),
    secret: job.secret,
    migrations: 'apply',
    logLevel: 'error',
    mailer: { send: async () => {} },
    rateLimits: 'off',
  });
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
      await closedLoop(call, job.callers, job.warmUpSeconds);
      const stopMeter = startCpuMeter(process.pid);
      const loop = await closedLoop(call, job.callers, job.seconds);
      const cpu = stopMeter(0);
      cases[name] = {
        rows,
        seconds: loop.wall,
        responses: loop.ok + loop.failed,
        ok: loop.ok,
        failed: loop.failed,
        statuses: loop.statuses,
        perSecond: loop.ok / loop.wall,
        ...percentiles(loop.latencies),
        loaderCores: 0,
        ...cpu,
      };
    }
    return { users: job.users, seedSeconds, cases };
  } finally {
    await gatehouse.close();
  }
}

process.once('message', (job: UserSearchJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});

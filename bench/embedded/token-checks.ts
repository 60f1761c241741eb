/**
 * Child process: the bearer checks an embedding app makes on every authenticated request, called
 * in-process on the built package (`dist/`), with no HTTP in between — `verifyPat(token)` for a
 * personal access token, and `getSession(accessToken)` for a session beside it. Receives one
 * `TokenCheckJob` over IPC, seeds its users and tokens, warms up, says `{started: true}`, runs
 * closed loop for the job's seconds and sends back its figures: a `LoadResult` and the CPU used
 * meanwhile, metered here while the database connections are still open (the callers and the
 * checks share this process, so its CPU is the "server" figure and `loaderCores` is 0).
 */
import { randomBytes } from 'node:crypto';
import type { GatehouseOptions } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { startCpuMeter } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import { percentiles } from '../load/job.js';

export interface TokenCheckJob {
  readonly check: 'pat' | 'session';
  readonly databaseUrl: string;
  readonly tablePrefix?: string;
  /** The instance secret the database's signing keys are sealed with (the bench server's). */
  readonly secret: string;
  /** Concurrent callers, each with its own user and token. */
  readonly callers: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

const PASSWORD = 'correct horse battery staple';

// Loaded from dist, as an app that installed the package would.
const entry = new URL('../../dist/index.js', import.meta.url).href;
const { createGatehouse } = (await import(entry)) as {
  createGatehouse(options: GatehouseOptions): Gatehouse;
};

/** One bearer per caller: a PAT (with the scope an API would ask for) or the sign-up's access token. */
async function seed(gatehouse: Gatehouse, job: TokenCheckJob): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const bearers: string[] = [];
  for (let i = 0; i < job.callers; i++) {
    const { accessToken } = await gatehouse.signUp({
      email: `${job.check}-${tag}-${i}@bench.test`,
      password: PASSWORD,
    });
    if (job.check === 'session') {
      bearers.push(accessToken);
      continue;
    }
    const { token } = await gatehouse.createPat(accessToken, { name: 'bench', scopes: ['bench:read'] });
    bearers.push(token);
  }
  return bearers;
}

async function closedLoop(
  check: (bearer: string) => Promise<unknown>,
  bearers: readonly string[],
  seconds: number,
  record: boolean,
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
    bearers.map(async (bearer) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        let outcome = 'ok';
        try {
          await check(bearer);
        } catch (error) {
          outcome = (error as { code?: string }).code ?? 'error';
        }
        if (!record) continue;
        latencies.push(performance.now() - t0);
        statuses[outcome] = (statuses[outcome] ?? 0) + 1;
        if (outcome === 'ok') ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, statuses, latencies, wall: (performance.now() - started) / 1000 };
}

async function run(job: TokenCheckJob): Promise<Figures> {
  const gatehouse = createGatehouse({
    databaseUrl: job.databaseUrl,
    ...(job.tablePrefix ? { tablePrefix: job.tablePrefix } : {}),
    secret: job.secret,
    migrations: 'apply',
    logLevel: 'error',
    // Nothing is delivered: sign-up's verification mail would otherwise be printed.
    mailer: { send: async () => {} },
    rateLimits: 'off',
  });
  try {
    await gatehouse.ready();
    const bearers = await seed(gatehouse, job);
    const check =
      job.check === 'pat'
        ? (bearer: string) => gatehouse.verifyPat(bearer)
        : (bearer: string) => gatehouse.getSession(bearer);
    await closedLoop(check, bearers, job.warmUpSeconds, false);
    process.send?.({ started: true });
    const stopMeter = startCpuMeter(process.pid);
    const run = await closedLoop(check, bearers, job.seconds, true);
    const cpu = stopMeter(0);
    return {
      seconds: run.wall,
      responses: run.ok + run.failed,
      ok: run.ok,
      failed: run.failed,
      statuses: run.statuses,
      perSecond: run.ok / run.wall,
      ...percentiles(run.latencies),
      loaderCores: 0,
      ...cpu,
    };
  } finally {
    await gatehouse.close();
  }
}

process.once('message', (job: TokenCheckJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});

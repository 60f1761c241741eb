/**
 * What the in-process bench children share: the built package (`dist/`), loaded as an app that
 * installed it would; the instance they measure; a closed loop of concurrent callers and its
 * figures; and the IPC frame (one job in, its result or `{error}` out).
 */
import type { GatehouseOptions } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import type { CpuFigures } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import { percentiles } from '../load/job.js';

const entry = new URL('../../dist/index.js', import.meta.url).href;
const { createGatehouse } = (await import(entry)) as {
  createGatehouse(options: GatehouseOptions): Gatehouse;
};

/** The bench server's database and the secret its signing keys are sealed with. */
export interface InstanceJob {
  readonly databaseUrl: string;
  readonly tablePrefix?: string;
  readonly secret: string;
}

/** An instance on the job's database: migrated, quiet, no rate limits (one address calls it all). */
export function openInstance(job: InstanceJob): Gatehouse {
  return createGatehouse({
    databaseUrl: job.databaseUrl,
    ...(job.tablePrefix ? { tablePrefix: job.tablePrefix } : {}),
    secret: job.secret,
    migrations: 'apply',
    logLevel: 'error',
    // Nothing is delivered: sign-up's verification mail would otherwise be printed.
    mailer: { send: async () => {} },
    rateLimits: 'off',
  });
}

export interface Loop {
  readonly ok: number;
  readonly failed: number;
  /** Outcomes by error code (`ok` for a success). */
  readonly statuses: Record<string, number>;
  readonly latencies: number[];
  /** Seconds from the first call to the last answer. */
  readonly wall: number;
}

/** `callers` callers at once, each calling `call(itsIndex)` back to back until `seconds` pass. */
export async function closedLoop(
  callers: number,
  call: (caller: number) => Promise<unknown>,
  seconds: number,
): Promise<Loop> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        let outcome = 'ok';
        try {
          await call(caller);
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

/**
 * A loop's figures with the CPU metered meanwhile. The callers share this process with the
 * calls, so its CPU is the "server" figure and the loader's is 0.
 */
export function loopFigures(loop: Loop, cpu: CpuFigures): Figures {
  return {
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

/** Runs the one job the parent sends over IPC and sends back its result, or `{error}`. */
export function answerJob<J, R>(run: (job: J) => Promise<R>): void {
  process.once('message', (job: J) => {
    run(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

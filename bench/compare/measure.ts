/** One measurement of the comparison: as lib/measure.ts, with the comparison's loader. */
import { type RunningServer, runInChild } from '../lib/children.js';
import { type CpuFigures, startCpuMeter } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import type { LoadResult } from '../load/job.js';
import type { CompareJob } from './job.js';

const LOADER = new URL('./loader.ts', import.meta.url).pathname;

/** Runs `job` against `server`; CPU is counted from the moment the load starts (after warm-up). */
export async function measureJob(server: RunningServer, job: CompareJob): Promise<Figures> {
  let stopMeter: ((loaderCores: number) => CpuFigures) | undefined;
  const timeoutMs = (job.seconds + (job.warmUpSeconds ?? 0) + 60) * 1000;
  const load = await runInChild<LoadResult>(LOADER, job, timeoutMs, () => {
    stopMeter = startCpuMeter(server.pid);
  });
  const cpu = stopMeter?.(load.loaderCores) ?? {
    serverCores: Number.NaN,
    databaseCores: Number.NaN,
    machineBusy: Number.NaN,
    otherCores: Number.NaN,
  };
  return { ...load, ...cpu };
}

/** One measurement: a load job run from its own child process, with the server's CPU beside it. */
import type { Job, LoadResult } from '../load/job.js';
import { type RunningServer, runInChild } from './children.js';
import { type CpuFigures, startCpuMeter } from './cpu.js';

const LOADER = new URL('../load/loader.ts', import.meta.url).pathname;

export interface Figures extends LoadResult, CpuFigures {}

/** Runs `job` against `server`; CPU is counted from the moment the load starts (after warm-up). */
export async function measure(server: RunningServer, job: Job): Promise<Figures> {
  return measureWith(LOADER, server, job);
}

/** `measure` with another loader module (the better-auth comparison has its own jobs). */
export async function measureWith(
  loader: string,
  server: RunningServer,
  job: { readonly seconds: number; readonly warmUpSeconds?: number },
): Promise<Figures> {
  let stopMeter: ((loaderCores: number) => CpuFigures) | undefined;
  const timeoutMs = (job.seconds + (job.warmUpSeconds ?? 0) + 60) * 1000;
  const load = await runInChild<LoadResult>(loader, job, timeoutMs, () => {
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

/** One measurement of the comparison: as lib/measure.ts, with the comparison's loader. */
import type { RunningServer } from '../lib/children.js';
import { type Figures, measureWith } from '../lib/measure.js';
import type { CompareJob } from './job.js';

const LOADER = new URL('./loader.ts', import.meta.url).pathname;

/** Runs `job` against `server`; CPU is counted from the moment the load starts (after warm-up). */
export function measureJob(server: RunningServer, job: CompareJob): Promise<Figures> {
  return measureWith(LOADER, server, job);
}

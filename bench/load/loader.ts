/**
 * Load-generator child process: receives one `Job` over IPC, runs it, sends back a `LoadResult`.
 * It runs apart from the server so the two are separate processes the OS schedules on the
 * machine's cores, as a real client and server would be.
 */
import { runClosedLoop } from './closed-loop.js';
import { isOpenLoop, type Job, type LoadResult } from './job.js';
import { runOpenLoop } from './open-loop.js';
import { runTwoStepSignIn } from './two-step-sign-in.js';

async function run(job: Job): Promise<LoadResult> {
  // Only GETs repeat harmlessly: a second sign-up or refresh run would reuse spent emails or tokens.
  if (job.warmUpSeconds && job.kind === 'get') await runClosedLoop({ ...job, seconds: job.warmUpSeconds });
  // Tells the parent to start its clocks (server CPU) now, after start-up and warm-up.
  process.send?.({ started: true });
  if (isOpenLoop(job)) return runOpenLoop(job);
  if (job.kind === 'totp-sign-in') return runTwoStepSignIn(job);
  return runClosedLoop(job);
}

process.once('message', (job: Job) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});

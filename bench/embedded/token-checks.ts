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
import type { Gatehouse } from '../../src/gatehouse.js';
import { startCpuMeter } from '../lib/cpu.js';
import type { Figures } from '../lib/measure.js';
import { answerJob, closedLoop, type InstanceJob, loopFigures, openInstance } from './in-process.js';

export interface TokenCheckJob extends InstanceJob {
  readonly check: 'pat' | 'session';
  /** Concurrent callers, each with its own user and token. */
  readonly callers: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

const PASSWORD = 'correct horse battery staple';

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

async function run(job: TokenCheckJob): Promise<Figures> {
  const gatehouse = openInstance(job);
  try {
    await gatehouse.ready();
    const bearers = await seed(gatehouse, job);
    const check =
      job.check === 'pat'
        ? (caller: number) => gatehouse.verifyPat(bearers[caller]!)
        : (caller: number) => gatehouse.getSession(bearers[caller]!);
    await closedLoop(bearers.length, check, job.warmUpSeconds);
    process.send?.({ started: true });
    const stopMeter = startCpuMeter(process.pid);
    const loop = await closedLoop(bearers.length, check, job.seconds);
    return loopFigures(loop, stopMeter(0));
  } finally {
    await gatehouse.close();
  }
}

answerJob(run);

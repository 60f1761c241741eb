/**
 * Closed-loop sign-in with an authenticator app, both steps: `POST /auth/sign-in/email` (the
 * password; answered with an `mfaToken`), then `POST /auth/mfa/verify` with the current TOTP
 * code. Each connection starts its next sign-in when the previous one is done, as autocannon's do.
 *
 * A code works once per 30-second step per user (the server refuses that step and earlier ones
 * afterwards), so the users wait in a queue and go back to its tail after use. A user who already
 * signed in during the current step is never sent again in it, as that could only measure 401s:
 * the connection waits for the next step instead, and the wait is counted (`poolWaits`) so the
 * report can say the pool was too small. The rate counts sign-ins completed within the run's
 * seconds, as autocannon counts its answers; those in flight at the end are awaited, and their
 * answers counted in `statuses`. autocannon is not used: its request sequences could carry the
 * token to the second request, but its synchronous hooks cannot wait for a user to become free,
 * and it would not time the two steps apart.
 */
import { Agent, request } from 'node:http';
import { base32Decode } from '../../src/crypto/base32.js';
import { hotp, totpStep } from '../../src/crypto/totp.js';
import { type Job, type LoadResult, percentiles } from './job.js';

type TotpJob = Extract<Job, { kind: 'totp-sign-in' }>;

const STEP_MS = 30_000;

interface PoolUser {
  readonly body: string;
  readonly secret: Uint8Array;
  lastStep: number;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, url: URL, body: string, userAgent: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': userAgent,
        },
        timeout: 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end(body);
  });
}

function mfaTokenOf(answer: Answer): string | undefined {
  try {
    const token = (JSON.parse(answer.body) as { mfaToken?: unknown }).mfaToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runTwoStepSignIn(job: TotpJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const signInUrl = new URL('/auth/sign-in/email', job.url);
  const verifyUrl = new URL('/auth/mfa/verify', job.url);
  // Ordered by last use: users come back in the order their codes were accepted, and start
  // behind nobody, so if the head was used in this step, every free user was.
  const queue: PoolUser[] = job.users
    .map((u) => ({
      body: JSON.stringify({ email: u.email, password: u.password }),
      secret: base32Decode(u.secret),
      lastStep: u.lastStep,
    }))
    .sort((a, b) => a.lastStep - b.lastStep);

  const latencies: number[] = [];
  const signInLatencies: number[] = [];
  const verifyLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  const count = (key: string) => {
    statuses[key] = (statuses[key] ?? 0) + 1;
  };
  const perStep = new Map<number, number>();
  let ok = 0;
  /** Completed before the deadline: the rate counts these over the run's seconds, as autocannon does. */
  let okInTime = 0;
  let failed = 0;
  let answered = 0;
  let poolWaits = 0;
  let poolWaitMs = 0;

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + job.seconds * 1000;

  /** The next user free in the current step, or undefined once the run is over. */
  async function take(): Promise<PoolUser | undefined> {
    for (;;) {
      if (performance.now() >= deadline) return undefined;
      const now = Date.now();
      const head = queue[0];
      if (head && head.lastStep < totpStep(now)) return queue.shift();
      poolWaits++;
      const waitStarted = performance.now();
      // No head: every user is in flight (a pool barely above the connections); one comes back soon.
      const wait = head ? (totpStep(now) + 1) * STEP_MS - now + 1 : 5;
      await sleep(Math.min(wait, deadline - waitStarted));
      poolWaitMs += performance.now() - waitStarted;
    }
  }

  /** One sign-in, both steps. Sets `user.lastStep` just before a code is sent. */
  async function signIn(user: PoolUser): Promise<void> {
    const t0 = performance.now();
    const first = await post(agent, signInUrl, user.body, job.userAgent);
    const t1 = performance.now();
    signInLatencies.push(t1 - t0);
    const mfaToken = first.status === 200 ? mfaTokenOf(first) : undefined;
    if (mfaToken === undefined) {
      count(first.status === 200 ? 'sign-in 200 without mfaToken' : `sign-in ${first.status}`);
      answered++;
      latencies.push(t1 - t0);
      failed++;
      return;
    }
    count('sign-in 200');
    // The step when the code is sent, which may be later than when the user was taken.
    const step = totpStep(Date.now());
    const code = hotp(user.secret, step);
    user.lastStep = step;
    const second = await post(
      agent,
      verifyUrl,
      JSON.stringify({ mfaToken, method: 'totp', code }),
      job.userAgent,
    );
    const t2 = performance.now();
    verifyLatencies.push(t2 - t1);
    latencies.push(t2 - t0);
    answered++;
    const session = second.status === 200 && second.body.includes('"accessToken"');
    count(second.status === 200 && !session ? 'verify 200 without accessToken' : `verify ${second.status}`);
    if (session) {
      ok++;
      if (t2 <= deadline) okInTime++;
      perStep.set(step, (perStep.get(step) ?? 0) + 1);
    } else {
      failed++;
    }
  }

  async function connection(): Promise<void> {
    for (;;) {
      const user = await take();
      if (!user) return;
      const before = user.lastStep;
      try {
        await signIn(user);
      } catch {
        // A connection error or timeout (not an answer): counted as failed, not in `statuses`.
        failed++;
      } finally {
        // A user whose code was never sent is still the least recently used: back to the head.
        if (user.lastStep === before) queue.unshift(user);
        else queue.push(user);
      }
    }
  }

  await Promise.all(Array.from({ length: job.connections }, connection));
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return {
    seconds: job.seconds,
    responses: answered,
    ok,
    failed,
    statuses,
    perSecond: okInTime / job.seconds,
    ...percentiles(latencies),
    loaderCores: (cpu.user + cpu.system) / 1e6 / wallSeconds,
    totp: {
      poolSize: job.users.length,
      maxUsersPerStep: Math.max(0, ...perStep.values()),
      poolWaits,
      poolWaitMs,
      signIn: percentiles(signInLatencies),
      verify: percentiles(verifyLatencies),
    },
  };
}

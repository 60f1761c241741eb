/**
 * Open-loop load: requests sent at a fixed, evenly spaced rate over keep-alive connections,
 * whatever happened to earlier ones, each latency counted from when the request was due, so a
 * stalled server cannot hide its stall by delaying our next send (coordinated omission). Runs
 * the `GET /auth/session` probe of the storm and the flood, and the flood's sign-ins.
 *
 * autocannon's `overallRate` is not used. It gives each connection a quota per second, which the
 * connection sends from the start of the second, each request only once the previous one was
 * answered: the load arrives in bursts, latency is not counted from when a request was due, and
 * when answers slow down, less than the asked rate goes out (in a trial on a busy 2-core VM, a
 * sign-in flood asked at 1,070/s sent 668/s on PostgreSQL, and 1,038/s of 1,109/s on SQLite).
 */
import { Agent, request } from 'node:http';
import { type LoadResult, type OpenLoopJob, percentiles } from './job.js';

const PROBE_WARM_UP_REQUESTS = 20;
const PROBE_MAX_SOCKETS = 64;

interface Outgoing {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function send(agent: Agent, url: URL, outgoing: Outgoing): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent, method: outgoing.method, headers: outgoing.headers, timeout: 20_000 },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end(outgoing.body);
  });
}

/** The `i`-th request of the job: the probe's GET, or a sign-in of the next user in turn. */
function requests(job: OpenLoopJob): { url: URL; next: (i: number) => Outgoing } {
  if (job.kind === 'probe') {
    const get: Outgoing = { method: 'GET', headers: { authorization: `Bearer ${job.bearer}` } };
    return { url: new URL(job.path, job.url), next: () => get };
  }
  const bodies = job.users.map((user) => JSON.stringify(user));
  return {
    url: new URL('/auth/sign-in/email', job.url),
    next: (i) => {
      const body = bodies[i % bodies.length]!;
      return {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        body,
      };
    },
  };
}

export async function runOpenLoop(job: OpenLoopJob): Promise<LoadResult> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: job.kind === 'probe' ? PROBE_MAX_SOCKETS : job.connections,
  });
  const { url, next } = requests(job);
  // Sign-ins are not warmed up: each would be a hash, and the server's queue fills in milliseconds.
  if (job.kind === 'probe') for (let i = 0; i < PROBE_WARM_UP_REQUESTS; i++) await send(agent, url, next(i));

  const latencies: number[] = [];
  const byStatus = new Map<string, number[]>();
  const statuses: Record<string, number> = {};
  let failed = 0;
  let ok = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const interval = 1000 / job.rate;
  const total = Math.round(job.rate * job.seconds);
  const cpuBefore = process.cpuUsage();
  const start = performance.now() + 10;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    // Timers fire at millisecond granularity at best: above 1,000/s, each wake-up sends every
    // request already due, so the rate holds on average and is even to the millisecond.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      send(agent, url, next(i)).then(
        (status) => {
          inFlight--;
          const ms = performance.now() - due;
          latencies.push(ms);
          const code = String(status);
          statuses[code] = (statuses[code] ?? 0) + 1;
          const list = byStatus.get(code);
          if (list) list.push(ms);
          else byStatus.set(code, [ms]);
          if (status >= 200 && status < 300) ok++;
          else failed++;
        },
        () => {
          inFlight--;
          failed++;
        },
      ),
    );
  }
  // Sending ends one interval after the last request was sent, as after every other one.
  const sendSeconds = (performance.now() - start + interval) / 1000;
  await Promise.all(pending);
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  const latencyByStatus: Record<string, { p50Ms: number; p99Ms: number; maxMs: number }> = {};
  for (const [code, list] of byStatus) latencyByStatus[code] = percentiles(list);
  return {
    seconds: wallSeconds,
    responses: latencies.length,
    ok,
    failed,
    statuses,
    perSecond: ok / wallSeconds,
    ...percentiles(latencies),
    loaderCores: (cpu.user + cpu.system) / 1e6 / wallSeconds,
    // Below `rate` only if this process could not keep up with the schedule.
    offeredPerSecond: total / sendSeconds,
    maxInFlight,
    latencyByStatus,
  };
}

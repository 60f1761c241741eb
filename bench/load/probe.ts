/**
 * Open-loop probe: GETs sent at a fixed, evenly spaced rate over keep-alive connections, each
 * latency counted from when the request was due, so a stalled server cannot hide its stall by
 * delaying our next send (coordinated omission). autocannon's `overallRate` sends each
 * second's quota in a burst at the start of the second, which measures queueing behind our own
 * burst rather than the server.
 */
import { Agent, request } from 'node:http';
import { type Job, type LoadResult, percentiles } from './job.js';

type ProbeJob = Extract<Job, { kind: 'probe' }>;

const WARM_UP_REQUESTS = 20;

function get(agent: Agent, url: URL, bearer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent, headers: { authorization: `Bearer ${bearer}` }, timeout: 20_000 },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end();
  });
}

export async function runProbe(job: ProbeJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(job.path, job.url);
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await get(agent, url, job.bearer);

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let ok = 0;
  const interval = 1000 / job.rate;
  const total = Math.round(job.rate * job.seconds);
  const cpuBefore = process.cpuUsage();
  const start = performance.now() + 10;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      get(agent, url, job.bearer).then(
        (status) => {
          latencies.push(performance.now() - due);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300) ok++;
          else failed++;
        },
        () => {
          failed++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return {
    seconds: wallSeconds,
    responses: latencies.length,
    ok,
    failed,
    statuses,
    perSecond: ok / wallSeconds,
    ...percentiles(latencies),
    loaderCores: (cpu.user + cpu.system) / 1e6 / wallSeconds,
  };
}

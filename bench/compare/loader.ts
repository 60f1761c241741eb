/**
 * Load-generator child process of the comparison: receives one job over IPC, runs it closed loop
 * with autocannon, sends back a `LoadResult` — the same client, latency recording and result
 * shape as the bench's own loader (load/loader.ts), whose closed loop runs the refresh job.
 */
import autocannon, { type Client, type Options, type Result } from 'autocannon';
import { runClosedLoop } from '../load/closed-loop.js';
import { type LoadResult, percentiles } from '../load/job.js';
import type { CompareJob, HttpJob } from './job.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

function optionsFor(job: HttpJob): Options {
  const headers = job.method === 'POST' ? JSON_HEADERS : {};
  const options: Options = {
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    pipelining: 1,
    timeout: 20,
  };
  const { signUp, perConnection } = job;
  if (signUp) {
    let n = 0;
    const body = (email: string) =>
      JSON.stringify(
        signUp.name === undefined
          ? { email, password: signUp.password }
          : { email, password: signUp.password, name: signUp.name },
      );
    return {
      ...options,
      requests: [
        {
          method: job.method,
          path: job.path,
          headers,
          setupRequest: (request) => ({ ...request, body: body(`su-${signUp.tag}-${n++}@bench.test`) }),
        },
      ],
    };
  }
  let next = 0;
  return {
    ...options,
    url: `${job.url}${job.path}`,
    method: job.method,
    headers,
    setupClient: perConnection
      ? (client: Client) => {
          const own = perConnection[next++ % perConnection.length]!;
          if (own.headers) client.setHeaders({ ...headers, ...own.headers });
          if (own.body !== undefined) client.setBody(own.body);
        }
      : undefined,
  };
}

async function runHttp(job: HttpJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(optionsFor(job), (error, finished) =>
      error ? reject(error) : resolve(finished),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      latencies.push(ms),
    );
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count;
  const ok = result['2xx'];
  return {
    seconds: result.duration,
    responses: ok + result.non2xx,
    ok,
    failed: result.non2xx + result.errors,
    statuses,
    perSecond: ok / result.duration,
    ...percentiles(latencies),
    loaderCores: (cpu.user + cpu.system) / 1e6 / wallSeconds,
  };
}

async function run(job: CompareJob): Promise<LoadResult> {
  if (job.kind === 'refresh') {
    process.send?.({ started: true });
    return runClosedLoop(job);
  }
  if (job.warmUpSeconds && job.method === 'GET') await runHttp({ ...job, seconds: job.warmUpSeconds });
  // Tells the parent to start its clocks (server CPU) now, after start-up and warm-up.
  process.send?.({ started: true });
  return runHttp(job);
}

process.once('message', (job: CompareJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});

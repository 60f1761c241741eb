/**
 * Closed-loop load with autocannon: N keep-alive connections, each sending its next request as
 * soon as the previous answer arrives. Latencies are recorded from autocannon's per-response
 * event (float ms) because its own histogram rounds to whole milliseconds.
 */
import autocannon, { type Client, type Options, type RequestSpec, type Result } from 'autocannon';
import {
  type ClosedLoopJob as ClosedJob,
  type Job,
  type LoadResult,
  percentiles,
  type SignedUp,
} from './job.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Hands each new connection the next item of `items`, round robin. */
function perConnection<T>(
  items: readonly T[],
  apply: (client: Client, item: T) => void,
): (client: Client) => void {
  let next = 0;
  return (client) => apply(client, items[next++ % items.length]!);
}

function optionsFor(job: ClosedJob, signedUp: SignedUp[] | undefined): Options {
  const base = {
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    pipelining: 1,
    timeout: 20,
  };
  switch (job.kind) {
    case 'get':
      return {
        ...base,
        url: `${job.url}${job.path}`,
        setupClient: job.bearers
          ? perConnection(job.bearers, (client, token) =>
              client.setHeaders({ authorization: `Bearer ${token}` }),
            )
          : undefined,
      };
    case 'sign-in':
      return {
        ...base,
        url: `${job.url}/auth/sign-in/email`,
        method: 'POST',
        headers: JSON_HEADERS,
        setupClient: perConnection(job.users, (client, user) => client.setBody(JSON.stringify(user))),
      };
    case 'sign-up': {
      let n = 0;
      const spec: RequestSpec = {
        method: 'POST',
        path: '/auth/sign-up/email',
        headers: job.userAgent ? { ...JSON_HEADERS, 'user-agent': job.userAgent } : JSON_HEADERS,
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ email: `su-${job.tag}-${n++}@bench.test`, password: job.password }),
        }),
        // The answer names its account: autocannon's per-request context is reset between requests.
        onResponse: signedUp
          ? (status, body) => {
              if (status !== 201) return;
              const { user, accessToken } = JSON.parse(body) as {
                user?: { email?: unknown };
                accessToken?: unknown;
              };
              if (typeof user?.email === 'string' && typeof accessToken === 'string')
                signedUp.push({ email: user.email, accessToken });
            }
          : undefined,
      };
      return { ...base, requests: [spec] };
    }
    case 'refresh':
      return refreshOptions(job, base);
  }
}

/**
 * autocannon resets a request's context after every response, so a connection's chain cannot live
 * there. Each connection is tagged with a header in `setupClient` (documented API), and the chain
 * lives in `current`, keyed by that tag.
 */
function refreshOptions(job: Extract<Job, { kind: 'refresh' }>, base: Options): Options {
  const current = job.tokens.slice(0, job.connections);
  const spares = job.tokens.slice(job.connections);
  let nextConnection = 0;
  const spec: RequestSpec = {
    method: 'POST',
    path: '/auth/refresh',
    headers: JSON_HEADERS,
    setupRequest: (request, context) => {
      const slot = Number(request.headers?.['x-bench-connection'] ?? 0);
      context.slot = slot;
      return { ...request, body: JSON.stringify({ refreshToken: current[slot] }) };
    },
    onResponse: (status, body, context) => {
      const slot = context.slot as number;
      if (status === 200) current[slot] = (JSON.parse(body) as { refreshToken: string }).refreshToken;
      // A broken chain (timeout, error) would fail forever: start a fresh session's chain.
      else if (spares.length > 0) current[slot] = spares.pop()!;
    },
  };
  return {
    ...base,
    setupClient: (client) =>
      client.setHeaders({ ...JSON_HEADERS, 'x-bench-connection': String(nextConnection++) }),
    requests: [spec],
  };
}

export async function runClosedLoop(job: ClosedJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const signedUp = job.kind === 'sign-up' && job.keepSessions ? ([] as SignedUp[]) : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(optionsFor(job, signedUp), (error, finished) =>
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
    ...(signedUp ? { signedUp } : {}),
  };
}

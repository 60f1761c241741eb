/**
 * From the samples to a verdict: each metric's start, end, max and slope after the warm-up, and
 * whether the server held steady. The thresholds, and why they are what they are:
 *
 * - **Memory (RSS and V8 heap used): floor slope < 1 MB/min** after the warm-up. The floor
 *   slope is the lowest sample of the window's second half less the lowest of its first half,
 *   over the time between the halves' middles: a heap's sawtooth (allocation, then a collection)
 *   leaves its post-collection floor flat unless something is kept, so a leak raises the floor
 *   and garbage does not — provided a major collection falls in each half (4 minutes of a
 *   10-minute run). The least-squares slope over every sample is printed beside it, not judged:
 *   one sawtooth more or less in the window moves it by MBs a minute. The mix makes about
 *   15,000 requests a minute, so 1 MB/min is a leak of ~70 bytes a request, or of ~6 KB a
 *   sign-in (a retained closure, a cached session, a listener per request); ten minutes at the
 *   threshold is 10 MB.
 * - **Active handles: max ≤ driver sockets + 2 × database pool + 16**: each pooled connection
 *   holds a socket and, while idle, its idle timer (node-postgres); the 16 cover the listening
 *   socket, the SMTP connection, the server's own timers and message ports. A handle leaked per
 *   request would pass that within seconds.
 * - **Database connections: max ≤ pool + 2**: the configured pool, plus one for a connection the
 *   pool is replacing and one for slack in when the count is read.
 * - **Errors: none** — no 5xx, no connection error or timeout, no mail that did not arrive. The
 *   mix is built so that every request should succeed (see mix.ts), so any 4xx is counted by
 *   status and fails the verdict too.
 * - **Keeping up**: the load is meant to be light, so a session check's p50 over 250 ms, or a
 *   refresh or sign-in skipped for want of a free session, means the server (or the machine
 *   under it) fell behind the offered load; its memory then holds the backlog, and the verdict
 *   says so rather than blame a leak.
 * - **Event-loop delay** is reported (p50, p99 per 5-s interval: their median and worst), not
 *   judged: the machine is shared, and a neighbour's burst shows here as much as the server's.
 *
 * A run whose window after the warm-up is under 5 minutes gets its verdict marked "short": a
 * slope over a few dozen samples, and halves that may hold no major collection, say little.
 */
import type { SoakLoadResult } from './job.js';

export const MB = 1024 * 1024;
export const SLOPE_LIMIT_MB_PER_MIN = 1;
export const HANDLE_SLACK = 16;
export const CONNECTION_SLACK = 2;
const SHORT_WINDOW_SECONDS = 300;
const BEHIND_SESSION_P50_MS = 250;
const SESSION_STEP = 'GET /auth/session';

/** One line from sampler.mjs, inside the server. */
export interface InsideSample {
  readonly at: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly eld: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number };
  readonly cpuCores: number;
  readonly resources: Record<string, number>;
}

/** Read from outside the server at the same pace: its database connections and descriptors. */
export interface OutsideSample {
  readonly at: number;
  readonly connections: number;
  readonly fds: number;
}

export interface MetricFigures {
  readonly unit: string;
  readonly start: number;
  readonly end: number;
  readonly max: number;
  /** Least squares over every sample after the warm-up, per minute. */
  readonly slope: number;
  /** Lowest of the second half less lowest of the first, per minute between the halves' middles. */
  readonly floorSlope: number;
  /** After the load stopped (idle), where sampled. */
  readonly idle?: number;
  readonly limit?: string;
  readonly ok?: boolean;
}

export interface SoakVerdict {
  readonly stable: boolean;
  readonly short: boolean;
  /** Why not stable, one phrase each. */
  readonly reasons: string[];
}

export interface SoakAnalysis {
  readonly samples: number;
  readonly windowSeconds: number;
  readonly metrics: Record<string, MetricFigures>;
  readonly eventLoopDelay: { p50MedianMs: number; p99MedianMs: number; p99WorstMs: number; maxMs: number };
  /** Active resources by type: the largest count each type reached after the warm-up, and idle. */
  readonly resourcesMax: Record<string, number>;
  readonly resourcesIdle: Record<string, number>;
  readonly errors: {
    readonly status5xx: number;
    readonly status4xx: Record<string, number>;
    readonly failed: number;
    readonly mailTimeouts: number;
  };
  readonly verdict: SoakVerdict;
}

/** Least-squares slope of `y` over `t` (ms), per minute. */
export function slopePerMinute(points: readonly { t: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

/** The rise of the lowest value from the first half of the window to the second, per minute. */
export function floorSlopePerMinute(points: readonly { t: number; y: number }[]): number {
  if (points.length < 4) return Number.NaN;
  const first = points[0]!.t;
  const last = points[points.length - 1]!.t;
  const middle = (first + last) / 2;
  const low = (half: readonly { y: number }[]) => Math.min(...half.map((p) => p.y));
  const early = points.filter((p) => p.t < middle);
  const late = points.filter((p) => p.t >= middle);
  if (early.length === 0 || late.length === 0) return Number.NaN;
  return ((low(late) - low(early)) / ((last - first) / 2)) * 60_000;
}

const median = (values: number[]) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

const handleCount = (s: InsideSample) => Object.values(s.resources).reduce((a, b) => a + b, 0);

function metric<T extends { at: number }>(
  during: readonly T[],
  idle: T | undefined,
  value: (s: T) => number,
  unit: string,
): MetricFigures {
  const first = during[0];
  const last = during[during.length - 1];
  return {
    unit,
    start: first ? value(first) : Number.NaN,
    end: last ? value(last) : Number.NaN,
    max: Math.max(...during.map(value)),
    slope: slopePerMinute(during.map((s) => ({ t: s.at, y: value(s) }))),
    floorSlope: floorSlopePerMinute(during.map((s) => ({ t: s.at, y: value(s) }))),
    ...(idle ? { idle: value(idle) } : {}),
  };
}

export interface AnalyseInput {
  readonly inside: readonly InsideSample[];
  readonly outside: readonly OutsideSample[];
  /** Wall-clock ms: when the measured load started and ended. */
  readonly loadStart: number;
  readonly loadEnd: number;
  readonly warmUpSeconds: number;
  readonly load: SoakLoadResult;
  readonly handleLimit: number;
  readonly connectionLimit: number;
}

export function analyse(input: AnalyseInput): SoakAnalysis {
  const from = input.loadStart + input.warmUpSeconds * 1000;
  const window = <T extends { at: number }>(samples: readonly T[]) =>
    samples.filter((s) => s.at >= from && s.at <= input.loadEnd);
  const inside = window(input.inside);
  const outside = window(input.outside);
  const idleInside = input.inside.filter((s) => s.at > input.loadEnd + 1000).at(-1);
  const idleOutside = input.outside.filter((s) => s.at > input.loadEnd + 1000).at(-1);
  const mb = (bytes: number) => bytes / MB;

  const rss = metric(inside, idleInside, (s) => mb(s.rss), 'MB');
  const heap = metric(inside, idleInside, (s) => mb(s.heapUsed), 'MB');
  const handles = metric(inside, idleInside, handleCount, '');
  const connections = metric(outside, idleOutside, (s) => s.connections, '');
  const fds = metric(outside, idleOutside, (s) => s.fds, '');
  const slopeOk = (m: MetricFigures) =>
    Number.isFinite(m.floorSlope) && m.floorSlope < SLOPE_LIMIT_MB_PER_MIN;
  const memoryLimit = `floor < ${SLOPE_LIMIT_MB_PER_MIN} MB/min`;
  const metrics: Record<string, MetricFigures> = {
    RSS: { ...rss, limit: memoryLimit, ok: slopeOk(rss) },
    'heap used': { ...heap, limit: memoryLimit, ok: slopeOk(heap) },
    'heap total': metric(inside, idleInside, (s) => mb(s.heapTotal), 'MB'),
    'external + buffers': metric(inside, idleInside, (s) => mb(s.external + s.arrayBuffers), 'MB'),
    'active handles': {
      ...handles,
      limit: `max ≤ ${input.handleLimit}`,
      ok: handles.max <= input.handleLimit,
    },
    'db connections': {
      ...connections,
      limit: `max ≤ ${input.connectionLimit}`,
      ok: connections.max <= input.connectionLimit,
    },
    'open fds': fds,
    'ELD p99': metric(inside, idleInside, (s) => s.eld.p99Ms, 'ms'),
    'server CPU': metric(inside, idleInside, (s) => s.cpuCores, 'cores'),
  };

  const resourcesMax: Record<string, number> = {};
  for (const s of inside)
    for (const [type, count] of Object.entries(s.resources))
      resourcesMax[type] = Math.max(resourcesMax[type] ?? 0, count);

  let status5xx = 0;
  let failed = 0;
  let mailTimeouts = 0;
  const status4xx: Record<string, number> = {};
  for (const [step, figures] of Object.entries(input.load.steps)) {
    for (const [status, count] of Object.entries(figures.statuses)) {
      if (status.startsWith('error')) failed += count;
      else if (status === 'timeout') mailTimeouts += count;
      else if (/^5/.test(status)) status5xx += count;
      else if (/^4/.test(status)) status4xx[`${step} ${status}`] = count;
    }
  }

  const windowSeconds = inside.length > 1 ? (inside.at(-1)!.at - inside[0]!.at) / 1000 : 0;
  const reasons: string[] = [];
  for (const [name, m] of Object.entries(metrics))
    if (m.ok === false)
      reasons.push(
        `${name} ${m.limit === memoryLimit ? `floor slope ${m.floorSlope.toFixed(2)} MB/min` : `max ${m.max}`}`,
      );
  if (inside.length < 2) reasons.push('too few samples');
  if (status5xx > 0) reasons.push(`${status5xx} × 5xx`);
  if (failed > 0) reasons.push(`${failed} connection errors/timeouts`);
  if (mailTimeouts > 0) reasons.push(`${mailTimeouts} mails not delivered within 60 s`);
  const n4xx = Object.values(status4xx).reduce((a, b) => a + b, 0);
  if (n4xx > 0) reasons.push(`${n4xx} × 4xx`);
  const sessionP50 = input.load.steps[SESSION_STEP]?.p50Ms ?? Number.NaN;
  // Mail flows wait on the mail too (its delivery is reported on its own line), so only the
  // session flows' skips say the server itself fell behind.
  const skips = (input.load.skipped.refresh ?? 0) + (input.load.skipped.signIn ?? 0);
  if (!(sessionP50 <= BEHIND_SESSION_P50_MS) || skips > 0)
    reasons.push(
      `fell behind the load (session check p50 ${sessionP50.toFixed(0)} ms, ${skips} refresh or sign-in starts skipped): memory then holds a backlog`,
    );

  const p99s = inside.map((s) => s.eld.p99Ms);
  return {
    samples: inside.length,
    windowSeconds,
    metrics,
    eventLoopDelay: {
      p50MedianMs: median(inside.map((s) => s.eld.p50Ms)),
      p99MedianMs: median(p99s),
      p99WorstMs: Math.max(...p99s),
      maxMs: Math.max(...inside.map((s) => s.eld.maxMs)),
    },
    resourcesMax,
    resourcesIdle: idleInside?.resources ?? {},
    errors: { status5xx, status4xx, failed, mailTimeouts },
    verdict: { stable: reasons.length === 0, short: windowSeconds < SHORT_WINDOW_SECONDS, reasons },
  };
}

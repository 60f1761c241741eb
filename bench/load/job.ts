/** What the orchestrator asks a load-generator child to do, and what it gets back. */

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** An account a sign-up run created, with the access token its sign-up answered. */
export interface SignedUp {
  readonly email: string;
  readonly accessToken: string;
}

/** A user with an active authenticator app, for the two-step sign-in. */
export interface TotpUser extends Credentials {
  /** The app's secret, base32 as enrolment showed it. */
  readonly secret: string;
  /** The TOTP step the server last accepted for this user: only a later step's code works. */
  readonly lastStep: number;
}

interface Common {
  /** Server origin, e.g. `http://127.0.0.1:41333`. */
  readonly url: string;
  readonly seconds: number;
  /** GET load run first and not recorded, so the server's JIT and caches are warm. */
  readonly warmUpSeconds?: number;
}

export type Job =
  /** Closed loop GETs; each connection sends its own bearer token, if any. */
  | (Common & { kind: 'get'; path: string; connections: number; bearers?: readonly string[] })
  /**
   * Closed loop sign-ups, a new address per request. With `keepSessions`, the result lists the
   * new accounts and their access tokens (`signedUp`), for seeding without another hash each.
   */
  | (Common & {
      kind: 'sign-up';
      connections: number;
      password: string;
      tag: string;
      userAgent?: string;
      keepSessions?: boolean;
    })
  /**
   * Sign-ins. Without `rate`: closed loop, one existing user per connection. With `rate`: open
   * loop (the flood), requests evenly spaced at `rate` per second whatever the answers, spread over
   * the users in turn and over at most `connections` keep-alive connections.
   */
  | (Common & { kind: 'sign-in'; connections: number; users: readonly Credentials[]; rate?: number })
  /**
   * Closed loop two-step sign-ins (password, then the authenticator code), a user at most once
   * per 30-second TOTP step. Both steps send `userAgent`: a pending sign-in is bound to it.
   */
  | (Common & {
      kind: 'totp-sign-in';
      connections: number;
      users: readonly TotpUser[];
      userAgent: string;
    })
  /** Closed loop refreshes; each connection chains its own token. Extra tokens replace broken chains. */
  | (Common & { kind: 'refresh'; connections: number; tokens: readonly string[] })
  /** Open loop GETs at a fixed, evenly spaced rate; latency counts from the scheduled send time. */
  | (Common & { kind: 'probe'; path: string; rate: number; bearer: string });

/** Jobs run by autocannon (load/closed-loop.ts). */
export type ClosedLoopJob = Exclude<Job, { kind: 'probe' | 'totp-sign-in' }>;

/** Jobs run open loop (load/open-loop.ts): the probe, and sign-ins given a rate (the flood). */
export type OpenLoopJob =
  | Extract<Job, { kind: 'probe' }>
  | (Extract<Job, { kind: 'sign-in' }> & { readonly rate: number });

export function isOpenLoop(job: Job): job is OpenLoopJob {
  return job.kind === 'probe' || (job.kind === 'sign-in' && job.rate !== undefined);
}

export interface LoadResult {
  readonly seconds: number;
  readonly responses: number;
  /** 2xx responses. */
  readonly ok: number;
  /** Non-2xx responses plus connection errors and timeouts. */
  readonly failed: number;
  readonly statuses: Record<string, number>;
  /** 2xx responses per second: the goodput. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU the load generator itself used, in cores (1 = one core busy all the time). */
  readonly loaderCores: number;
  /** Open loop only: requests sent per second (scheduled ones over the sending window). */
  readonly offeredPerSecond?: number;
  /** Open loop only: most requests awaiting an answer at once (at most the connections, else queued). */
  readonly maxInFlight?: number;
  /** Open loop only: latency percentiles of the answers with each status code. */
  readonly latencyByStatus?: Record<string, { p50Ms: number; p99Ms: number; maxMs: number }>;
  /** Sign-up with `keepSessions` only: every account created (201), with its access token. */
  readonly signedUp?: SignedUp[];
  /** Two-step sign-in only: the figures of the user pool. */
  readonly totp?: TotpRunFigures;
}

/** How the two-step sign-in run used its users, and each step's latency. */
export interface TotpRunFigures {
  readonly poolSize: number;
  /** Most sign-ins completed within one 30-second step: each took a user no other one did. */
  readonly maxUsersPerStep: number;
  /**
   * Times a connection found every free user already used in the current step, and waited for
   * the next step rather than send a code the server must refuse. Above 0, the pool was too
   * small and the figure is too low.
   */
  readonly poolWaits: number;
  readonly poolWaitMs: number;
  /** Latency of each step alone (answers of any status). */
  readonly signIn: { p50Ms: number; p99Ms: number; maxMs: number };
  readonly verify: { p50Ms: number; p99Ms: number; maxMs: number };
}

/** Latency percentiles from raw samples (ms), exact rather than histogram-bucketed. */
export function percentiles(samples: number[]): { p50Ms: number; p99Ms: number; maxMs: number } {
  if (samples.length === 0) return { p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1]! };
}

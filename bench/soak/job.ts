/** What the soak's orchestrator asks its driver child to do, and what the driver sends back. */

/** Requests (or flows) started per second, open loop: whatever the answers, they keep coming. */
export interface SoakRates {
  /** `GET /auth/session` with one of the live sessions' access tokens. */
  readonly session: number;
  /** `GET /auth/me` (the profile read). */
  readonly profile: number;
  /** `POST /auth/refresh`, each live session chaining its own refresh token. */
  readonly refresh: number;
  /** `POST /auth/sign-in/email`; the session it replaces is signed out (an Argon2id hash each). */
  readonly signIn: number;
  /** `POST /auth/forgot-password`, the mailed link awaited, every other one used (a hash). */
  readonly passwordReset: number;
  /** `POST /auth/change-email` (a hash), the mailed link awaited, every other one confirmed. */
  readonly emailChange: number;
}

/**
 * The default mix: a moderate, steady load, well under what this 2-core machine carries (about
 * 4 Argon2id hashes a second where it hashes about 110 in parallel; 250 cheap requests a second
 * where one session-check route alone answers thousands), so what grows over ten minutes is a
 * leak, not a queue.
 */
export const SOAK_RATES: SoakRates = {
  session: 200,
  profile: 40,
  refresh: 10,
  signIn: 3,
  passwordReset: 0.5,
  emailChange: 0.25,
};

export interface SoakJob {
  readonly url: string;
  /** The port the driver's SMTP receiver listens on; the server was started with its URL. */
  readonly smtpPort: number;
  readonly seconds: number;
  readonly rates: SoakRates;
  /** Makes this run's addresses unique in a database that outlives it. */
  readonly tag: string;
}

/** One kind of request (or awaited mail): how many, their answers, their latency. */
export interface StepFigures {
  readonly sent: number;
  /** Answers by HTTP status; `error:<code>` for a connection error or timeout, `timeout` for a mail never seen. */
  readonly statuses: Record<string, number>;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface SoakLoadResult {
  readonly seconds: number;
  /** Keyed by step: `GET /auth/session`, `POST /auth/refresh`, … and `mail: reset-password`. */
  readonly steps: Record<string, StepFigures>;
  /**
   * Flow starts skipped because every user or session the flow could take was busy with an
   * earlier one still in flight (a sign of the server falling behind), by flow.
   */
  readonly skipped: Record<string, number>;
  readonly mailsReceived: number;
  readonly seedSeconds: number;
  readonly loaderCores: number;
}

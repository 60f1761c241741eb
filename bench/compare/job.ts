/**
 * What the comparison asks its load generator to do. Gatehouse and better-auth differ in paths,
 * bodies and credentials (a bearer against a cookie), so a job names its request outright; both
 * products' rows then go through the very same client code. Gatehouse's chained refresh is the
 * bench's own `refresh` job (load/job.ts), unchanged.
 */
import type { Job } from '../load/job.js';

/** What one connection sends on every request: its own credentials or body. */
export interface ConnectionRequest {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpJob {
  readonly kind: 'http';
  /** Server origin, e.g. `http://127.0.0.1:41333`. */
  readonly url: string;
  readonly seconds: number;
  /** GETs only (they repeat harmlessly): load run first and not recorded. */
  readonly warmUpSeconds?: number;
  readonly connections: number;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Handed to the connections round robin. */
  readonly perConnection?: readonly ConnectionRequest[];
  /** Sign-ups: every request a new address; `name` is sent when set (better-auth requires one). */
  readonly signUp?: { readonly tag: string; readonly password: string; readonly name?: string };
}

export type CompareJob = HttpJob | Extract<Job, { kind: 'refresh' }>;

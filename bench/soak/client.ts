/**
 * The soak driver's HTTP client and tally: JSON requests over a few keep-alive connections, each
 * answer counted by step and status with its latency. Latency counts from when the request was
 * due, not sent, so a stalled server cannot hide the stall by holding back the next send.
 */
import { Agent, request } from 'node:http';
import { percentiles } from '../load/job.js';
import type { StepFigures } from './job.js';

/** Enough for a few hundred short requests a second plus the ones waiting on a hash. */
export const DRIVER_SOCKETS = 32;
const TIMEOUT_MS = 30_000;

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export class Tally {
  private readonly steps = new Map<string, { statuses: Record<string, number>; latencies: number[] }>();

  record(step: string, outcome: string, ms: number): void {
    let entry = this.steps.get(step);
    if (!entry) {
      entry = { statuses: {}, latencies: [] };
      this.steps.set(step, entry);
    }
    entry.statuses[outcome] = (entry.statuses[outcome] ?? 0) + 1;
    entry.latencies.push(ms);
  }

  figures(): Record<string, StepFigures> {
    const out: Record<string, StepFigures> = {};
    for (const [step, { statuses, latencies }] of [...this.steps].sort(([a], [b]) => a.localeCompare(b)))
      out[step] = { sent: latencies.length, statuses, ...percentiles(latencies) };
    return out;
  }
}

export class Client {
  // A socket idle in the pool is closed after 4 s, before the server's 5-s keep-alive timeout
  // (src/cli/serve.ts) can close it under a request just sent on it: that race is the client's,
  // and would show as a connection error the server did not cause. A request in flight has its
  // own 30-s timeout instead.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: DRIVER_SOCKETS, timeout: 4_000 });

  constructor(
    private readonly origin: string,
    private readonly tally: Tally,
    private readonly userAgent: string,
  ) {}

  /**
   * Sends one request and records it as `METHOD path`. Resolves with the answer, or undefined
   * after a connection error or timeout (recorded as `error:<code>`); never rejects.
   */
  send(
    method: 'GET' | 'POST',
    path: string,
    options: { bearer?: string; body?: unknown; due?: number } = {},
  ): Promise<Reply | undefined> {
    const due = options.due ?? performance.now();
    const step = `${method} ${path}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve) => {
      let settled = false;
      const fail = (error?: Error) => {
        if (settled) return;
        settled = true;
        const code = (error as NodeJS.ErrnoException | undefined)?.code ?? error?.message ?? 'unknown';
        this.tally.record(step, `error:${code}`, performance.now() - due);
        resolve(undefined);
      };
      const req = request(
        new URL(path, this.origin),
        { agent: this.agent, method, headers, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('error', fail);
          res.once('end', () => {
            if (settled) return;
            settled = true;
            const status = res.statusCode ?? 0;
            this.tally.record(step, String(status), performance.now() - due);
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              // Not JSON (an empty 204, say): the status is what counts.
            }
            resolve({ status, body: parsed });
          });
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', fail);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

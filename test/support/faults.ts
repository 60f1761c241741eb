/**
 * Fault-test helpers: a small concurrent load on a real server that records every answer with
 * when it was sent and answered, and a TCP relay that can "blackhole" a database (accept, then
 * never answer), which is what a dead network looks like, without iptables.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One answer of the load: which call, when it was sent and answered (ms), status, error code. */
export interface Outcome {
  readonly kind: LoadKind;
  readonly sentAt: number;
  readonly doneAt: number;
  /** 0 when no HTTP answer came at all (connection refused or reset). */
  readonly status: number;
  /** The error code of the answer; for status 0, why no answer came. */
  readonly code?: string;
  /** Which worker (one per user) sent it. */
  readonly worker: number;
}

export type LoadKind = 'session' | 'profile' | 'refresh' | 'signIn';
export const LOAD_KINDS: readonly LoadKind[] = ['session', 'profile', 'refresh', 'signIn'];

/** A 2xx. */
export const succeeded = (status: number): boolean => status >= 200 && status < 300;

/** A clock the load and the test share. */
export const now = (): number => performance.now();

/** POSTs (or GETs, without `body`) JSON; answers status, parsed body, and the error code if any. */
export async function call(
  base: string,
  path: string,
  options: { body?: unknown; bearer?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; body: Record<string, unknown> | null; code?: string }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const response = await fetch(`${base}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  const text = await response.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  const code = (body?.error as { code?: string } | undefined)?.code;
  return { status: response.status, body, ...(code ? { code } : {}) };
}

/** A signed-in account the load uses: its address, password and current tokens. */
export interface LoadUser {
  readonly email: string;
  readonly password: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs up a fresh account on `base` and returns it with its tokens. */
export async function signUpLoadUser(base: string, email: string): Promise<LoadUser> {
  const password = 'correct horse battery staple';
  const up = await call(base, '/auth/sign-up/email', { body: { email, password } });
  if (!succeeded(up.status)) throw new Error(`sign-up answered ${up.status} ${up.code ?? ''}`);
  return {
    email,
    password,
    accessToken: up.body?.accessToken as string,
    refreshToken: up.body?.refreshToken as string,
  };
}

export interface RunningLoad {
  readonly outcomes: Outcome[];
  /** Stops sending and resolves once every request in flight has been answered. */
  stop(): Promise<void>;
}

/**
 * One worker per user, each looping session check, profile read, refresh, sign-in, one request
 * at a time; a token is replaced only by a successful answer, so a failed refresh retries with
 * the token it still holds. Never throws: a failure is an `Outcome`.
 */
export function startLoad(base: string, users: readonly LoadUser[]): RunningLoad {
  const outcomes: Outcome[] = [];
  let running = true;
  const worker = async (user: LoadUser, offset: number) => {
    for (let i = offset; running; i++) {
      const kind = LOAD_KINDS[i % LOAD_KINDS.length]!;
      const sentAt = now();
      try {
        const answer = await request(base, kind, user);
        outcomes.push({
          kind,
          sentAt,
          doneAt: now(),
          status: answer.status,
          worker: offset,
          ...pick(answer.code),
        });
        if (succeeded(answer.status) && (kind === 'refresh' || kind === 'signIn')) {
          user.accessToken = answer.body?.accessToken as string;
          user.refreshToken = answer.body?.refreshToken as string;
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        outcomes.push({
          kind,
          sentAt,
          doneAt: now(),
          status: 0,
          code: cause?.code ?? cause?.message ?? String(error),
          worker: offset,
        });
      }
    }
  };
  const workers = users.map((user, index) => worker(user, index));
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

const pick = (code: string | undefined) => (code ? { code } : {});

function request(base: string, kind: LoadKind, user: LoadUser) {
  switch (kind) {
    case 'session':
      return call(base, '/auth/session', { bearer: user.accessToken });
    case 'profile':
      return call(base, '/auth/me', { bearer: user.accessToken });
    case 'refresh':
      return call(base, '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    case 'signIn':
      return call(base, '/auth/sign-in/email', { body: { email: user.email, password: user.password } });
  }
}

/** A relay in front of a TCP server that can be switched to a dead network and back. */
export interface BlackholeRelay {
  readonly port: number;
  /**
   * From now on nothing passes, either way, and new connections are accepted but never reach
   * the server: what a dropped route looks like to the client (no reset, no refusal, silence).
   */
  blackhole(): void;
  /** The route is back: what was held up flows on (TCP would retransmit it), held connections proceed. */
  restore(): void;
  close(): Promise<void>;
}

export async function startBlackholeRelay(targetPort: number): Promise<BlackholeRelay> {
  let dark = false;
  const sockets = new Set<Socket>();
  const held: Socket[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (dark) socket.pause();
  };
  const link = (client: Socket) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    if (!dark) client.resume();
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    if (dark) held.push(client);
    else link(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('relay has no port');
  return {
    port: address.port,
    blackhole() {
      dark = true;
      for (const socket of sockets) socket.pause();
    },
    restore() {
      dark = false;
      const waiting = new Set(held.splice(0));
      // A held client gets its reader in `link` first: resumed before, its bytes would be lost.
      for (const socket of sockets) if (!waiting.has(socket)) socket.resume();
      for (const client of waiting) link(client);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Counts of outcomes by kind and status (and code), for a report line. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.kind} ${o.status}${o.code ? ` ${o.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

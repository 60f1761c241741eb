/**
 * Several real `gatehouse serve` processes on one PostgreSQL, deployed the way an operator would:
 * one directory with a shared `gatehouse.toml` and a shared secrets file (`.env`, holding
 * `GATEHOUSE_SECRET`), migrations applied once by `gatehouse migrate`, then N servers started
 * from it. Plus what the fleet tests need to talk to them: JSON calls with a chosen client
 * address (the servers trust `X-Forwarded-For` from loopback, so each test can be its own
 * client and the shared rate limits never cross tests), a look inside an access token, and
 * direct reads of the fleet's tables.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type RunningServer, runCli, startServer, tempDir } from '../support/cli.js';

export const PASSWORD = 'correct horse battery staple';

export interface FleetOptions {
  readonly databaseUrl: string;
  readonly tablePrefix: string;
  /** Lines of `gatehouse.toml`, shared by every process. */
  readonly toml?: readonly string[];
  /** Extra environment for every process (e.g. `GATEHOUSE_REDIS_URL`). */
  readonly env?: Record<string, string>;
  readonly size?: number;
  /** Skip `gatehouse migrate` (the tables exist already). */
  readonly migrated?: boolean;
  /** Where `gatehouse migrate` connects, when not `databaseUrl` (e.g. past a transaction pooler). */
  readonly migrateUrl?: string;
}

export interface Fleet {
  readonly servers: readonly RunningServer[];
  /** The directory every process runs in: its `gatehouse.toml` and `.env`. */
  readonly cwd: string;
  /** The environment the processes got, for `runCli` in the same deployment. */
  readonly env: Record<string, string>;
  /** Starts one more process from the same deployment (stopped with the others). */
  add(): Promise<RunningServer>;
  stop(): Promise<void>;
}

/** A secret every process of one deployment shares (at least 32 characters). */
export const FLEET_SECRET = 'fleet-secret-fleet-secret-fleet-secret-0123456789';

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const cwd = tempDir('fleet');
  writeFileSync(
    join(cwd, 'gatehouse.toml'),
    [
      'base_url = "http://127.0.0.1:8080"',
      `table_prefix = "${options.tablePrefix}"`,
      'log_level = "warn"',
      ...(options.toml ?? []),
      '',
    ].join('\n'),
  );
  // The secret and the database URL (which would carry a password) go in the secrets file.
  writeFileSync(
    join(cwd, '.env'),
    `GATEHOUSE_SECRET=${FLEET_SECRET}\nGATEHOUSE_DATABASE_URL=${options.databaseUrl}\n`,
    { mode: 0o600 },
  );
  const env = { ...options.env };
  if (!options.migrated) {
    const migrateEnv = options.migrateUrl ? { ...env, GATEHOUSE_DATABASE_URL: options.migrateUrl } : env;
    const migrated = await runCli(['migrate'], { cwd, env: migrateEnv });
    if (migrated.code !== 0) throw new Error(`gatehouse migrate failed:\n${migrated.stderr}`);
  }
  const servers: RunningServer[] = [];
  const add = async () => {
    const server = await startServer([], { cwd, env });
    servers.push(server);
    return server;
  };
  try {
    await Promise.all(Array.from({ length: options.size ?? 3 }, add));
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  return {
    servers,
    cwd,
    env,
    add,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

/** A client address of its own (TEST-NET-ish, random), so shared limits never cross tests. */
export function clientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

let emails = 0;
export function uniqueEmail(tag: string): string {
  emails++;
  return `${tag}-${process.pid}-${Date.now().toString(36)}-${emails}@example.com`;
}

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON came back.
  readonly body: any;
}

/** One JSON request to `server`, as the client at `ip`. */
export async function call(
  server: RunningServer | string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; ip: string; headers?: Record<string, string> },
): Promise<Reply> {
  const base = typeof server === 'string' ? server : server.url;
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The error code of a reply, or its status when it succeeded. */
export const outcome = (reply: Reply): string | number =>
  reply.status < 400 ? reply.status : (reply.body?.error?.code ?? reply.status);

/** The header and claims of a JWT, unverified: what a token says about itself. */
export function readJwt(token: string): {
  header: { kid: string };
  claims: { roles: string[]; iat: number; exp: number; sid: string; sub: string };
} {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, claims };
}

/** Rows of one of the fleet's tables, read straight from PostgreSQL. */
export async function tableRows(
  databaseUrl: string,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`select * from ${table} where ${where}`, params)).rows;
  } finally {
    await client.end();
  }
}

/** Runs one statement on the fleet's database (to age rows for housekeeping). */
export async function execute(databaseUrl: string, text: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

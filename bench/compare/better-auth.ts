/**
 * better-auth's side of the comparison: installs its private package on demand, starts
 * bench/better-auth/server.mjs as a child process (plain `node`, as `gatehouse serve`), and
 * seeds users and sessions over HTTP.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, type RunningServer, startServer } from '../lib/children.js';
import { BENCH_PASSWORD, pool } from '../lib/gatehouse.js';
import type { Credentials } from '../load/job.js';

const PACKAGE = new URL('../better-auth/', import.meta.url).pathname;
const SERVER = join(PACKAGE, 'server.mjs');
/** Not a real secret: it signs cookies in a database deleted after the run. */
const SECRET = 'better-auth-bench-only-secret-0123456789abcdef';

/** The installed better-auth version, installing the pinned one first if it is missing. */
export function ensureBetterAuth(log: (line: string) => void): string {
  const installed = join(PACKAGE, 'node_modules', 'better-auth', 'package.json');
  const pinned = (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as PackageJson)
    .dependencies['better-auth'];
  const version = () => (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
  // Missing, or left from an older pin.
  if (!existsSync(installed) || version() !== pinned) {
    log('better-auth: installing its pinned packages (npm ci --prefix bench/better-auth)');
    const env = { ...process.env };
    // better-sqlite3 builds from source where no prebuilt binary can be fetched; Debian's
    // nodejs-dev headers spare node-gyp a download.
    if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const done = spawnSync(npm, ['ci', '--prefix', PACKAGE, '--no-audit', '--no-fund'], {
      env,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (done.status !== 0) throw new Error(`npm ci --prefix bench/better-auth failed (${done.status})`);
  }
  return version();
}

interface PackageJson {
  readonly dependencies: Record<string, string>;
}

export interface BetterAuthStart {
  readonly file: string;
  readonly dir: string;
  readonly label: string;
  /** `session.cookieCache.enabled` (better-auth's default: off). */
  readonly cookieCache: boolean;
  /** Create the tables first (the first server on a file). */
  readonly migrate: boolean;
  readonly nodeArgs?: readonly string[];
}

export function startBetterAuth(start: BetterAuthStart): Promise<RunningServer> {
  return startServer({
    command: process.execPath,
    args: [...(start.nodeArgs ?? []), SERVER],
    env: cleanEnv({
      BA_DATABASE: start.file,
      BA_SECRET: SECRET,
      BA_COOKIE_CACHE: start.cookieCache ? '1' : '0',
      BA_MIGRATE: start.migrate ? '1' : '0',
      // better-auth's own production behaviour (its rate limit is set off explicitly anyway).
      NODE_ENV: 'production',
    }),
    cwd: start.dir,
    logFile: join(start.dir, `${start.label}.log`),
  });
}

async function post(url: string, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    // fetch() sends Fetch Metadata (`sec-fetch-mode: cors`), for which better-auth wants an
    // Origin; its own origin is trusted. The load generator, like curl, sends neither.
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(body),
  });
  if (response.status !== 200)
    throw new Error(
      `better-auth ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return response;
}

/** `name=value` of every cookie a response sets. */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.slice(0, line.indexOf(';')));
}

export async function createBetterAuthUsers(url: string, count: number, tag: string): Promise<Credentials[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    email: `seed-${tag}-${i}@bench.test`,
    password: BENCH_PASSWORD,
  }));
  await pool(count, 4, async (i) =>
    (await post(url, '/auth/sign-up/email', { ...users[i], name: '' })).text(),
  );
  return users;
}

/** `count` fresh sessions spread over `users`: each one's `Cookie` header. */
export function betterAuthSessions(
  url: string,
  users: readonly Credentials[],
  count: number,
): Promise<string[]> {
  return pool(count, 4, async (i) => {
    const response = await post(url, '/auth/sign-in/email', users[i % users.length]);
    await response.text();
    return cookiesOf(response).join('; ');
  });
}

/**
 * The `Cookie` header with the session cache beside the session token, from a server with
 * `cookieCache` on: its first `GET /auth/get-session` sets the cache cookie.
 */
export async function withCachedSession(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/auth/get-session`, { headers: { cookie } });
  const body = await response.text();
  const cached = cookiesOf(response).filter((c) => c.includes('session_data='));
  if (response.status !== 200 || body === 'null' || cached.length === 0)
    throw new Error(`better-auth get-session set no session cache cookie (${response.status})`);
  return [cookie, ...cached].join('; ');
}

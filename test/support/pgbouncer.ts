/**
 * A throwaway PgBouncer in transaction pooling mode in front of a PostgreSQL server, from the
 * installed binary (`pgbouncer` in /usr/sbin, /usr/bin, /usr/local/… or on PATH; `npm test`
 * provisions the Debian package `pgbouncer`), plus the same database in session mode under
 * `<database>_session`.
 * Clients log in to it as `gatehouse` with a password (SCRAM, checked against its own auth
 * file); it logs in to PostgreSQL as the server URL's user. Config, auth file, log and pid file
 * live in a temp directory that `stop()` deletes.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/** Where Debian (/usr/sbin, not on a normal user's PATH) and others put it, then PATH. */
function findBinary(): string | null {
  const dirs = [
    '/usr/sbin',
    '/usr/bin',
    '/usr/local/sbin',
    '/usr/local/bin',
    ...(process.env.PATH ?? '').split(':'),
  ];
  return (
    dirs
      .filter(Boolean)
      .map((d) => join(d, 'pgbouncer'))
      .find((f) => existsSync(f)) ?? null
  );
}
const CLIENT_USER = 'gatehouse';
const CLIENT_PASSWORD = 'pgbouncer-client-password';

export interface PgBouncer {
  /** `postgres://gatehouse:…@127.0.0.1:<port>/<database>`: the pooler, as an app connects to it. */
  readonly url: string;
  /** The same database through a session-mode pool (`<database>_session`). */
  readonly sessionUrl: string;
  /** Its admin console (`SHOW POOLS`, `SHOW SERVERS`…), simple-query protocol only. */
  readonly adminUrl: string;
  /** Everything PgBouncer logged so far. */
  log(): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Server connections per database and user pair (`default_pool_size`). Default 5. */
  readonly poolSize?: number;
}

/**
 * Starts PgBouncer with `pool_mode = transaction` in front of `serverUrl` (a postgres:// URL
 * whose user needs no password, like the test cluster's) and resolves once it accepts logins.
 *
 * @example
 * const bouncer = await startPgBouncer(inject('postgresUrl'));
 * try { useDatabase(bouncer.url); } finally { await bouncer.stop(); }
 */
export async function startPgBouncer(serverUrl: string, options: PgBouncerOptions = {}): Promise<PgBouncer> {
  const binary = findBinary();
  if (!binary) {
    throw new Error(
      'pgbouncer is not installed. `node scripts/provision.mjs` (run by npm test) installs the Debian package pgbouncer.',
    );
  }
  const server = new URL(serverUrl);
  const database = server.pathname.slice(1);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pgbouncer-'));
  const logFile = join(dir, 'pgbouncer.log');
  const target = `host=${server.hostname} port=${server.port || 5432} dbname=${database} user=${decodeURIComponent(server.username) || 'postgres'}`;
  writeFileSync(join(dir, 'userlist.txt'), `"${CLIENT_USER}" "${CLIENT_PASSWORD}"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = ${target}`,
      // The same database in session pooling mode, for what needs a session (the migration lock).
      `${database}_session = ${target} pool_mode=session`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `admin_users = ${CLIENT_USER}`,
      `default_pool_size = ${options.poolSize ?? 5}`,
      'max_client_conn = 500',
      `logfile = ${logFile}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; as root, run it as the postgres user (as the cluster runs).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid);
  }
  const config = join(dir, 'pgbouncer.ini');
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', binary, config], { stdio: 'ignore' })
    : spawn(binary, [config], { stdio: 'ignore' });
  child.once('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM is PgBouncer's immediate shutdown. Sent to PgBouncer itself (its pid file):
      // under runuser, the child we hold is runuser.
      const pidFile = join(dir, 'pgbouncer.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
      if (pid > 0) process.kill(pid, 'SIGTERM');
      else child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const url = `postgres://${CLIENT_USER}:${CLIENT_PASSWORD}@127.0.0.1:${port}/${database}`;
  const started = Date.now();
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() - started > 10_000) {
        const text = log();
        await stop();
        throw new Error(`pgbouncer did not start: ${(error as Error).message}\n${text}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    sessionUrl: `${url}_session`,
    adminUrl: url.replace(/\/[^/]*$/, '/pgbouncer'),
    log,
    stop,
  };
}

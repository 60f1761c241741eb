/**
 * Vitest globalSetup: a throwaway MariaDB server for the whole run, from the installed Debian
 * binaries (`mariadb-install-db`, `mariadbd`), published to test files as `inject('mysqlUrl')`.
 * With `MYSQL_URL` set (a mysql:// or mariadb:// URL) that server is used instead and nothing is
 * started. `startThrowawayMariadb` is the same server on its own, for benches and fault tests.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

const DATABASE = 'gatehouse_test';
const run = promisify(execFile);

/**
 * Where `name` is: Debian's /usr/sbin and /usr/bin first (/usr/sbin is not on a normal user's
 * PATH), then PATH. scripts/provision.mjs looks in the same places.
 */
function findBinary(name: string): string {
  const dirs = [
    '/usr/sbin',
    '/usr/bin',
    '/usr/local/sbin',
    '/usr/local/bin',
    ...(process.env.PATH ?? '').split(delimiter),
  ];
  const found = dirs
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
  if (found === undefined)
    throw new Error(`MariaDB's ${name} is not installed (Debian: apt-get install mariadb-server)`);
  return found;
}

/** A running throwaway server: its URL (root, no password), and `stop()`, which kills it and deletes its files. */
export interface ThrowawayMariadb {
  readonly url: string;
  stop(): Promise<void>;
}

// The same sizes for bootstrap and server: InnoDB refuses to start on a redo log whose size
// disagrees with the one it was created with only in old versions, but a small log and pool
// keep the datadir (~85 MB, mostly the system tablespace) and the start quick.
const SMALL_INNODB = [
  '--innodb-buffer-pool-size=32M',
  '--innodb-log-file-size=8M',
  '--innodb-data-file-path=ibdata1:8M:autoextend',
];

const DIR_PREFIX = 'gatehouse-mariadb-';
const SHM = '/dev/shm';

/**
 * Where the server's files go: /dev/shm (memory) when it has room, else the system temp
 * directory. Measured on the 2-core test machine, one migrate() (≈200 DDL-heavy statements) took
 * 1.1–2.1 s with the datadir in /tmp and 0.45–0.5 s in /dev/shm: InnoDB creates and syncs files
 * for every CREATE TABLE even with durability off.
 */
function filesRoot(): string {
  try {
    const { bavail, bsize } = statfsSync(SHM);
    if (bavail * bsize > 2 * 1024 ** 3) return SHM;
  } catch {
    // No /dev/shm (macOS): the temp directory it is.
  }
  return tmpdir();
}
// A directory without a live server this long after it was made was left by a killed run.
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Deletes the directories of throwaway servers whose run was killed before its teardown (a
 * killed vitest takes its server along, but not the ~85 MB it leaves behind). A directory
 * whose pid file names a live process is never touched.
 */
function sweepAbandoned(): void {
  const roots = [SHM, tmpdir()].filter(existsSync);
  const dirs = roots.flatMap((root) =>
    readdirSync(root)
      .filter((name) => name.startsWith(DIR_PREFIX))
      .map((name) => join(root, name)),
  );
  for (const dir of dirs) {
    try {
      const pid = Number(readFileSync(join(dir, 'mariadb.pid'), 'utf8').trim());
      if (pid > 0) {
        process.kill(pid, 0);
        continue;
      }
    } catch (error) {
      // EPERM: alive, under another user. ENOENT (no pid file): starting, or never started.
      if ((error as { code?: string }).code === 'EPERM') continue;
    }
    try {
      if (Date.now() - statSync(dir).mtimeMs > ABANDONED_AFTER_MS)
        rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run swept it first.
    }
  }
}

/**
 * Starts a MariaDB server in memory (/dev/shm) or the system temp directory, listening on
 * 127.0.0.1 only (its socket inside that directory), with one empty database whose default collation is
 * `utf8mb4_bin`. The URL carries user `root` without a password.
 *
 * @example
 * const db = await startThrowawayMariadb();
 * try { useDatabase(db.url); } finally { await db.stop(); }
 */
export async function startThrowawayMariadb(): Promise<ThrowawayMariadb> {
  const installDb = findBinary('mariadb-install-db');
  const mariadbd = findBinary('mariadbd');
  // mariadbd refuses to run as root unless told which user to become; as root it becomes `mysql`.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? ['--user=mysql'] : [];
  sweepAbandoned();
  const dir = mkdtempSync(join(filesRoot(), DIR_PREFIX));
  let owner: [number, number] | undefined;
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'mysql']);
    const { stdout: gid } = await run('id', ['-g', 'mysql']);
    owner = [Number(uid.trim()), Number(gid.trim())];
    chownSync(dir, owner[0], owner[1]);
  }
  const data = join(dir, 'data');
  // The server's own temporary files (internal temp tables, sort files) go here rather than in
  // /tmp, where another process's clean-up once deleted one mid-query.
  const scratch = join(dir, 'tmp');
  mkdirSync(scratch);
  if (owner) chownSync(scratch, owner[0], owner[1]);
  const port = await freePort();
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  // A run that ends without its teardown (vitest exiting early) still takes the server along.
  const onExit = () => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    // Killed, not shut down: the data is thrown away, so nothing needs flushing.
    if (server !== undefined && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await run(
      installDb,
      [
        '--no-defaults',
        `--datadir=${data}`,
        ...user,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve',
        ...SMALL_INNODB,
      ],
      { cwd: dir },
    );
    server = spawn(
      mariadbd,
      [
        '--no-defaults',
        `--datadir=${data}`,
        ...user,
        '--bind-address=127.0.0.1',
        `--port=${port}`,
        `--socket=${join(dir, 'mariadb.sock')}`,
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--log-error=${join(dir, 'server.log')}`,
        `--tmpdir=${scratch}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        '--max-connections=300',
        // Durability is pointless for a server deleted after the run.
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--innodb-flush-method=nosync',
        // One shared tablespace instead of a file per CREATE TABLE (the tests create thousands).
        '--innodb-file-per-table=0',
        '--sync-binlog=0',
        ...SMALL_INNODB,
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const child = server;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntilReady(port, child, join(dir, 'server.log'));

    const admin = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    try {
      await admin.query(`create database ${DATABASE} character set utf8mb4 collate utf8mb4_bin`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `mysql://root@127.0.0.1:${port}/${DATABASE}`, stop };
}

/** Polls until the server accepts a connection; fails fast with its log when it exits instead. */
async function waitUntilReady(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`mariadbd exited while starting:\n${tail}`);
    }
    try {
      const probe = await mysql.createConnection({
        host: '127.0.0.1',
        port,
        user: 'root',
        connectTimeout: 1000,
      });
      await probe.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.MYSQL_URL;
  if (external) {
    if (!/^(mysql|mariadb):\/\//.test(external))
      throw new Error('MYSQL_URL must be a mysql:// or mariadb:// URL');
    project.provide('mysqlUrl', external);
    return undefined;
  }

  const server = await startThrowawayMariadb();
  project.provide('mysqlUrl', server.url);
  return server.stop;
}

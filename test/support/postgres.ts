/**
 * Vitest globalSetup: a throwaway PostgreSQL cluster for the whole run, from the installed
 * binaries, published to test files as `inject('postgresUrl')`. With `DATABASE_URL` set
 * (a postgres URL) that server is used instead and nothing is started. `startThrowawayPostgres`
 * is the same cluster on its own, for `npm run bench`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const DATABASE = 'gatehouse_test';

/** The newest installed PostgreSQL's bin directory. */
function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions[0] === undefined) throw new Error(`No PostgreSQL binaries under ${root}/*/bin`);
  return join(root, versions[0], 'bin');
}

/** Runs a PostgreSQL binary; as root it runs as `postgres`, which refuses to run as root. */
function runAs(asPostgres: boolean, command: string, args: string[]): void {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The binaries and a fresh temp directory for a cluster; as root the directory belongs to
 * `postgres`, which the server runs as.
 */
function clusterDirectory(prefix: string): { bin: string; asPostgres: boolean; dir: string } {
  const bin = findBinaries();
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  return { bin, asPostgres, dir };
}

/** A running throwaway cluster: its URL, and `stop()`, which stops it and deletes its files. */
export interface ThrowawayPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL cluster under the system temp directory, listening on 127.0.0.1 only,
 * with one empty database. Used by the test run and by `npm run bench`.
 *
 * @example
 * const pg = await startThrowawayPostgres();
 * try { useDatabase(pg.url); } finally { await pg.stop(); }
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const { bin, asPostgres, dir } = clusterDirectory('gatehouse-pg-');
  const data = join(dir, 'data');
  const port = await freePort();
  const stop = () => {
    try {
      runAs(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped, or never started; the directory goes either way.
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    runAs(asPostgres, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const serverOptions = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      // Durability is pointless for a cluster deleted after the run.
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    runAs(asPostgres, join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      'start',
    ]);

    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`create database ${DATABASE}`);
    await admin.end();
  } catch (error) {
    stop();
    throw error;
  }

  return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, stop: async () => stop() };
}

/** A throwaway cluster that can be stopped and started again on the same data and port. */
export interface StoppablePostgres extends ThrowawayPostgres {
  readonly port: number;
  /** `pg_ctl stop` in `mode` (fast: backends told to quit; immediate: killed, recovery at start). */
  halt(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped cluster again, on the same data directory and port. */
  resume(): Promise<void>;
}

/**
 * A cluster of its own for fault tests, which stop the database under a running server: never
 * the run's shared one. Durable settings (fsync on) since an immediate stop must recover.
 *
 * @example
 * const db = await startStoppablePostgres();
 * await db.halt('fast'); await db.resume(); await db.stop();
 */
export async function startStoppablePostgres(): Promise<StoppablePostgres> {
  const { bin, asPostgres, dir } = clusterDirectory('gatehouse-pg-fault-');
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c max_connections=100',
  ].join(' ');
  const startArgs = ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', 'start'];
  const start = () => runAs(asPostgres, pgCtl, startArgs);
  const haltArgs = (mode: 'fast' | 'immediate') => ['-D', data, '-m', mode, '-w', 'stop'];
  // While the database is down the test keeps measuring a load: its event loop must not block.
  const runAsync = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args];
      execFile(file, argv, (error) => {
        if (!error) return resolve();
        const log = join(dir, 'server.log');
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-1500) : '';
        reject(new Error(`${error.message}\n${tail}`, { cause: error }));
      });
    });
  const stop = () => {
    try {
      runAs(asPostgres, pgCtl, haltArgs('immediate'));
    } catch {
      // Already stopped; the directory goes either way.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAs(asPostgres, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    start();
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`create database ${DATABASE}`);
    await admin.end();
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    port,
    halt: (mode) => runAsync(haltArgs(mode)),
    resume: () => runAsync(startArgs),
    stop: async () => stop(),
  };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (!/^postgres(ql)?:\/\//.test(external)) throw new Error('DATABASE_URL must be a postgres:// URL');
    project.provide('postgresUrl', external);
    return undefined;
  }

  const cluster = await startThrowawayPostgres();
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}

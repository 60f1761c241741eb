/**
 * One database's soak: a `gatehouse serve` child from dist/ with sampler.mjs preloaded, the
 * driver child's mixed load for the given time, the server's connections and descriptors read
 * from outside at the sampler's pace, a few idle seconds after the load, then the analysis.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port.js';
import { cleanEnv, runInChild, startServer } from '../lib/children.js';
import { type CpuFigures, startCpuMeter } from '../lib/cpu.js';
import { BENCH_SECRET } from '../lib/gatehouse.js';
import {
  analyse,
  CONNECTION_SLACK,
  HANDLE_SLACK,
  type InsideSample,
  type OutsideSample,
  type SoakAnalysis,
} from './analyse.js';
import { DRIVER_SOCKETS } from './client.js';
import type { SoakDatabase } from './databases.js';
import type { SoakJob, SoakLoadResult, SoakRates } from './job.js';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const SAMPLER = new URL('./sampler.mjs', import.meta.url).href;
const DRIVER = new URL('./driver.ts', import.meta.url).pathname;
export const SAMPLE_SECONDS = 5;
/** Idle time after the load: two samples, to see what the server keeps once nobody calls. */
const IDLE_SECONDS = 2 * SAMPLE_SECONDS + 1;

export interface SoakFigures {
  readonly database: string;
  readonly counted: string;
  readonly load: SoakLoadResult;
  readonly analysis: SoakAnalysis;
  /** CPU during the load, in cores: the server, all `postgres` processes, the rest of the machine. */
  readonly cpu: CpuFigures & { readonly driverCores: number };
  /** Wall-clock ms: the measured load's start (after seeding) and end; the samples' `at` are the same clock. */
  readonly loadStart: number;
  readonly loadEnd: number;
  /** Every sample, for a plot: inside the server, and from outside. */
  readonly inside: readonly InsideSample[];
  readonly outside: readonly OutsideSample[];
}

export interface SoakOptions {
  readonly dir: string;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly rates: SoakRates;
  readonly log: (line: string) => void;
}

const noCpu: CpuFigures = {
  serverCores: Number.NaN,
  databaseCores: Number.NaN,
  machineBusy: Number.NaN,
  otherCores: Number.NaN,
};

const openFds = (pid: number) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
};

const readSamples = (file: string): InsideSample[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as InsideSample)
    : [];

export async function soakDatabase(database: SoakDatabase, options: SoakOptions): Promise<SoakFigures> {
  const label = database.name.toLowerCase();
  const sampleFile = join(options.dir, `soak-${label}.jsonl`);
  const smtpPort = await freePort();
  const env: Record<string, string> = {
    GATEHOUSE_DATABASE_URL: database.url,
    GATEHOUSE_SECRET: BENCH_SECRET,
    GATEHOUSE_LOG_LEVEL: 'warn',
    // Every request comes from 127.0.0.1: per-address limits would turn the mix into 429s (see
    // lib/gatehouse.ts). The soak looks for leaks under steady traffic, not at the limiter.
    GATEHOUSE_RATE_LIMITS: 'off',
    GATEHOUSE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SOAK_SAMPLE_FILE: sampleFile,
    SOAK_SAMPLE_MS: String(SAMPLE_SECONDS * 1000),
  };
  if (database.tablePrefix) env.GATEHOUSE_TABLE_PREFIX = database.tablePrefix;
  const migrate = database.name === 'SQLite' ? [] : ['--migrate'];
  const server = await startServer({
    command: process.execPath,
    args: ['--import', SAMPLER, CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...migrate],
    env: cleanEnv(env),
    cwd: options.dir,
    logFile: join(options.dir, `soak-${label}.log`),
  });

  const outside: OutsideSample[] = [];
  const readOutside = async () => {
    const at = Date.now();
    const connections = await database.connections(server.pid).catch(() => Number.NaN);
    outside.push({ at, connections, fds: openFds(server.pid) });
  };
  const outsideTimer = setInterval(() => void readOutside(), SAMPLE_SECONDS * 1000);
  let loadStart = Date.now();
  try {
    const job: SoakJob = {
      url: server.url,
      smtpPort,
      seconds: options.seconds,
      rates: options.rates,
      tag: randomBytes(3).toString('hex'),
    };
    options.log(`${database.name}: soak — seeding, then ${options.seconds / 60} min of mixed load`);
    let stopMeter: ((loaderCores: number) => CpuFigures) | undefined;
    const load = await runInChild<SoakLoadResult>(DRIVER, job, (options.seconds + 600) * 1000, () => {
      loadStart = Date.now();
      stopMeter = startCpuMeter(server.pid);
      options.log(`${database.name}: seeded; mixed load running`);
    });
    const loadEnd = Date.now();
    const cpu = { ...(stopMeter?.(load.loaderCores) ?? noCpu), driverCores: load.loaderCores };
    options.log(`${database.name}: load done; ${IDLE_SECONDS} s idle`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    clearInterval(outsideTimer);
    const inside = readSamples(sampleFile);
    const analysis = analyse({
      inside,
      outside,
      loadStart,
      loadEnd,
      warmUpSeconds: options.warmUpSeconds,
      load,
      handleLimit: DRIVER_SOCKETS + 2 * database.poolSize + HANDLE_SLACK,
      connectionLimit: database.poolSize + CONNECTION_SLACK,
    });
    return {
      database: database.name,
      counted: database.counted,
      load,
      analysis,
      cpu,
      loadStart,
      loadEnd,
      inside,
      outside,
    };
  } catch (error) {
    // The server's last words say more than the driver's view of them.
    const tail = readFileSync(server.logFile, 'utf8')
      .trim()
      .split('\n')
      .slice(-3)
      .map((line) => line.slice(0, 300))
      .join('\n  ');
    throw new Error(`${error instanceof Error ? error.message : String(error)}; server log ends:\n  ${tail}`);
  } finally {
    clearInterval(outsideTimer);
    await server.stop();
  }
}

/**
 * CPU accounting from /proc (Linux), so each figure says who was busy: the server, the load
 * generator, or the whole machine (PostgreSQL included). Elsewhere the figures read NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICKS_PER_SECOND = 100;

/** Command name and utime + stime (all threads, in seconds) of a process. */
function processStat(pid: number | string): { name: string; seconds: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // The command name may contain spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return { name: '', seconds: Number.NaN };
  }
}

/** CPU seconds of every `postgres` process, by pid. */
function postgresSeconds(): Map<string, number> {
  const found = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const { name, seconds } = processStat(pid);
      if (name === 'postgres') found.set(pid, seconds);
    }
  } catch {
    // Not Linux: no figure.
  }
  return found;
}

/** Busy and total jiffies of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

export interface CpuFigures {
  /** Cores the server process used on average (1 = one core all the time). */
  readonly serverCores: number;
  /** Cores all `postgres` processes used together. */
  readonly databaseCores: number;
  /** Share of all the machine's cores that were busy, whoever used them. */
  readonly machineBusy: number;
  /** Busy cores not accounted to the server, the load generator(s) or PostgreSQL: other tenants. */
  readonly otherCores: number;
}

/**
 * Starts a CPU measurement; call the returned function at the end with the load generators'
 * own figure (they measure themselves).
 */
export function startCpuMeter(serverPid: number): (loaderCores: number) => CpuFigures {
  const wall0 = performance.now();
  const server0 = processStat(serverPid).seconds;
  const postgres0 = postgresSeconds();
  const machine0 = machineTicks();
  return (loaderCores) => {
    const wall = (performance.now() - wall0) / 1000;
    const machine1 = machineTicks();
    let database = 0;
    for (const [pid, seconds] of postgresSeconds()) database += seconds - (postgres0.get(pid) ?? 0);
    const serverCores = (processStat(serverPid).seconds - server0) / wall;
    const databaseCores = database / wall;
    const machineBusy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
    const otherCores = machineBusy * availableParallelism() - serverCores - databaseCores - loaderCores;
    return { serverCores, databaseCores, machineBusy, otherCores };
  };
}

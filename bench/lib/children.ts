/**
 * Child processes of the bench: servers and load generators. Every child is tracked here, so
 * `stopAllChildren` can end them all, on success, on error and on Ctrl-C alike.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

/** `node` flags that let a child run TypeScript, whatever its working directory. */
export const TSX_FLAGS: readonly string[] = ['--import', import.meta.resolve('tsx')];

/** A server child that printed `… listening on http://host:port`. */
export interface RunningServer {
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface ServerStart {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** stdout and stderr go here, not through a pipe: reading them would cost the bench CPU. */
  readonly logFile: string;
}

const LISTENING = /listening on (http:\/\/[\w.:[\]-]+)/i;
const START_TIMEOUT_MS = 30_000;

/** The environment a child gets: ours, minus anything that would configure it behind our back. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GATEHOUSE_') || key === 'DATABASE_URL' || key === 'PORT' || key === 'NODE_OPTIONS')
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Waits for a child to exit, sending SIGKILL if SIGTERM was not enough. */
async function terminate(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startServer(start: ServerStart): Promise<RunningServer> {
  const fd = openSync(start.logFile, 'w');
  const child = track(
    spawn(start.command, [...start.args], { cwd: start.cwd, env: start.env, stdio: ['ignore', fd, fd] }),
  );
  closeSync(fd);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const log = readFileSync(start.logFile, 'utf8');
    const url = LISTENING.exec(log)?.[1];
    if (url !== undefined && child.pid !== undefined) {
      return { pid: child.pid, url, logFile: start.logFile, stop: () => terminate(child) };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await terminate(child);
      throw new Error(`${start.args.join(' ')} did not start:\n${log.slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a TypeScript module in a child process: sends it `message`, calls `onStarted` when the
 * child reports `{ started: true }`, and returns the next message, its result.
 */
export async function runInChild<T>(
  modulePath: string,
  message: unknown,
  timeoutMs: number,
  onStarted: () => void = () => {},
): Promise<T> {
  const child = track(
    fork(modulePath, [], { execArgv: [...TSX_FLAGS], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${modulePath} took over ${timeoutMs} ms`)), timeoutMs);
      child.on('message', (reply) => {
        if ((reply as { started?: boolean }).started) return onStarted();
        clearTimeout(timer);
        const failure = (reply as { error?: string }).error;
        if (failure !== undefined) reject(new Error(failure));
        else resolve(reply as T);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${modulePath} exited (${code}) without a result`));
      });
      child.send(message as object);
    });
  } finally {
    await terminate(child);
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((child) => terminate(child)));
}

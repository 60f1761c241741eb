/**
 * Argon2id on dedicated worker threads that run at a lower scheduling priority (a higher nice
 * value) than the event loop. Hashing is throughput work and the event loop is latency work: on
 * Linux a thread's nice value is its own, so under a sign-in flood the kernel gives the event
 * loop (session checks, refreshes) the CPU it asks for and the hashes take the rest, instead of
 * three equal threads sharing the cores. Idle CPU still goes to hashing, so a quiet server
 * hashes as fast as before. Elsewhere (no `/proc/thread-self`) the threads keep the default
 * priority and behave like libuv's pool.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface HashThreadOptions {
  /** Threads at most; a thread starts on first use and stops after `idleMs` without work. */
  readonly threads: number;
  /** Added nice value for the hashing threads (0–19). 0 leaves their priority alone. */
  readonly niceness: number;
  readonly idleMs?: number;
}

export interface Argon2Options {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
  readonly algorithm: number;
}

export interface HashThreads {
  hash(password: string, options: Argon2Options): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Stops every thread now; a later call starts threads again. */
  close(): Promise<void>;
}

type Task =
  | { op: 'hash'; password: string; options: Argon2Options }
  | { op: 'verify'; hash: string; password: string };

// CommonJS source for `eval` workers: the package's own module file is not loadable as a worker
// under every runner (TypeScript sources in tests), and the argon2 binding is resolved here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
if (workerData.niceness > 0) {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    require('node:os').setPriority(tid, workerData.niceness);
  } catch {}
}
parentPort.on('message', (task) => {
  try {
    const value = task.op === 'hash'
      ? argon2.hashSync(task.password, task.options)
      : argon2.verifySync(task.hash, task.password);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : 'hash failed' });
  }
});
`;

const ARGON2_MODULE = createRequire(import.meta.url).resolve('@node-rs/argon2');

interface Thread {
  readonly worker: Worker;
  settle?: (result: { ok: boolean; value?: unknown; message?: string }) => void;
  idle?: NodeJS.Timeout;
}

/**
 * At most `threads` tasks run at once (one per thread); callers keep their own queue in front
 * (see `concurrencyLimit`), so a task given here never waits for a thread long.
 */
export function hashThreads(options: HashThreadOptions): HashThreads {
  const idleMs = options.idleMs ?? 30_000;
  const idle: Thread[] = [];
  const waiting: Array<(thread: Thread) => void> = [];
  let started = 0;
  const all = new Set<Thread>();

  function spawn(): Thread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2: ARGON2_MODULE, niceness: options.niceness },
    });
    // Idle threads never keep the process alive.
    worker.unref();
    const thread: Thread = { worker };
    all.add(thread);
    started++;
    worker.on('message', (result) => {
      const settle = thread.settle;
      thread.settle = undefined;
      settle?.(result);
    });
    const lost = (reason: string) => {
      if (!all.delete(thread)) return;
      started--;
      const at = idle.indexOf(thread);
      if (at !== -1) idle.splice(at, 1);
      thread.settle?.({ ok: false, message: reason });
      thread.settle = undefined;
      // A caller waiting for a thread gets a new one in place of the lost one.
      const next = waiting.shift();
      if (next) next(spawn());
    };
    worker.on('error', () => lost('the hashing thread failed'));
    worker.on('exit', () => lost('the hashing thread stopped'));
    return thread;
  }

  function acquire(): Promise<Thread> {
    const thread = idle.pop();
    if (thread) {
      clearTimeout(thread.idle);
      return Promise.resolve(thread);
    }
    if (started < options.threads) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(thread: Thread): void {
    if (!all.has(thread)) return;
    const next = waiting.shift();
    if (next) {
      next(thread);
      return;
    }
    idle.push(thread);
    thread.idle = setTimeout(() => {
      const at = idle.indexOf(thread);
      if (at !== -1) idle.splice(at, 1);
      void thread.worker.terminate();
    }, idleMs).unref();
  }

  async function run<T>(task: Task): Promise<T> {
    const thread = await acquire();
    try {
      const result = await new Promise<{ ok: boolean; value?: unknown; message?: string }>((resolve) => {
        thread.settle = resolve;
        thread.worker.postMessage(task);
      });
      if (!result.ok) throw new Error(result.message ?? 'hash failed');
      return result.value as T;
    } finally {
      release(thread);
    }
  }

  return {
    hash: (password, hashOptions) => run<string>({ op: 'hash', password, options: hashOptions }),
    verify: (hash, password) => run<boolean>({ op: 'verify', hash, password }),
    async close() {
      const threads = [...all];
      for (const thread of threads) clearTimeout(thread.idle);
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}

/**
 * `gatehouse serve` as a child process in the ways test/support/cli.ts does not cover: under a
 * shell that sets the umask first, with node flags (a preload), and run to its end. Also a raw
 * socket whose closing a test can wait for, with a deadline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { BIN, cleanEnv } from '../support/cli.js';

export interface ServeOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  /** Flags for node itself, before the script (e.g. `--import`, a preload). */
  readonly nodeArgs?: readonly string[];
  /** Start through `sh -c 'umask <umask>; exec node …'`. */
  readonly umask?: string;
}

export interface ServeProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** Spawns `gatehouse serve --port 0 --host 127.0.0.1`. */
export function spawnServe(options: ServeOptions): ServeProcess {
  const argv = [...(options.nodeArgs ?? []), BIN, 'serve', '--port', '0', '--host', '127.0.0.1'];
  const env = cleanEnv(options.env);
  const child =
    options.umask === undefined
      ? spawn(process.execPath, argv, { cwd: options.cwd, env })
      : spawn(
          '/bin/sh',
          ['-c', `umask ${options.umask}; exec ${[process.execPath, ...argv].map(quote).join(' ')}`],
          { cwd: options.cwd, env },
        );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, ended };
}

/** Waits until `serve` prints where it listens; rejects if it ends first. */
export async function listening(serve: ServeProcess): Promise<URL> {
  for (;;) {
    const m = /listening on (http:\/\/\S+)/.exec(serve.stdout());
    if (m) return new URL(m[1]!);
    const ended = await Promise.race([
      serve.ended,
      new Promise<null>((r) => serve.child.stdout?.once('data', () => r(null))),
    ]);
    if (ended)
      throw new Error(
        `serve ended (${ended.code ?? ended.signal}) before listening:\n${serve.stdout()}${serve.stderr()}`,
      );
  }
}

/** Stops a serve process (SIGTERM) and waits for its end. */
export async function stopServe(serve: ServeProcess): Promise<void> {
  if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGTERM');
  await serve.ended;
}

export interface WatchedSocket {
  readonly socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves with what the server sent once the connection closes; rejects after `deadlineMs`. */
  closed(deadlineMs: number): Promise<string>;
}

/** Opens a TCP connection and resolves once it is connected. */
export function openSocket(url: URL): Promise<WatchedSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    const closed = new Promise<string>((r) => socket.on('close', () => r(received)));
    socket.on('data', (d) => {
      received += d;
    });
    // A server that drops the connection may reset it; what matters is that it closed.
    socket.on('error', () => {});
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => received,
        closed: (deadlineMs) => {
          let timer: NodeJS.Timeout | undefined;
          const deadline = new Promise<never>((_, fail) => {
            timer = setTimeout(
              () => fail(new Error(`the connection was still open after ${deadlineMs} ms`)),
              deadlineMs,
            );
          });
          return Promise.race([closed, deadline]).finally(() => clearTimeout(timer));
        },
      }),
    );
    socket.once('error', reject);
  });
}

/** Writes one byte every `everyMs` until the socket closes (a slow or malicious client). */
export function trickle(socket: Socket, byte: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write(byte);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/**
 * For the operator-command tests: a fresh, migrated database (a SQLite file, or tables under a
 * new prefix on the run's PostgreSQL) and the built `gatehouse` binary run against it — with
 * stdin, with `--json` parsed, or left running to be signalled — plus a look at the rows behind it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, cleanEnv, tempDir } from '../support/cli.js';
import { randomTablePrefix, type StoreKind, type TestDatabase, testDatabase } from '../support/stores.js';

export const SECRET = 'admin-cli-secret-admin-cli-secret-admin-cli';

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliInstance {
  readonly kind: StoreKind;
  readonly cwd: string;
  readonly prefix: string;
  readonly env: Record<string, string>;
  readonly database: TestDatabase;
  /** Runs the command to its end; `stdin` is written and closed (otherwise stdin is empty). */
  run(args: string[], options?: { stdin?: string; env?: Record<string, string> }): Promise<Result>;
  /** Runs with `--json`, expects exit 0 and returns the parsed document. */
  json<T = Record<string, unknown>>(args: string[], options?: { stdin?: string }): Promise<T>;
  /** Starts the command and leaves it running. */
  start(args: string[], options?: { env?: Record<string, string> }): Running;
  /** Rows of a table (without the prefix). */
  rows(table: string): Promise<Record<string, unknown>[]>;
  count(table: string): Promise<number>;
  /** Runs SQL against the instance's database; `{p}` stands for the table prefix. */
  sql(statement: string): Promise<void>;
}

export interface Running {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches `pattern`. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function spawnCli(args: string[], cwd: string, env: Record<string, string>, stdin?: string): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  child.stdin.end(stdin ?? '');
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForStderr(pattern, timeoutMs = 60_000) {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(err);
        if (match) return match;
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}:\n${err}`);
        if (Date.now() - started > timeoutMs)
          throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/**
 * A migrated database of `kind` for the calling `describe`, set up before its tests and removed
 * after them. `extraEnv` adds settings (an SMTP URL, say).
 */
export function cliInstance(
  kind: StoreKind,
  extraEnv: () => Record<string, string> = () => ({}),
): CliInstance {
  const prefix = randomTablePrefix();
  let database: TestDatabase | undefined;
  let cwd = '';
  let env: Record<string, string> = {};
  beforeAll(async () => {
    database = await testDatabase(kind);
    await database.open({ tablePrefix: prefix });
    cwd = tempDir(`admin-${kind}`);
    env = {
      GATEHOUSE_DATABASE_URL: database.url,
      GATEHOUSE_TABLE_PREFIX: prefix,
      GATEHOUSE_SECRET: SECRET,
      GATEHOUSE_LOG_LEVEL: 'warn',
      GATEHOUSE_BASE_URL: 'http://127.0.0.1:9',
      ...extraEnv(),
    };
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  const instance: CliInstance = {
    kind,
    prefix,
    get cwd() {
      return cwd;
    },
    get env() {
      return env;
    },
    get database() {
      return database!;
    },
    async run(args, options = {}) {
      const running = spawnCli(args, cwd, { ...env, ...options.env }, options.stdin);
      const code = await running.exited;
      return { code, stdout: running.stdout(), stderr: running.stderr() };
    },
    async json(args, options = {}) {
      const result = await instance.run([...args, '--json'], options);
      expect(result.stderr, `gatehouse ${args.join(' ')}`).toBe('');
      expect(result.code, `gatehouse ${args.join(' ')}: ${result.stderr}`).toBe(0);
      return JSON.parse(result.stdout);
    },
    start(args, options = {}) {
      return spawnCli(args, cwd, { ...env, ...options.env });
    },
    rows: (table) => database!.rows(`${prefix}${table}`),
    count: (table) => database!.count(`${prefix}${table}`),
    async sql(statement) {
      const text = statement.replaceAll('{p}', prefix);
      if (kind === 'postgres') {
        const client = new pg.Client({ connectionString: database!.url });
        await client.connect();
        try {
          await client.query(text);
        } finally {
          await client.end();
        }
        return;
      }
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(database!.url.slice('sqlite:'.length));
      try {
        db.exec(text);
      } finally {
        db.close();
      }
    },
  };
  return instance;
}

/** Audit records as `gatehouse audit list --json --all` prints them (JSON lines). */
export async function auditRecords(
  cli: CliInstance,
  filters: string[] = [],
): Promise<
  Array<{
    type: string;
    actorId: string | null;
    targetId: string | null;
    userId: string | null;
    data: Record<string, unknown>;
  }>
> {
  const result = await cli.run(['audit', 'list', '--all', '--json', ...filters]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/**
 * Per test: every command is a fresh Node process (a second or two each, more on a busy machine),
 * and a test runs a dozen of them.
 */
export const SLOW = 300_000;

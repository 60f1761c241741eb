/**
 * `gatehouse doctor` over the real binary (issue 12), on SQLite and PostgreSQL: an installation
 * made by `init` and started once passes every check; each failure is induced for real (an
 * unreachable database, a refused or wrong secret, pending migrations, group-readable files,
 * nothing listening on the SMTP or Redis port, production without mail) and named with its fix
 * and exit code 1, while warnings alone exit 0. `--send-test-mail` delivers to a real SMTP
 * receiver; `--json` is one document. No secret or password is ever printed.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type CliResult, runCli, startServer, tempDir } from '../support/cli.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { randomTablePrefix, type StoreKind, storeKinds } from '../support/stores.js';

// Each test runs the binary several times (and a server); a loaded machine needs longer than 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

const DB_PASSWORD = 'doctor-db-password';

interface Installation {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly secret: string;
  readonly prefix: string;
}

/** `init --yes` in a fresh directory; started once unless `started` is false (then nothing exists yet). */
async function install(kind: StoreKind, { started = true } = {}): Promise<Installation> {
  const cwd = tempDir('doctor');
  const prefix = randomTablePrefix();
  const env = { GATEHOUSE_TABLE_PREFIX: prefix, GATEHOUSE_LOG_LEVEL: 'warn' };
  const args = ['init', '--yes'];
  if (kind === 'postgres') {
    const url = new URL(inject('postgresUrl'));
    url.password = DB_PASSWORD; // the test cluster trusts loopback: any password works
    args.push('--database-url', url.href);
  }
  expect((await runCli(args, { cwd, env })).code).toBe(0);
  const secret = parseEnv(readFileSync(join(cwd, '.env'), 'utf8')).GATEHOUSE_SECRET!;
  if (started) {
    if (kind === 'postgres') expect((await runCli(['migrate'], { cwd, env })).code).toBe(0);
    // The first start migrates and creates the signing key before it listens.
    const server = await startServer([], { cwd, env });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.stop();
  }
  return { cwd, env, secret, prefix };
}

interface Doctor extends CliResult {
  /** The line of check `name`: its status and the rest. */
  line(name: string): { status: string; text: string } | undefined;
}

async function doctor(
  at: Installation,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Doctor> {
  const result = await runCli(['doctor', ...args], { cwd: at.cwd, env: { ...at.env, ...env } });
  // Whatever happens, neither the secret nor the database password reaches the output.
  expect(result.stdout + result.stderr).not.toContain(at.secret);
  expect(result.stdout + result.stderr).not.toContain(DB_PASSWORD);
  return {
    ...result,
    line(name) {
      const m = new RegExp(`^(pass|warn|fail)\\s+${name}\\s+(.*)$`, 'm').exec(result.stdout);
      return m ? { status: m[1]!, text: m[2]! } : undefined;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Moves every recorded migration run to the year 2999, as a clock far behind would see them. */
async function recordInTheFuture(kind: StoreKind, at: Installation): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(join(at.cwd, 'gatehouse.db'));
    db.prepare(`update ${at.prefix}migrations set timestamp = ?`).run('2999-01-01T00:00:00.000Z');
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  await client.query(`update ${at.prefix}migrations set timestamp = '2999-01-01T00:00:00Z'`);
  await client.end();
}

describe.each(storeKinds)('gatehouse doctor on %s', (kind) => {
  let healthy: Installation;
  beforeAll(async () => {
    healthy = await install(kind);
  });

  it('passes every check on a healthy installation (exit 0); --json says the same', async () => {
    const result = await doctor(healthy);
    expect(result.code).toBe(0);
    const names = [
      'settings',
      'secret',
      'database',
      'migrations',
      'signing-keys',
      'clock',
      'base-url',
      'mail',
    ];
    for (const name of [...names, 'mail-production', 'redis', 'secrets-file']) {
      expect(result.line(name)?.status, name).toBe('pass');
    }
    expect(result.stdout).not.toMatch(/^(warn|fail)/m);
    expect(result.line('signing-keys')?.text).toMatch(/1 stored \(1 active\), all open/);
    if (kind === 'sqlite') expect(result.line('database-file')?.status).toBe('pass');
    if (kind === 'postgres') expect(result.line('clock')?.text).toContain("of the database server's");

    const json = await doctor(healthy, ['--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; status: string }>;
    };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(names));
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('fails when the secret does not open the stored signing keys, and says to restore the original', async () => {
    const result = await doctor(healthy, [], {
      GATEHOUSE_SECRET: 'another-random-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    });
    expect(result.code).toBe(1);
    expect(result.line('secret')?.status).toBe('pass');
    const keys = result.line('signing-keys');
    expect(keys?.status).toBe('fail');
    expect(keys?.text).toMatch(/1 of 1 cannot be opened with GATEHOUSE_SECRET/);
    expect(keys?.text).toMatch(
      /fix: Set GATEHOUSE_SECRET back to the secret the installation was started with/,
    );
  });

  it('fails on a short secret (naming where it came from), and then on keys it cannot open', async () => {
    const short = 'short-secret-of-24-chars';
    const result = await doctor(healthy, [], { GATEHOUSE_SECRET: short });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(short);
    expect(result.line('settings')?.text).toContain('valid apart from the secret');
    const secret = result.line('secret');
    expect(secret?.status).toBe('fail');
    expect(secret?.text).toMatch(
      /^GATEHOUSE_SECRET: must be at least 32 characters — fix: Set GATEHOUSE_SECRET/,
    );
    expect(result.line('signing-keys')).toMatchObject({ status: 'fail' });
    // The rest is still checked.
    expect(result.line('database')?.status).toBe('pass');
  });

  it('warns (exit 0) on a patterned secret for an installation not started yet', async () => {
    const fresh = await install(kind, { started: false });
    if (kind === 'postgres')
      expect((await runCli(['migrate'], { cwd: fresh.cwd, env: fresh.env })).code).toBe(0);
    const result = await doctor(fresh, [], { GATEHOUSE_SECRET: 'abcd'.repeat(10) });
    expect(result.code).toBe(0);
    expect(result.line('secret')).toEqual({
      status: 'warn',
      text: expect.stringMatching(
        /long enough but looks patterned.* — fix: For a new installation, use a random value/,
      ),
    });
    expect(result.line('signing-keys')?.status).toBe('warn');
    expect(result.stdout).not.toMatch(/^fail/m);
  });

  it('names pending migrations (a failure on PostgreSQL, which refuses to start; a warning on SQLite)', async () => {
    const fresh = await install(kind, { started: false });
    if (kind === 'sqlite') writeFileSync(join(fresh.cwd, 'gatehouse.db'), '', { mode: 0o600 });
    const result = await doctor(fresh);
    const migrations = result.line('migrations');
    expect(migrations?.text).toMatch(/^\d+ pending: 0001_initial, 0002_audit_events, /);
    if (kind === 'postgres') {
      expect(result.code).toBe(1);
      expect(migrations?.status).toBe('fail');
      expect(migrations?.text).toMatch(/fix: Run `gatehouse migrate`/);
    } else {
      expect(result.code).toBe(0);
      expect(migrations?.status).toBe('warn');
      expect(migrations?.text).toMatch(/fix: `gatehouse serve` applies them at start/);
    }
  });

  it('fails when the database cannot be reached, without printing its password', async () => {
    const url =
      kind === 'postgres'
        ? `postgres://postgres:${DB_PASSWORD}@127.0.0.1:${await freePort()}/gatehouse`
        : 'sqlite:./no-such-directory/gatehouse.db';
    const result = await doctor(healthy, [], { GATEHOUSE_DATABASE_URL: url });
    expect(result.code).toBe(1);
    const database = result.line('database');
    expect(database?.status).toBe('fail');
    if (kind === 'postgres') {
      expect(database?.text).toMatch(
        /cannot reach postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/gatehouse: .*ECONNREFUSED/,
      );
      expect(database?.text).toMatch(/fix: Check that PostgreSQL is running and reachable from here/);
    } else {
      expect(database?.text).toMatch(
        /the directory of .*no-such-directory.* does not exist — fix: Create it/,
      );
    }
  });

  it('fails when the secrets file is readable by its group, with the chmod that fixes it', async () => {
    const file = join(healthy.cwd, '.env');
    try {
      chmodSync(file, 0o640);
      const result = await doctor(healthy);
      expect(result.code).toBe(1);
      expect(result.line('secrets-file')).toEqual({
        status: 'fail',
        text: `${file} is readable by its group (mode 0640); it holds the instance secret — fix: chmod 600 ${file}`,
      });
    } finally {
      chmodSync(file, 0o600);
    }
  });

  it('warns when the clock is behind what the database recorded', async () => {
    const at = await install(kind);
    await recordInTheFuture(kind, at);
    const result = await doctor(at);
    const clock = result.line('clock');
    expect(clock?.status).toBe('warn');
    expect(clock?.text).toMatch(
      /but the database recorded 2999-01-01T00:00:00\.000Z.* — fix: Synchronise the clock with NTP/,
    );
    expect(result.code).toBe(0);
  });
});

describe('gatehouse doctor: database file, mail, Redis, production, settings, --json', () => {
  let at: Installation;
  let smtp: SmtpReceiver;
  let redis: RedisServer;
  beforeAll(async () => {
    [at, smtp, redis] = await Promise.all([install('sqlite'), startSmtpReceiver(), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([smtp?.stop(), redis?.stop()]);
  });

  it('warns on a group-readable SQLite database and fails on a world-readable one', async () => {
    const file = join(at.cwd, 'gatehouse.db');
    try {
      chmodSync(file, 0o640);
      const group = await doctor(at);
      expect(group.code).toBe(0);
      expect(group.line('database-file')).toEqual({
        status: 'warn',
        text: './gatehouse.db is readable by its group (mode 0640): its members can read password hashes and sessions — fix: chmod 600 ./gatehouse.db',
      });
      chmodSync(file, 0o604);
      const world = await doctor(at);
      expect(world.code).toBe(1);
      expect(world.line('database-file')?.status).toBe('fail');
      expect(world.line('database-file')?.text).toMatch(
        /readable by everyone \(mode 0604\).* — fix: chmod 600 \.\/gatehouse\.db/,
      );
    } finally {
      chmodSync(file, 0o600);
    }
  });

  it('fails when nothing listens on the SMTP port, and says what to check', async () => {
    const result = await doctor(at, [], {
      GATEHOUSE_SMTP_URL: `smtp://mailer:smtp-pass@127.0.0.1:${await freePort()}`,
    });
    expect(result.code).toBe(1);
    const mail = result.line('mail');
    expect(mail?.status).toBe('fail');
    expect(mail?.text).toMatch(
      /the SMTP server at smtp:\/\/mailer:\*\*\*@127\.0\.0\.1:\d+ does not answer: .*ECONNREFUSED/,
    );
    expect(mail?.text).toMatch(/fix: Check that the mail server runs/);
    expect(result.stdout).not.toContain('smtp-pass');
  });

  it('--send-test-mail really sends one through SMTP', async () => {
    const result = await doctor(at, ['--send-test-mail', 'doctor-test@example.com'], {
      GATEHOUSE_SMTP_URL: smtp.url,
    });
    expect(result.code).toBe(0);
    expect(result.line('mail')?.text).toContain(`the SMTP server at ${smtp.url} answers`);
    expect(result.line('test-mail')).toMatchObject({
      status: 'pass',
      text: expect.stringContaining('sent to doctor-test@example.com through smtp'),
    });
    const mail = await waitForMail(smtp, 'doctor-test@example.com', /test mail from gatehouse doctor/);
    expect(mail.subject).toBe('Gatehouse test mail');
  });

  it('--send-test-mail through a refusing server fails with the reason', async () => {
    smtp.refuse.add('refused@example.com');
    const result = await doctor(at, ['--send-test-mail', 'refused@example.com'], {
      GATEHOUSE_SMTP_URL: smtp.url,
    });
    expect(result.code).toBe(1);
    expect(result.line('test-mail')?.text).toMatch(
      /sending to refused@example.com through smtp failed: .*550/,
    );
  });

  it('checks Redis when configured: a real one passes, nothing listening fails with the fix', async () => {
    const up = await doctor(at, [], { GATEHOUSE_REDIS_URL: redis.url });
    expect(up.line('redis')).toEqual({ status: 'pass', text: `${redis.url} answers PONG` });
    const down = await doctor(at, [], { GATEHOUSE_REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(1);
    expect(down.line('redis')?.status).toBe('fail');
    expect(down.line('redis')?.text).toMatch(
      /cannot reach redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.* — fix: Start Redis or correct redis_url/,
    );
  });

  it('fails production without mail (https base URL, no transport) and a plain-http public base URL', async () => {
    const https = await doctor(at, [], { GATEHOUSE_BASE_URL: 'https://auth.example.com' });
    expect(https.code).toBe(1);
    expect(https.line('base-url')?.status).toBe('pass');
    expect(https.line('mail-production')?.status).toBe('fail');
    expect(https.line('mail-production')?.text).toMatch(/printed to the log.* — fix: Set GATEHOUSE_SMTP_URL/);
    const withSmtp = await doctor(at, [], {
      GATEHOUSE_BASE_URL: 'https://auth.example.com',
      GATEHOUSE_SMTP_URL: smtp.url,
    });
    expect(withSmtp.line('mail-production')?.status).toBe('pass');

    const http = await doctor(at, [], { GATEHOUSE_BASE_URL: 'http://auth.example.com' });
    expect(http.code).toBe(1);
    expect(http.line('base-url')?.status).toBe('fail');
    expect(http.line('base-url')?.text).toMatch(
      /plain http on a host that is not local.* — fix: Serve Gatehouse over https/,
    );
  });

  it('fails on invalid settings with the setting named, and checks nothing it cannot', async () => {
    const result = await doctor(at, [], { GATEHOUSE_ACCESS_TOKEN_TTL: 'soon' });
    expect(result.code).toBe(1);
    expect(result.line('settings')?.text).toContain(
      'GATEHOUSE_ACCESS_TOKEN_TTL: expected a number, got "soon"',
    );
    expect(result.stdout.match(/^(pass|warn|fail)/gm)).toHaveLength(1);
  });

  it('--json prints one document {ok, checks:[{name, status, message, fix?}]} and exits 1 on a failure', async () => {
    const result = await doctor(at, ['--json'], {
      GATEHOUSE_REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; status: string; message: string; fix?: string }>;
    };
    expect(Object.keys(report)).toEqual(['ok', 'checks']);
    expect(report.ok).toBe(false);
    for (const check of report.checks) {
      expect(Object.keys(check)).toEqual(
        check.status === 'pass' ? ['name', 'status', 'message'] : ['name', 'status', 'message', 'fix'],
      );
    }
    expect(report.checks.find((c) => c.name === 'redis')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('cannot reach redis://127.0.0.1'),
      fix: expect.stringContaining('Start Redis'),
    });
  });
});

/**
 * `gatehouse init` over the real binary (issue 12): answers piped to stdin and typed on a real
 * pseudo-terminal, or flags with `--yes`; what it writes is what `serve` reads — a server started
 * on it answers /readyz and signs a user up, on SQLite and on PostgreSQL, with mail over real SMTP.
 * The secrets file is 0600 from birth, a secret or password never reaches the terminal, and
 * nothing is overwritten without --force.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv, stripVTControlCharacters } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { BIN, type CliResult, cleanEnv, runCli, startServer, tempDir } from '../support/cli.js';
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { randomTablePrefix } from '../support/stores.js';

// Each test runs the binary several times (and a server); a loaded machine needs longer than 30 s.
vi.setConfig({ testTimeout: 90_000 });

/** Runs the binary with `input` piped to its stdin (then closed). */
function runWithInput(args: string[], cwd: string, input: string, env: Record<string, string> = {}) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const files = (dir: string) => ({
  toml: parseToml(readFileSync(join(dir, 'gatehouse.toml'), 'utf8')) as Record<string, unknown>,
  env: parseEnv(readFileSync(join(dir, '.env'), 'utf8')) as Record<string, string>,
});
const mode = (path: string) => statSync(path).mode & 0o777;

/** Starts serve where init wrote, checks /readyz and signs a user up; returns the server's output. */
async function serveAndSignUp(cwd: string, email: string, env: Record<string, string> = {}): Promise<string> {
  const server = await startServer([], { cwd, env: { GATEHOUSE_LOG_LEVEL: 'warn', ...env } });
  try {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const up = await fetch(`${server.url}/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery staple' }),
    });
    expect(up.status).toBeLessThan(300);
    expect(((await up.json()) as { user: { email: string } }).user.email).toBe(email);
    return server.output();
  } finally {
    expect(await server.stop()).toBe(0);
  }
}

describe('gatehouse init', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp.stop());

  it('--yes writes a SQLite configuration with a strong secret in a 0600 .env, and serve runs on it', async () => {
    const cwd = tempDir('init');
    const result = await runCli(['init', '--yes'], { cwd });
    expect(result.code).toBe(0);
    const { toml, env } = files(cwd);
    expect(toml).toMatchObject({ base_url: 'http://localhost:3000', database_url: 'sqlite:./gatehouse.db' });
    expect(toml.server).toEqual({ port: 3000 });
    expect(Object.keys(env)).toEqual(['GATEHOUSE_SECRET']);
    expect(env.GATEHOUSE_SECRET).toMatch(/^[\w-]{43}$/); // 32 random bytes
    expect(mode(join(cwd, '.env'))).toBe(0o600);
    expect(result.stdout).not.toContain(env.GATEHOUSE_SECRET);
    // Another run makes another secret.
    const other = tempDir('init');
    await runCli(['init', '--yes'], { cwd: other });
    expect(files(other).env.GATEHOUSE_SECRET).not.toBe(env.GATEHOUSE_SECRET);

    await serveAndSignUp(cwd, 'init-sqlite@example.com');
    // The server used the configured secret, not a generated file beside the database.
    expect(existsSync(join(cwd, 'gatehouse.secret'))).toBe(false);
    expect(existsSync(join(cwd, 'gatehouse.db'))).toBe(true);
  });

  it('refuses to overwrite either file without --force (exit 1, naming the file); --force replaces them, .env still 0600', async () => {
    const cwd = tempDir('init');
    writeFileSync(join(cwd, 'gatehouse.toml'), 'base_url = "https://mine.example.com"\n');
    const refused = await runCli(['init', '--yes'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${join(cwd, 'gatehouse.toml')} already exists`);
    expect(refused.stderr).toContain('--force');
    expect(existsSync(join(cwd, '.env'))).toBe(false);
    expect(readFileSync(join(cwd, 'gatehouse.toml'), 'utf8')).toContain('mine.example.com');

    const envOnly = tempDir('init');
    writeFileSync(join(envOnly, '.env'), 'GATEHOUSE_SECRET=keep-me-keep-me-keep-me-keep-me-keep-me\n');
    const refusedEnv = await runCli(['init', '--yes'], { cwd: envOnly });
    expect(refusedEnv.code).toBe(1);
    expect(refusedEnv.stderr).toContain(`${join(envOnly, '.env')} already exists`);
    expect(existsSync(join(envOnly, 'gatehouse.toml'))).toBe(false);

    // An old world-readable .env is replaced by a new file, never rewritten in place.
    chmodSync(join(envOnly, '.env'), 0o644);
    const before = statSync(join(envOnly, '.env')).ino;
    const forced = await runCli(['init', '--yes', '--force'], { cwd: envOnly });
    expect(forced.code).toBe(0);
    expect(mode(join(envOnly, '.env'))).toBe(0o600);
    expect(statSync(join(envOnly, '.env')).ino).not.toBe(before);
    expect(files(envOnly).env.GATEHOUSE_SECRET).not.toContain('keep-me');
  });

  it('writes .env 0600 and gatehouse.toml 0644 even under umask 000, into --dir', async () => {
    const cwd = tempDir('init');
    const child = spawn(
      '/bin/sh',
      ['-c', `umask 000; exec "${process.execPath}" "${BIN}" init --yes --dir conf`],
      {
        cwd,
        env: cleanEnv(),
      },
    );
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    expect(mode(join(cwd, 'conf', '.env'))).toBe(0o600);
    expect(mode(join(cwd, 'conf', 'gatehouse.toml'))).toBe(0o644);
  });

  it('takes piped answers, one per line: SQLite file, base URL, port from it, SMTP without login; mail arrives over SMTP', async () => {
    const cwd = tempDir('init');
    const answers = [
      './auth.db',
      'http://localhost:4000',
      '',
      'smtp',
      '127.0.0.1',
      String(smtp.port),
      '',
      '',
    ];
    const result = await runWithInput(['init'], cwd, `${answers.join('\n')}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Public base URL [http://localhost:3000]:');
    expect(result.stdout).toContain('Port to listen on [4000]:');
    const { toml, env } = files(cwd);
    expect(toml).toMatchObject({
      base_url: 'http://localhost:4000',
      database_url: 'sqlite:./auth.db',
      smtp_url: `smtp://127.0.0.1:${smtp.port}`,
      mail_from: 'Gatehouse <no-reply@localhost>',
      server: { port: 4000 },
    });
    expect(Object.keys(env)).toEqual(['GATEHOUSE_SECRET']);

    await serveAndSignUp(cwd, 'init-piped@example.com');
    const mail = await waitForMail(
      smtp,
      'init-piped@example.com',
      /http:\/\/localhost:4000\/verify-email\?token=/,
    );
    expect(mail.from?.text).toContain('no-reply@localhost');
  });

  it('a bad piped answer stops with the reason and writes nothing; the end of input takes the defaults', async () => {
    const cwd = tempDir('init');
    const bad = await runWithInput(['init'], cwd, 'mssql://db.internal/auth\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('use a SQLite file path, or a postgres:// or mysql:// URL');
    expect(existsSync(join(cwd, 'gatehouse.toml'))).toBe(false);
    expect(existsSync(join(cwd, '.env'))).toBe(false);

    const defaults = await runWithInput(['init'], cwd, '');
    expect(defaults.code).toBe(0);
    expect(files(cwd).toml).toMatchObject({
      database_url: 'sqlite:./gatehouse.db',
      base_url: 'http://localhost:3000',
    });
  });

  it('on a terminal: re-asks after a bad answer and never echoes the SMTP password', async () => {
    const cwd = tempDir('init');
    const password = 'tty-smtp-pass#1';
    // util-linux `script` gives the command a real pseudo-terminal; its stdin is our pipe.
    const child = spawn('script', ['-qfec', `"${process.execPath}" "${BIN}" init`, '/dev/null'], {
      cwd,
      env: cleanEnv({ TERM: 'dumb' }),
    });
    let screen = '';
    const steps: Array<[RegExp, string]> = [
      [/Database: .*: $/, '\r'],
      [/Public base URL .*: $/, 'ftp://nope\r'],
      [/an http:\/\/ or https:\/\/ URL[\s\S]*Public base URL .*: $/, 'http://127.0.0.1:4100\r'],
      [/Port to listen on \[4100\]: $/, '\r'],
      [/Mail: .*: $/, 'smtp\r'],
      [/SMTP host: $/, '127.0.0.1\r'],
      [/SMTP port .*: $/, `${smtp.port}\r`],
      [/SMTP user .*: $/, 'mailer\r'],
      [/SMTP password: $/, `${password}\r`],
      [/Sender .*: $/, 'Tests <tests@example.com>\r'],
    ];
    let seen = 0;
    let step = 0;
    // Strip the terminal's cursor codes, then answer each question once it is on screen.
    const plain = stripVTControlCharacters;
    child.stdout.on('data', (d) => {
      screen += d;
      const text = plain(screen);
      const next = steps[step];
      if (next?.[0].test(text.slice(seen))) {
        seen = text.length;
        step++;
        child.stdin.write(next[1]);
      }
    });
    const code = await new Promise((r) => child.on('close', r));
    expect(step).toBe(steps.length);
    expect(code).toBe(0);
    expect(plain(screen)).toContain('an http:// or https:// URL');
    expect(screen).not.toContain(password);
    expect(screen).not.toContain(encodeURIComponent(password));
    const { toml, env } = files(cwd);
    expect(toml).toMatchObject({ base_url: 'http://127.0.0.1:4100', mail_from: 'Tests <tests@example.com>' });
    expect(toml.smtp_url).toBeUndefined();
    expect(new URL(env.GATEHOUSE_SMTP_URL!).password).toBe(encodeURIComponent(password));
    expect(decodeURIComponent(new URL(env.GATEHOUSE_SMTP_URL!).password)).toBe(password);
  });

  it('rejects a bad flag with --yes, naming it, and writes nothing', async () => {
    const cwd = tempDir('init');
    const result = await runCli(['init', '--yes', '--base-url', 'ftp://auth.example.com'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--base-url: an http:// or https:// URL');
    expect(existsSync(join(cwd, '.env'))).toBe(false);
  });

  it('keeps the secret of an existing SQLite database, so its signing keys still open', async () => {
    const cwd = tempDir('init');
    await serveAndSignUp(cwd, 'before-init@example.com'); // generates gatehouse.secret
    const generated = readFileSync(join(cwd, 'gatehouse.secret'), 'utf8').trim();
    const result = await runCli(['init', '--yes'], { cwd });
    expect(result.code).toBe(0);
    expect(files(cwd).env.GATEHOUSE_SECRET).toBe(generated);
    expect(result.stdout).not.toContain(generated);
    await serveAndSignUp(cwd, 'after-init@example.com');
  });

  it('PostgreSQL: a URL with a password goes to .env only, never to the terminal; migrate, then serve runs on it', async () => {
    const cwd = tempDir('init');
    const url = new URL(inject('postgresUrl'));
    url.password = 'init-db-password'; // the test cluster trusts loopback, so any password works
    const env = { GATEHOUSE_TABLE_PREFIX: randomTablePrefix() };
    const result = await runCli(
      ['init', '--yes', '--database-url', url.href, '--base-url', 'http://localhost:3000/'],
      { cwd, env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('gatehouse migrate');
    expect(result.stdout + result.stderr).not.toContain('init-db-password');
    const written = files(cwd);
    expect(written.toml.database_url).toBeUndefined();
    expect(written.toml.base_url).toBe('http://localhost:3000');
    expect(written.env.GATEHOUSE_DATABASE_URL).toBe(url.href);
    expect(readFileSync(join(cwd, 'gatehouse.toml'), 'utf8')).not.toContain('init-db-password');

    const migrated = await runCli(['migrate'], { cwd, env });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('Applied: 0001_initial');
    const output = await serveAndSignUp(cwd, 'init-postgres@example.com', env);
    expect(output).not.toContain('init-db-password');
  });
});

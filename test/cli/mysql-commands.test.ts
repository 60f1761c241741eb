/**
 * The commands against the run's MariaDB through `GATEHOUSE_DATABASE_URL=mysql://…`: `migrate`,
 * serve refusing pending migrations, a sign-up through the running server, `doctor` comparing the
 * database server's clock, and `init` taking a mysql:// URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli, startServer, tempDir } from '../support/cli.js';
import { randomTablePrefix } from '../support/stores.js';

const SECRET = 'my-test-secret-my-test-secret-my-test-secret';

describe('commands on MySQL/MariaDB', () => {
  const cwd = tempDir('mysql');
  const env = {
    GATEHOUSE_DATABASE_URL: inject('mysqlUrl'),
    GATEHOUSE_TABLE_PREFIX: randomTablePrefix(),
    GATEHOUSE_SECRET: SECRET,
    GATEHOUSE_LOG_LEVEL: 'warn',
  };

  it('serve refuses pending migrations; migrate applies them, and again is a no-op', async () => {
    const refused = await runCli(['serve', '--port', '0'], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/pending migration.*gatehouse migrate/s);
    expect((await runCli(['migrate'], { cwd, env })).stdout).toContain(
      'Applied: 0001_initial, 0002_audit_events',
    );
    expect((await runCli(['migrate'], { cwd, env })).stdout).toContain('up to date');
  }, 120_000);

  it('serve then answers /readyz and signs a user up', async () => {
    const server = await startServer([], { cwd, env });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const up = await fetch(`${server.url}/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `cli-${Date.now()}@example.com`,
          password: 'correct horse battery staple',
        }),
      });
      expect(up.status).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);

  it("doctor reaches the database, finds the migrations applied and compares the server's clock", async () => {
    const result = await runCli(['doctor'], { cwd, env });
    const line = (name: string) =>
      new RegExp(`^(pass|warn|fail)\\s+${name}\\s+(.*)$`, 'm').exec(result.stdout);
    expect(line('database')?.[1]).toBe('pass');
    expect(line('migrations')?.[1]).toBe('pass');
    expect(line('clock')?.[1]).toBe('pass');
    expect(line('clock')?.[2]).toContain("of the database server's");
  });

  it('doctor names MySQL/MariaDB when the server cannot be reached, without the password', async () => {
    const url = new URL(inject('mysqlUrl'));
    url.port = '1';
    url.password = 'not-shown-anywhere';
    const result = await runCli(['doctor'], { cwd, env: { ...env, GATEHOUSE_DATABASE_URL: url.href } });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(
      /^fail\s+database\s+cannot reach mysql:.*Check that MySQL\/MariaDB is running/m,
    );
    expect(result.stdout + result.stderr).not.toContain('not-shown-anywhere');
  });

  it('init --yes takes a mysql:// URL and refuses one without a database', async () => {
    const dir = tempDir('mysql-init');
    const url = new URL(inject('mysqlUrl'));
    const ok = await runCli(['init', '--yes', '--database-url', url.href], { cwd: dir, env: {} });
    expect(ok.code).toBe(0);
    const written = [join(dir, 'gatehouse.toml'), join(dir, '.env')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(written).toContain(url.href);

    url.pathname = '/';
    const refused = await runCli(['init', '--yes', '--database-url', url.href], {
      cwd: tempDir('mysql-init'),
      env: {},
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain('with a database');
  });
});

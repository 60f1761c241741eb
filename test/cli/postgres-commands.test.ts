/**
 * The commands against a real PostgreSQL: serve refuses pending migrations unless --migrate,
 * `migrate` and `migrate --status`, `keys rotate`, `users import`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bcrypt from '@node-rs/bcrypt';
import { describe, expect, inject, it } from 'vitest';
import { runCli, startServer, tempDir } from '../support/cli.js';
import { randomTablePrefix } from '../support/stores.js';

const SECRET = 'pg-test-secret-pg-test-secret-pg-test-secret';

describe('commands on PostgreSQL', () => {
  const cwd = tempDir('pg');
  const env = {
    GATEHOUSE_DATABASE_URL: inject('postgresUrl'),
    GATEHOUSE_TABLE_PREFIX: randomTablePrefix(),
    GATEHOUSE_SECRET: SECRET,
    GATEHOUSE_LOG_LEVEL: 'warn',
  };

  it('serve refuses to start with pending migrations and says what to do', async () => {
    const result = await runCli(['serve', '--port', '0'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pending migration.*gatehouse migrate.*--migrate/s);
  });

  it('serve needs GATEHOUSE_SECRET on PostgreSQL', async () => {
    const { GATEHOUSE_SECRET: _, ...noSecret } = env;
    const result = await runCli(['serve', '--port', '0', '--migrate'], { cwd, env: noSecret });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GATEHOUSE_SECRET');
  });

  it('migrate --status lists pending, migrate applies, and again is a no-op', async () => {
    expect((await runCli(['migrate', '--status'], { cwd, env })).stdout).toMatch(/0001_initial\s+pending/);
    expect((await runCli(['migrate'], { cwd, env })).stdout).toContain(
      'Applied: 0001_initial, 0002_audit_events',
    );
    expect((await runCli(['migrate'], { cwd, env })).stdout).toContain('up to date');
    expect((await runCli(['migrate', '--status'], { cwd, env })).stdout).toMatch(
      /0001_initial\s+applied.*\n0002_audit_events\s+applied/,
    );
  });

  it('serve --migrate applies migrations itself on a fresh database', async () => {
    const fresh = { ...env, GATEHOUSE_TABLE_PREFIX: randomTablePrefix() };
    const server = await startServer(['--migrate'], { cwd, env: fresh });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('keys rotate adds a key; the running server publishes both and keeps old tokens valid', async () => {
    const server = await startServer([], { cwd, env });
    try {
      const up = await fetch(`${server.url}/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `keys-${Date.now()}@example.com`,
          password: 'correct horse battery staple',
        }),
      });
      const { accessToken } = (await up.json()) as { accessToken: string };
      const rotated = await runCli(['keys', 'rotate'], { cwd, env });
      expect(rotated.code).toBe(0);
      const kid = /New signing key (\S+) is active/.exec(rotated.stdout)?.[1];
      expect(kid).toBeDefined();
      // The server reloads on its own within a minute; a token with the new kid triggers it at once.
      const ok = await fetch(`${server.url}/auth/session`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(ok.status).toBe(200);
      const second = await startServer([], { cwd, env });
      const jwks = (await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      expect(jwks.keys.map((k) => k.kid)).toContain(kid);
      expect(jwks.keys).toHaveLength(2);
      await second.stop();
    } finally {
      await server.stop();
    }
  });

  it('users import FILE.jsonl imports users who then sign in, and reports bad lines by number', async () => {
    const hash = await bcrypt.hash('legacy password 1234', 4);
    const file = join(cwd, 'users.jsonl');
    const ok = `imported-${Date.now()}@example.com`;
    writeFileSync(
      file,
      [
        JSON.stringify({ email: ok, name: 'Imported', passwordHash: hash }),
        '{ not json',
        JSON.stringify({ email: 'bad', passwordHash: hash }),
        '',
        JSON.stringify({ email: ok, passwordHash: hash }),
      ].join('\n'),
    );
    const result = await runCli(['users', 'import', file], { cwd, env });
    expect(result.stdout).toContain('Imported 1 user(s); skipped 3.');
    expect(result.stderr).toContain('line 2: not valid JSON');
    expect(result.stderr).toContain('line 3: VALIDATION_ERROR');
    expect(result.stderr).toContain('line 5: USER_EXISTS');
    expect(result.stderr).not.toContain(hash);
    expect(result.code).toBe(1);
    const server = await startServer([], { cwd, env });
    try {
      const signIn = await fetch(`${server.url}/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ok, password: 'legacy password 1234' }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

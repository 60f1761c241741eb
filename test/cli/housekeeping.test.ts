/**
 * `gatehouse housekeeping` as a real process on a SQLite file: runs the clean-up now, prints one
 * line per kind, and refuses to run on a database with pending migrations.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeFromUrl } from '../../src/store/from-url.js';
import { runCli, tempDir } from '../support/cli.js';
import { DAY, HOUR, seedSession, seedUser } from '../support/entities.js';

const SECRET = 'cli-housekeeping-secret-cli-housekeeping-secret';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workspace() {
  const cwd = tempDir('housekeeping');
  dirs.push(cwd);
  const url = `sqlite:${join(cwd, 'gatehouse.db')}`;
  return {
    cwd,
    url,
    env: { GATEHOUSE_DATABASE_URL: url, GATEHOUSE_SECRET: SECRET, GATEHOUSE_LOG_LEVEL: 'warn' },
  };
}

describe('gatehouse housekeeping', () => {
  it('deletes what is past the retention period and prints a count per kind', async () => {
    const { cwd, url, env } = workspace();
    expect((await runCli(['migrate'], { cwd, env })).code).toBe(0);
    // Two sessions signed out 60 days ago (the default retention is 30) and a live one.
    const store = await storeFromUrl(url, {});
    try {
      const { user, credential } = await seedUser(store);
      const later = { idleExpiresAt: Date.now() + HOUR, expiresAt: Date.now() + HOUR };
      for (let i = 0; i < 2; i++) {
        const { session } = await seedSession(store, user, credential, later);
        await store.sessions.revoke(session.id, Date.now() - 60 * DAY, 'signed_out');
      }
      await seedSession(store, user, credential, later);
    } finally {
      await store.close();
    }

    const first = await runCli(['housekeeping'], { cwd, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Ended sessions:\s+2$/m);
    expect(first.stdout).toMatch(/^Spent refresh tokens:\s+0$/m);
    expect(first.stdout).toMatch(/^Audit events past auditRetentionDays:\s+0$/m);
    expect(first.stdout).toContain('Audit events are kept (auditRetentionDays is not set).');
    expect(first.stdout).toMatch(/^Spent or expired challenges, sign-in links and codes:\s+0$/m);
    expect(first.stdout).toMatch(/^Revoked or expired personal access tokens:\s+0$/m);
    expect(first.stdout.trim().split('\n')).toHaveLength(11);

    const again = await runCli(['housekeeping'], { cwd, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Ended sessions:\s+0$/m);
  });

  it('refuses a database with pending migrations, naming the fix', async () => {
    const { cwd, env } = workspace();
    const result = await runCli(['housekeeping'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pending migration.*gatehouse migrate/s);
  });
});

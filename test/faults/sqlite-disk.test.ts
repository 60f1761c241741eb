/**
 * SQLite on a disk that fills up, and on a file system that is or becomes read-only — real ones:
 * a small tmpfs, a read-only tmpfs, and an ext4 image on a loop device that the kernel turns
 * read-only under a running instance (`errors=remount-ro` plus ext4's `trigger_fs_error`). Needs
 * root (mount); skipped with a note otherwise.
 *
 * The chosen behaviour: a write the disk cannot take is 503 `UNAVAILABLE` (the server's trouble,
 * not the client's, and over once an operator frees space), naming the cause; never a 500, never
 * half an account; and it works again without a restart once space is back. A read-only
 * database file at start stops `gatehouse serve` with a message naming the file and "read-only".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { sqliteStore } from '../../src/store/sqlite.js';
import { runCli, tempDir } from '../support/cli.js';
import { ORIGIN, PASSWORD, TEST_SECRET, uniqueEmail } from '../support/gatehouse.js';

const sh = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' }).trim();

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = tempDir('mount-probe');
  try {
    sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
    sh('umount', [probe]);
    return true;
  } catch {
    return false;
  }
})();

/** A tmpfs of `size` at a fresh directory; unmounted after the file. */
function tmpfs(size: string, unmount: (() => void)[]): string {
  const dir = tempDir('sqlite-disk');
  sh('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  unmount.push(() => sh('umount', ['-l', dir]));
  return dir;
}

function open(filename: string): Gatehouse {
  return createGatehouse({
    store: sqliteStore({ filename }),
    clock: new ManualClock(Date.now()),
    secret: TEST_SECRET,
    logLevel: 'silent',
    mailer: { send: async () => {} },
    rateLimits: 'off',
  });
}

async function post(gatehouse: Gatehouse, path: string, body: unknown) {
  const response = await gatehouse.handler(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ip: '127.0.0.1' },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Users, and how many of them have no password credential. */
function accounts(filename: string): { users: number; withoutCredential: number } {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    const users = (db.prepare('select count(*) as n from gh_users').get() as { n: number }).n;
    const withoutCredential = (
      db
        .prepare(
          'select count(*) as n from gh_users u where not exists (select 1 from gh_credentials c where c.user_id = u.id)',
        )
        .get() as { n: number }
    ).n;
    return { users, withoutCredential };
  } finally {
    db.close();
  }
}

describe.skipIf(!canMount)('SQLite: disk full and read-only file systems', () => {
  const unmount: (() => void)[] = [];
  afterAll(() => {
    for (const step of unmount.reverse()) {
      try {
        step();
      } catch {}
    }
  });

  it('disk full: sign-ups answer 503 UNAVAILABLE, leave nothing half-written, and work once space is freed', async () => {
    const dir = tmpfs('4m', unmount);
    const filename = join(dir, 'gatehouse.db');
    const gatehouse = open(filename);
    try {
      await gatehouse.ready();
      const before = await post(gatehouse, '/auth/sign-up/email', {
        email: uniqueEmail('full'),
        password: PASSWORD,
      });
      expect(before.status).toBe(201);

      // Take every byte that is left.
      const filler = join(dir, 'filler');
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
      } catch {
        // dd ends with "No space left on device": that is the point.
      }

      // The WAL may still have room from earlier writes: sign up until the disk says no.
      const seen: { status: number; body: { error?: { code: string; message: string } } }[] = [];
      for (let i = 0; i < 200 && !seen.some((r) => r.status !== 201); i++) {
        seen.push(
          await post(gatehouse, '/auth/sign-up/email', {
            email: uniqueEmail(`full-${i}`),
            password: PASSWORD,
            name: 'x'.repeat(200),
          }),
        );
      }
      const refused = seen.filter((r) => r.status !== 201);
      expect(refused.length, 'the disk never filled').toBeGreaterThan(0);
      for (const reply of refused) {
        expect(reply.status, JSON.stringify(reply.body)).toBe(503);
        expect(reply.body.error).toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/disk/i),
        });
      }
      // Other writes are refused the same way while the disk is full.
      const again = await post(gatehouse, '/auth/sign-up/email', {
        email: uniqueEmail('full-again'),
        password: PASSWORD,
      });
      expect(again.status).toBe(503);
      // Reads go on.
      expect((await gatehouse.handler(new Request(`${ORIGIN}/.well-known/jwks.json`))).status).toBe(200);

      rmSync(filler);
      const after = await post(gatehouse, '/auth/sign-up/email', {
        email: uniqueEmail('freed'),
        password: PASSWORD,
      });
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      const email = uniqueEmail('freed-sign-in');
      expect((await post(gatehouse, '/auth/sign-up/email', { email, password: PASSWORD })).status).toBe(201);
      expect((await post(gatehouse, '/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(200);

      const counts = accounts(filename);
      expect(counts.withoutCredential).toBe(0);
      expect(counts.users).toBe(1 + seen.filter((r) => r.status === 201).length + 2);
    } finally {
      await gatehouse.close();
    }
  }, 120_000);

  it('read-only file system at start: `gatehouse serve` exits non-zero naming the file and "read-only"', async () => {
    const dir = tmpfs('8m', unmount);
    const filename = join(dir, 'gatehouse.db');
    const cwd = tempDir('sqlite-ro');
    const env = { GATEHOUSE_DATABASE_URL: `sqlite:${filename}`, GATEHOUSE_SECRET: TEST_SECRET };
    // A database with its schema, made while the file system could still be written.
    const migrated = await runCli(['migrate'], { cwd, env });
    expect(migrated.code, migrated.stderr).toBe(0);
    sh('mount', ['-o', 'remount,ro', dir]);

    const served = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { cwd, env });
    expect(served.code).not.toBe(0);
    expect(served.code).not.toBeNull();
    const said = served.stdout + served.stderr;
    expect(said).toContain(filename);
    expect(said).toMatch(/read-only/i);
  }, 60_000);

  it('file system turned read-only under a running instance: writes answer 503, reads go on', async () => {
    const dir = tempDir('sqlite-ext4');
    const image = join(dir, 'disk.img');
    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    writeFileSync(image, '');
    sh('truncate', ['-s', '16M', image]);
    sh('mkfs.ext4', ['-q', '-F', image]);
    const loop = sh('losetup', ['-f', '--show', image]);
    unmount.push(() => sh('losetup', ['-d', loop]));
    sh('mount', ['-o', 'errors=remount-ro', loop, mnt]);
    unmount.push(() => sh('umount', ['-l', mnt]));
    const filename = join(mnt, 'gatehouse.db');
    const gatehouse = open(filename);
    try {
      await gatehouse.ready();
      const email = uniqueEmail('ro');
      const up = await post(gatehouse, '/auth/sign-up/email', { email, password: PASSWORD });
      expect(up.status).toBe(201);

      // The kernel's answer to a file system error: remount read-only, under open files.
      writeFileSync(`/sys/fs/ext4/${loop.replace('/dev/', '')}/trigger_fs_error`, '1');

      const refused = await post(gatehouse, '/auth/sign-up/email', {
        email: uniqueEmail('ro-2'),
        password: PASSWORD,
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(503);
      expect(refused.body.error).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/written/i),
      });
      // A sign-in that writes a session is refused alike; the session check reads and goes on.
      const signIn = await post(gatehouse, '/auth/sign-in/email', { email, password: PASSWORD });
      expect(signIn.status).toBe(503);
      const session = await gatehouse.handler(
        new Request(`${ORIGIN}/auth/session`, {
          headers: { authorization: `Bearer ${up.body.accessToken}` },
        }),
      );
      expect(session.status).toBe(200);
    } finally {
      await gatehouse.close();
    }
  }, 60_000);
});

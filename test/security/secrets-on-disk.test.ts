/**
 * A live one-time token never reaches the database files in clear (DESIGN.md: "a raw secret never
 * lands in a row, not even one that is later erased"). Regression test for issue 8: the outbox
 * used to store each rendered mail, reset link included, in clear; erasing it after sending was
 * an UPDATE, so the token stayed readable in SQLite's WAL and in PostgreSQL's WAL and old row
 * versions. Now a queued mail is sealed (AES-256-GCM under a key derived from the instance
 * secret). The test reads every byte of the database files — SQLite's main file, `-wal` and
 * `-shm`; PostgreSQL's whole data directory after a CHECKPOINT — while the reset mail is queued
 * and after it was sent, and looks for the token.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { waitUntil } from '../support/wait.js';

/** Every regular file under `dir`, recursively (unreadable entries are skipped). */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The files among `files` whose bytes contain `needle`. */
function holding(files: string[], needle: string): string[] {
  const bytes = Buffer.from(needle);
  return files.filter((file) => {
    try {
      return statSync(file).size > 0 && readFileSync(file).includes(bytes);
    } catch {
      return false; // removed meanwhile (a WAL segment recycled)
    }
  });
}

describe.each(['sqlite', 'postgres'] as const)('a reset token on disk (%s)', (kind) => {
  let t: TestGatehouse;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const resetMails: OutgoingMail[] = [];
  let dataFiles: () => Promise<string[]>;

  beforeAll(async () => {
    t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example' },
      {
        // The reset mail is held at the mail server's door: its outbox row stays queued until released.
        mailer: {
          send: async (mail) => {
            if (!mail.text.includes('/reset-password?token=')) return;
            resetMails.push(mail);
            await held;
          },
        },
      },
    );
    if (kind === 'sqlite') {
      const file = t.db.url.slice('sqlite:'.length);
      dataFiles = async () => [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
    } else {
      const client = new pg.Client({ connectionString: t.db.url });
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('show data_directory');
      const directory = rows[0]!.data_directory;
      dataFiles = async () => {
        await client.query('checkpoint'); // heap pages reach their files, not only the WAL
        return filesUnder(directory);
      };
      const end = t.close.bind(t);
      t = {
        ...t,
        close: async () => {
          await client.end();
          await end();
        },
      };
    }
  });
  afterAll(async () => {
    release();
    await t.close();
  });

  it('SEC-01: no database file holds the live token, while the mail is queued or after it was sent', async (context) => {
    const files = await dataFiles();
    if (files.length === 0) context.skip(); // a PostgreSQL server whose files are not on this machine
    const { user } = await t.signUp(uniqueEmail('disk'));
    expect((await t.request('POST', '/auth/forgot-password', { body: { email: user.email } })).status).toBe(
      202,
    );
    await waitUntil(() => resetMails.length === 1, 'the reset mail at the mail server');
    const token = /token=([\w-]+)/.exec(resetMails[0]!.text)![1]!;

    const outbox = () => t.db.rows(`${t.tablePrefix}outbox`);
    expect((await outbox()).some((r) => r.state === 'pending')).toBe(true);
    expect(holding(await dataFiles(), token)).toEqual([]);

    release();
    await waitUntil(async () => (await outbox()).every((r) => r.state === 'sent'), 'the mail sent');
    expect(holding(await dataFiles(), token)).toEqual([]);

    // It was the live token all along.
    const reset = await t.request('POST', '/auth/reset-password', {
      body: { token, password: 'a new passphrase nobody has seen' },
    });
    expect(reset.status).toBe(200);
  });
});

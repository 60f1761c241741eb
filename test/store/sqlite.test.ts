/** SQLite specifics: on-disk pragmas, and a lock held past busy_timeout surfacing as UNAVAILABLE. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/store/sqlite.js';
import { aSession, aUser, seedUser } from '../support/entities.js';

describe('sqliteStore on a file', () => {
  let dir: string;
  let filename: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-'));
    filename = join(dir, 'gatehouse.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL, default gh_ tables, and enforces foreign keys', async () => {
    const store = sqliteStore({ filename });
    try {
      await store.migrate();
      const raw = new Database(filename, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .pluck()
        .all();
      raw.close();
      expect(tables).toContain('gh_users');
      const orphan = aSession(aUser().id, null);
      await expect(store.sessions.create(orphan, 'h' as never)).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it('reports a write lock held past busy_timeout as UNAVAILABLE', async () => {
    const store = sqliteStore({ filename });
    const other: Database.Database = new Database(filename);
    try {
      await store.migrate();
      other.exec('begin immediate');
      // better-sqlite3 waits synchronously, so this blocks for the whole busy timeout (5 s).
      await expect(seedUser(store)).rejects.toMatchObject({ name: 'GatehouseError', code: 'UNAVAILABLE' });
      other.exec('rollback');
      await expect(seedUser(store)).resolves.toBeDefined();
    } finally {
      other.close();
      await store.close();
    }
  });
});

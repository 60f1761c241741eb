/** storeFromUrl: which URLs open which store, and how bad ones are refused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { storeFromUrl } from '../../src/store/from-url.js';
import type { Store } from '../../src/store/ports/store.js';
import { randomTablePrefix } from '../support/stores.js';

describe('storeFromUrl', () => {
  const opened: Store[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string, tablePrefix?: string): Promise<Store> {
    const store = await storeFromUrl(url, { tablePrefix });
    opened.push(store);
    return store;
  }

  it('opens an in-memory SQLite store', async () => {
    const store = await open('sqlite::memory:');
    expect(store.kind).toBe('sqlite');
    expect(await store.migrate()).toEqual([
      '0001_initial',
      '0002_audit_events',
      '0003_outbox',
      '0004_verification_tokens',
      '0005_profiles',
      '0006_counters',
      '0007_one_password',
      '0008_housekeeping_indexes',
      '0009_second_factors',
      '0010_passkeys',
      '0011_phones',
      '0012_usernames',
      '0013_identities',
      '0014_oauth_flows',
      '0015_email_sign_ins',
      '0016_apps',
      '0017_operators',
      '0018_user_search',
      '0019_audit_types',
      '0020_deleted_from',
    ]);
  });

  it.each(['sqlite:', 'sqlite://'])('opens a SQLite file by absolute path (%s/abs)', async (scheme) => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-url-'));
    dirs.push(dir);
    const store = await open(`${scheme}${join(dir, 'a.db')}`);
    await store.migrate();
    const again = await open(`sqlite:${join(dir, 'a.db')}`);
    expect(await again.migrate()).toEqual([]);
  });

  it.each(['postgres', 'postgresql'])('opens a PostgreSQL store from a %s:// URL', async (scheme) => {
    const url = inject('postgresUrl').replace(/^postgres(ql)?:/, `${scheme}:`);
    const store = await open(url, randomTablePrefix());
    expect(store.kind).toBe('postgres');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it.each(['mysql', 'mariadb'])('opens a MySQL/MariaDB store from a %s:// URL', async (scheme) => {
    const url = inject('mysqlUrl').replace(/^(mysql|mariadb):/, `${scheme}:`);
    const store = await open(url, randomTablePrefix());
    expect(store.kind).toBe('mysql');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('refuses a MySQL URL without a database, without echoing the URL', async () => {
    const error = (await storeFromUrl('mysql://root:hunter2@db.internal').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ name: 'GatehouseError', code: 'VALIDATION_ERROR' });
    expect(error.message).toContain('must name a database');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses an unknown scheme without echoing the URL', async () => {
    const attempt = storeFromUrl('mssql://root:hunter2@db.internal/app');
    await expect(attempt).rejects.toMatchObject({ name: 'GatehouseError', code: 'VALIDATION_ERROR' });
    const error = (await attempt.catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('mssql:');
    expect(error.message).toContain('mysql://');
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['', 'hunter2@db.internal/app', 'sqlite:'])('refuses %j', async (url) => {
    const error = (await storeFromUrl(url).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ name: 'GatehouseError', code: 'VALIDATION_ERROR' });
    expect(error.message).not.toContain('hunter2');
  });
});

/** PostgreSQL specifics: instance-local int8 parsing, and surviving server-side disconnects. */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { isGatehouseError } from '../../src/core/errors.js';
import { TABLES } from '../../src/store/kysely/tables.js';
import type { Store } from '../../src/store/ports/store.js';
import { postgresStore } from '../../src/store/postgres.js';
import { seedUser } from '../support/entities.js';
import { randomTablePrefix } from '../support/stores.js';

describe('postgresStore', () => {
  const prefix = randomTablePrefix();
  let store: Store;
  beforeEach(async () => {
    store = postgresStore({
      connectionString: inject('postgresUrl'),
      tablePrefix: prefix,
      maxConnections: 2,
    });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    const tables = [...TABLES, 'migrations', 'migrations_lock'];
    await admin.query(`drop table if exists ${tables.map((t) => `"${prefix}${t}"`).join(', ')} cascade`);
    await admin.end();
  });

  it('returns times as numbers without touching the global pg type parsers', async () => {
    const { user } = await seedUser(store);
    expect(typeof (await store.users.findById(user.id))?.createdAt).toBe('number');
    expect(pg.types.getTypeParser(20, 'text')('42')).toBe('42');
  });

  it('recovers when the server drops its connections, reporting only UNAVAILABLE meanwhile', async () => {
    await store.ping();
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    let recovered = false;
    for (let attempt = 0; attempt < 10 && !recovered; attempt++) {
      try {
        await store.ping();
        recovered = true;
      } catch (error) {
        expect(isGatehouseError(error) && error.code).toBe('UNAVAILABLE');
      }
    }
    expect(recovered).toBe(true);
  });
});

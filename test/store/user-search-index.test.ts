/**
 * PostgreSQL's trigram index for the operator's user search (migration 0018): the store's search
 * is written so the planner can use it, and an installation where pg_trgm cannot be created still
 * migrates, without the index, and still searches.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeFromUrl } from '../../src/store/from-url.js';
import { createKyselyStore } from '../../src/store/kysely/create-store.js';
import type { Database } from '../../src/store/kysely/schema.js';
import { tableNames } from '../../src/store/kysely/tables.js';
import type { Store } from '../../src/store/ports/store.js';
import { aUser } from '../support/entities.js';
import { randomTablePrefix, testDatabase } from '../support/stores.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('user search on PostgreSQL', () => {
  const url = inject('postgresUrl');

  it('has a trigram index the store’s search can use', async () => {
    const database = await testDatabase('postgres');
    const prefix = randomTablePrefix();
    const statements: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const store = createKyselyStore({
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool }),
        log: (event) => {
          if (event.level === 'query') statements.push(event.query);
        },
      }),
      kind: 'postgres',
      tablePrefix: prefix,
    });
    try {
      await database.open({ tablePrefix: prefix });
      const index = tableNames(prefix).index.usersSearch;
      expect((await database.objects(prefix)).indexes).toContain(index);

      const user = aUser({ name: 'Quenby Xylander' });
      await store.users.create(user);
      statements.length = 0;
      const found = await store.userDirectory.list({ query: 'xyland', limit: 51 });
      expect(found.map((e) => e.user.id)).toEqual([user.id]);
      const search = statements.find((s) => /ilike/i.test(s.sql));
      expect(search).toBeDefined();
      // A table this small is read whole, index or not: with the other ways forbidden, the plan
      // shows whether the query's expression is the indexed one.
      const plan = await withClient(url, async (client) => {
        await client.query('set enable_seqscan = off');
        await client.query('set enable_indexscan = off');
        const rows = await client.query(`explain ${search!.sql}`, [...search!.parameters]);
        return rows.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(`Bitmap Index Scan on ${index}`);
    } finally {
      await store.close();
      await database.cleanup();
    }
  });

  describe('where pg_trgm cannot be created', () => {
    const suffix = randomBytes(4).toString('hex');
    const role = `gh_no_trgm_${suffix}`;
    const name = `gh_no_trgm_${suffix}`;
    let limitedUrl: string;
    let store: Store | undefined;

    beforeAll(async () => {
      // A database of its own (pg_trgm is per database, and others may have created it in the
      // shared one) and a role that may make tables there but not extensions.
      await withClient(url, async (client) => {
        await client.query(`create role ${role} login`);
        await client.query(`create database ${name}`);
      });
      const adminUrl = new URL(url);
      adminUrl.pathname = `/${name}`;
      await withClient(adminUrl.href, (client) =>
        client.query(`grant usage, create on schema public to ${role}`),
      );
      const limited = new URL(adminUrl);
      limited.username = role;
      limited.password = '';
      limitedUrl = limited.href;
    });
    afterAll(async () => {
      await store?.close();
      await withClient(url, async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        await client.query(`drop role if exists ${role}`);
      });
    });

    it('migrates without the index, says nothing, and still searches', async () => {
      const refused = await withClient(limitedUrl, (client) =>
        client.query('create extension pg_trgm').then(
          () => null,
          (error: unknown) => error,
        ),
      );
      expect(String(refused)).toMatch(/permission denied/i);

      const prefix = randomTablePrefix();
      store = await storeFromUrl(limitedUrl, { tablePrefix: prefix });
      const applied = await store.migrate();
      expect(applied).toContain('0018_user_search');
      const indexes = await withClient(limitedUrl, async (client) =>
        (
          await client.query<{ name: string }>(
            'select indexname as name from pg_indexes where indexname like $1',
            [`${prefix}users%`],
          )
        ).rows.map((r) => r.name),
      );
      const names = tableNames(prefix).index;
      expect(indexes).toContain(names.usersStatus);
      expect(indexes).not.toContain(names.usersSearch);

      const user = aUser({ name: 'Quenby Xylander' });
      await store.users.create(user);
      const found = await store.userDirectory.list({ query: 'XYLAND', limit: 51 });
      expect(found.map((e) => e.user.id)).toEqual([user.id]);
    });
  });
});

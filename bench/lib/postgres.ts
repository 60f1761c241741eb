/**
 * The PostgreSQL database the bench runs against: `DATABASE_URL` when set (tables get a unique
 * prefix and are dropped afterwards), else a throwaway cluster, like the test suite's.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startThrowawayPostgres } from '../../test/support/postgres.js';
import type { Database } from './gatehouse.js';

export interface ProvidedPostgres {
  readonly database: Database;
  release(): Promise<void>;
}

async function dropPrefixed(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const like = `${prefix.replace(/[\\_%]/g, (c) => `\\${c}`)}%`;
    const { rows } = await client.query<{ tablename: string }>(
      'select tablename from pg_tables where schemaname = current_schema() and tablename like $1',
      [like],
    );
    for (const { tablename } of rows) await client.query(`drop table if exists "${tablename}" cascade`);
  } finally {
    await client.end();
  }
}

export async function providePostgres(): Promise<ProvidedPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (!/^postgres(ql)?:\/\//.test(external)) throw new Error('DATABASE_URL must be a postgres:// URL');
    const tablePrefix = `bench_${randomBytes(4).toString('hex')}_`;
    return {
      database: { name: 'PostgreSQL', url: external, tablePrefix },
      release: () => dropPrefixed(external, tablePrefix),
    };
  }
  const cluster = await startThrowawayPostgres();
  return { database: { name: 'PostgreSQL', url: cluster.url }, release: cluster.stop };
}

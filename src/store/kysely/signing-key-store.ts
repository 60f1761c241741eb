/** SigningKeyStore on Kysely: the JWT signing keys, with a race-free first insert and rotation. */
import { type Kysely, sql } from 'kysely';
import { DEFAULT_APP_ID } from '../../core/apps.js';
import type { SigningKeyStore } from '../ports/signing-key-store.js';
import type { StoreContext } from './context.js';
import { signingKeyRow, toSigningKey } from './rows.js';
import type { Database } from './schema.js';

export function kyselySigningKeyStore(ctx: StoreContext): SigningKeyStore {
  const { db, kind, transact } = ctx;

  // "No key yet" and "every other key" are facts about the whole table, which no row lock
  // covers under READ COMMITTED; a self-conflicting table lock serialises writers while reads
  // go on. SQLite's BEGIN IMMEDIATE already serialises every writer. MySQL's LOCK TABLES ends
  // the transaction, so there writers lock one row that always exists instead: the default app's,
  // made by migration 0016 (apps are disabled, never deleted). Reads take no lock and go on.
  async function lockKeys(trx: Kysely<Database>): Promise<void> {
    if (kind === 'postgres') {
      await sql`lock table ${sql.table('signing_keys')} in share row exclusive mode`.execute(trx);
    }
    if (kind === 'mysql') {
      await trx.selectFrom('apps').select('id').where('id', '=', DEFAULT_APP_ID).forUpdate().execute();
    }
  }

  return {
    async list() {
      const rows = await db
        .selectFrom('signing_keys')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('kid', 'desc')
        .execute();
      return rows.map(toSigningKey);
    },

    async insertFirst(key) {
      return transact(async (trx) => {
        await lockKeys(trx);
        const existing = await trx.selectFrom('signing_keys').select('kid').limit(1).executeTakeFirst();
        if (existing !== undefined) return false;
        await trx.insertInto('signing_keys').values(signingKeyRow(key)).execute();
        return true;
      });
    },

    async rotate(key, now) {
      await transact(async (trx) => {
        await lockKeys(trx);
        await trx
          .updateTable('signing_keys')
          .set({ retired_at: now })
          .where('retired_at', 'is', null)
          .where('kid', '!=', key.kid)
          .execute();
        await trx.insertInto('signing_keys').values(signingKeyRow(key)).execute();
      });
    },

    async purgeRetired(before) {
      const result = await db
        .deleteFrom('signing_keys')
        .where('retired_at', 'is not', null)
        .where('retired_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

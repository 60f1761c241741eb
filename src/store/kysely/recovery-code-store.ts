/** RecoveryCodeStore on Kysely: the conditional UPDATE on `used_at` spends a code once. */
import type { RecoveryCodeStore } from '../ports/recovery-code-store.js';
import type { StoreContext } from './context.js';

export function kyselyRecoveryCodeStore(ctx: StoreContext): RecoveryCodeStore {
  const { db, transact } = ctx;
  return {
    async replaceAll(userId, hashes, now) {
      await transact(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        if (hashes.length === 0) return;
        await trx
          .insertInto('recovery_codes')
          .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
          .execute();
      });
    },

    async use(userId, hash, now) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countUnused(userId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async removeAll(userId) {
      const result = await db.deleteFrom('recovery_codes').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

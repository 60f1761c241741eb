/** TotpStore on Kysely: the conditional UPDATE on `last_step` is the replay guard. */
import type { FactorId, UserId } from '../../core/ids.js';
import type { TotpFactor, TotpStore } from '../ports/totp-store.js';
import type { StoreContext } from './context.js';
import { insertUnlessDuplicate } from './mysql-writes.js';
import type { TotpFactorsTable } from './schema.js';

function toFactor(row: TotpFactorsTable): TotpFactor {
  return {
    id: row.id as FactorId,
    userId: row.user_id as UserId,
    sealedSecret: row.sealed_secret,
    status: row.status === 'active' ? 'active' : 'pending',
    lastStep: row.last_step === null ? null : Number(row.last_step),
    createdAt: Number(row.created_at),
    activatedAt: row.activated_at === null ? null : Number(row.activated_at),
  };
}

export function kyselyTotpStore(ctx: StoreContext): TotpStore {
  const { db, kind, names, transact } = ctx;
  return {
    async find(userId) {
      const row = await db
        .selectFrom('totp_factors')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toFactor(row) : null;
    },

    async putPending(factor) {
      return transact(async (trx) => {
        await trx
          .deleteFrom('totp_factors')
          .where('user_id', '=', factor.userId)
          .where('status', '=', 'pending')
          .execute();
        // The unique index on user_id refuses a second row while an active factor exists.
        const insert = trx.insertInto('totp_factors').values({
          id: factor.id,
          user_id: factor.userId,
          sealed_secret: factor.sealedSecret,
          status: 'pending',
          last_step: null,
          created_at: factor.createdAt,
          activated_at: null,
        });
        if (kind === 'mysql') {
          // No ON CONFLICT on MySQL (mysql-writes.ts).
          return insertUnlessDuplicate(() => insert.execute(), {
            index: names.index.totpFactorsUser,
            table: names.table.totp_factors,
            column: 'user_id',
          });
        }
        const inserted = await insert.onConflict((oc) => oc.column('user_id').doNothing()).executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      });
    },

    async activate(id, step, now) {
      const result = await db
        .updateTable('totp_factors')
        .set({ status: 'active', activated_at: now, last_step: step })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async useStep(id, step) {
      const result = await db
        .updateTable('totp_factors')
        .set({ last_step: step })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async remove(userId) {
      const result = await db.deleteFrom('totp_factors').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

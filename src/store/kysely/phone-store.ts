/** PhoneStore on Kysely: the unique index on `user_id` keeps one phone per user, races included. */
import type { FactorId, UserId } from '../../core/ids.js';
import type { PhoneFactor, PhoneStore } from '../ports/phone-store.js';
import type { StoreContext } from './context.js';
import { insertUnlessDuplicate } from './mysql-writes.js';
import type { PhoneFactorsTable } from './schema.js';

function toFactor(row: PhoneFactorsTable): PhoneFactor {
  return {
    id: row.id as FactorId,
    userId: row.user_id as UserId,
    phone: row.phone,
    createdAt: Number(row.created_at),
    verifiedAt: Number(row.verified_at),
  };
}

export function kyselyPhoneStore(ctx: StoreContext): PhoneStore {
  const { db, kind, names } = ctx;
  return {
    async find(userId) {
      const row = await db
        .selectFrom('phone_factors')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toFactor(row) : null;
    },

    async add(factor) {
      const insert = db.insertInto('phone_factors').values({
        id: factor.id,
        user_id: factor.userId,
        phone: factor.phone,
        created_at: factor.createdAt,
        verified_at: factor.verifiedAt,
      });
      if (kind === 'mysql') {
        // No ON CONFLICT on MySQL (mysql-writes.ts).
        return insertUnlessDuplicate(() => insert.execute(), {
          index: names.index.phoneFactorsUser,
          table: names.table.phone_factors,
          column: 'user_id',
        });
      }
      const inserted = await insert.onConflict((oc) => oc.column('user_id').doNothing()).executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async remove(userId) {
      const result = await db.deleteFrom('phone_factors').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

/**
 * SmsCodeStore on Kysely. Issuing runs in a transaction that first locks the user's row
 * (PostgreSQL and MySQL; SQLite's `begin immediate` already serialises writers), so the resend interval
 * holds under concurrent requests. Tries and spending are conditional UPDATEs on `attempts` and
 * `used_at`: the database, not the caller, decides who wins.
 */
import type { UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type { SmsCode, SmsCodeId, SmsCodePurpose, SmsCodeStore } from '../ports/sms-code-store.js';
import type { StoreContext } from './context.js';
import type { SmsCodesTable } from './schema.js';

function toCode(row: SmsCodesTable): SmsCode {
  return {
    id: row.id as SmsCodeId,
    userId: row.user_id as UserId,
    purpose: row.purpose as SmsCodePurpose,
    boundTo: row.bound_to,
    phone: row.phone,
    codeHash: row.code_hash as TokenHash,
    attempts: Number(row.attempts),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
  };
}

export function kyselySmsCodeStore(ctx: StoreContext): SmsCodeStore {
  const { db, kind, transact } = ctx;
  const binding = (userId: UserId, purpose: SmsCodePurpose, boundTo: string) =>
    db
      .selectFrom('sms_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('bound_to', '=', boundTo);

  return {
    async latest(userId, purpose, boundTo) {
      const row = await binding(userId, purpose, boundTo)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toCode(row) : null;
    },

    async issue(code, intervalMs) {
      return transact(async (trx) => {
        if (kind !== 'sqlite') {
          await trx.selectFrom('users').select('id').where('id', '=', code.userId).forUpdate().execute();
        }
        const newest = await trx
          .selectFrom('sms_codes')
          .select((eb) => eb.fn.max('created_at').as('at'))
          .where('user_id', '=', code.userId)
          .where('purpose', '=', code.purpose)
          .where('bound_to', '=', code.boundTo)
          .executeTakeFirst();
        const at = newest?.at === null || newest?.at === undefined ? null : Number(newest.at);
        if (at !== null && code.createdAt - at < intervalMs) {
          return { issued: false, retryAfterMs: at + intervalMs - code.createdAt };
        }
        await trx
          .updateTable('sms_codes')
          .set({ used_at: code.createdAt })
          .where('user_id', '=', code.userId)
          .where('purpose', '=', code.purpose)
          .where('bound_to', '=', code.boundTo)
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('sms_codes')
          .values({
            id: code.id,
            user_id: code.userId,
            purpose: code.purpose,
            bound_to: code.boundTo,
            phone: code.phone,
            code_hash: code.codeHash,
            attempts: code.attempts,
            created_at: code.createdAt,
            expires_at: code.expiresAt,
            used_at: code.usedAt,
          })
          .execute();
        return { issued: true };
      });
    },

    async findLive(userId, purpose, boundTo, now, maxAttempts) {
      const row = await binding(userId, purpose, boundTo)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxAttempts)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? toCode(row) : null;
    },

    async attempt(id, codeHash, now, maxAttempts) {
      const counted = await db
        .updateTable('sms_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxAttempts)
        .executeTakeFirst();
      if (Number(counted.numUpdatedRows) !== 1) return false;
      const spent = await db
        .updateTable('sms_codes')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(spent.numUpdatedRows) === 1;
    },

    async discard(id) {
      await db.deleteFrom('sms_codes').where('id', '=', id).execute();
    },

    async removeAll(userId) {
      const result = await db.deleteFrom('sms_codes').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

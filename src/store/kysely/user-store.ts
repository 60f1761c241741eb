/** UserStore on Kysely: users, and the status changes that end sessions and credentials. */
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { UserStore } from '../ports/user-store.js';
import { booleanValue, type StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';
import { credentialRow, toUser, userRow } from './rows.js';

const ENDED_BY: Record<UserStatus, string | null> = {
  active: null,
  suspended: 'user_suspended',
  revoked: 'user_revoked',
};

export function kyselyUserStore(ctx: StoreContext): UserStore {
  const { db, kind, names, transact } = ctx;
  const emailIndex = { index: names.index.usersEmail, table: names.table.users, column: 'email' };

  return {
    async createWithPassword(user, credential) {
      try {
        await transact(async (trx) => {
          await trx.insertInto('users').values(userRow(user, kind)).execute();
          await trx.insertInto('credentials').values(credentialRow(credential)).execute();
        });
      } catch (error) {
        if (isUniqueViolation(error, emailIndex)) {
          throw new GatehouseError(
            'USER_EXISTS',
            'An account with this email already exists',
            {},
            { cause: error },
          );
        }
        throw error;
      }
    },

    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async findByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async markEmailVerified(id, email, now) {
      const result = await db
        .updateTable('users')
        .set({ email_verified: booleanValue(kind, true), updated_at: now })
        .where('id', '=', id)
        .where('email', '=', email)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async changeStatus(id, status, now) {
      return transact(async (trx) => {
        const updated = await trx
          .updateTable('users')
          .set({ status, updated_at: now })
          .where('id', '=', id)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return false;
        const reason = ENDED_BY[status];
        if (reason !== null) {
          await trx
            .updateTable('sessions')
            .set({ revoked_at: now, revoked_reason: reason })
            .where('user_id', '=', id)
            .where('revoked_at', 'is', null)
            .where('idle_expires_at', '>', now)
            .where('expires_at', '>', now)
            .execute();
        }
        if (status === 'revoked') {
          await trx
            .updateTable('credentials')
            .set({ revoked_at: now })
            .where('user_id', '=', id)
            .where('revoked_at', 'is', null)
            .execute();
        }
        return true;
      });
    },
  };
}

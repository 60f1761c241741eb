/**
 * UserStore on Kysely: users, and the status changes that end sessions and credentials. Each
 * conditional change puts its condition in the WHERE of the one statement that makes it: on
 * PostgreSQL and MySQL a concurrent change of the row makes the statement wait and re-check the
 * condition on the committed row; SQLite runs writers one at a time.
 */
import type { Kysely } from 'kysely';
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import type { UserStore } from '../ports/user-store.js';
import { booleanValue, type StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';
import { isLastActiveHolder, takeTurn } from './kept-holders.js';
import { insertOutboxRow } from './outbox-store.js';
import { credentialRow, profileColumns, toProfile, toUser, userRow } from './rows.js';
import type { Database } from './schema.js';
import { insertToken, spendLink, voidLinks } from './verification-token-store.js';

const ENDED_BY: Record<UserStatus, string | null> = {
  active: null,
  suspended: 'user_suspended',
  revoked: 'user_revoked',
  deleted: 'user_deleted',
};

export function kyselyUserStore(ctx: StoreContext): UserStore {
  const { db, kind, names, transact } = ctx;

  /** `changeStatus`'s work, inside a transaction: whether it changed the user. */
  async function applyStatus(
    trx: Kysely<Database>,
    id: string,
    status: UserStatus,
    now: number,
    from: readonly UserStatus[] | undefined,
  ): Promise<boolean> {
    if (from?.length === 0) return false;
    let change = trx.updateTable('users').set({ status, updated_at: now }).where('id', '=', id);
    if (from) change = change.where('status', 'in', [...from]);
    const updated = await change.executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
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
  }

  /** `softDelete`'s work, inside a transaction: whether it deleted the user. */
  async function applyDeletion(
    trx: Kysely<Database>,
    id: string,
    now: number,
    from: readonly UserStatus[],
  ): Promise<boolean> {
    const statuses = from.filter((s) => s !== 'deleted');
    if (statuses.length === 0) return false;
    const deleted = await trx
      .updateTable('users')
      // The right-hand `status` is the row's value before this update: what restore gives back.
      // `deleted_from` comes first: MySQL assigns left to right, each seeing the ones before it.
      .set((eb) => ({ deleted_from: eb.ref('status'), status: 'deleted', deleted_at: now, updated_at: now }))
      .where('id', '=', id)
      .where('status', 'in', statuses)
      .executeTakeFirst();
    if (Number(deleted.numUpdatedRows) === 0) return false;
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: 'user_deleted' })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  }

  const emailIndex = { index: names.index.usersEmail, table: names.table.users, column: 'email' };
  const usernameIndex = { index: names.index.usersUsername, table: names.table.users, column: 'username' };
  /**
   * `USER_EXISTS` for a violation of the unique email index, `USERNAME_TAKEN` for the username's;
   * any other error as it is.
   */
  const taken = (error: unknown): unknown => {
    if (isUniqueViolation(error, emailIndex)) {
      return new GatehouseError(
        'USER_EXISTS',
        'An account with this email already exists',
        {},
        { cause: error },
      );
    }
    if (isUniqueViolation(error, usernameIndex)) {
      return new GatehouseError('USERNAME_TAKEN', 'This username is taken', {}, { cause: error });
    }
    return error;
  };

  return {
    async createWithPassword(user, credential, link) {
      try {
        await transact(async (trx) => {
          await trx.insertInto('users').values(userRow(user, kind)).execute();
          await trx.insertInto('credentials').values(credentialRow(credential)).execute();
          // A new account has no older link of the purpose to void.
          if (link) await insertToken(trx, link.token);
          if (link?.mail) await insertOutboxRow(trx, link.mail);
        });
      } catch (error) {
        throw taken(error);
      }
    },

    async create(user, profile = {}) {
      try {
        await db
          .insertInto('users')
          .values({ ...userRow(user, kind), ...profileColumns(profile) })
          .execute();
      } catch (error) {
        throw taken(error);
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

    async findByUsername(username) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async markEmailVerified(id, email, now, link) {
      const verify = async (trx: Kysely<Database>) => {
        if (link && !(await spendLink(trx, link, now))) return 'used' as const;
        const result = await trx
          .updateTable('users')
          .set({ email_verified: booleanValue(kind, true), updated_at: now })
          .where('id', '=', id)
          .where('email', '=', email)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0 ? ('verified' as const) : ('stale' as const);
      };
      return link ? transact(verify) : verify(db);
    },

    async changeStatus(id, status, now, from) {
      return transact((trx) => applyStatus(trx, id, status, now, from));
    },

    async takeOut(id, status, now, from, keep) {
      return transact(async (trx) => {
        if (keep) {
          await takeTurn(trx, kind, keep.appId);
          if (await isLastActiveHolder(trx, keep, id)) return 'last_holder' as const;
        }
        const changed =
          status === 'deleted'
            ? await applyDeletion(trx, id, now, from)
            : await applyStatus(trx, id, status, now, from);
        return changed ? ('changed' as const) : ('stale' as const);
      });
    },

    async findProfile(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toProfile(row) : null;
    },

    async updateProfile(id, patch, now) {
      const result = await db
        .updateTable('users')
        .set({ ...profileColumns(patch), updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async updateByOperator(id, patch, now) {
      const { emailVerified, ...profile } = patch;
      const result = await db
        .updateTable('users')
        .set({
          ...profileColumns(profile),
          ...(emailVerified === undefined ? {} : { email_verified: booleanValue(kind, emailVerified) }),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', 'not in', ['deleted', 'revoked'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async changeEmail(id, from, to, now, keepSessionId, verified = true, link) {
      try {
        return await transact(async (trx) => {
          // The link first: of concurrent uses one spends it, the others wait here and see it used.
          if (link && !(await spendLink(trx, { token: link.token, voids: [] }, now))) return 'used' as const;
          const moved = await trx
            .updateTable('users')
            .set({ email: to, email_verified: booleanValue(kind, verified), updated_at: now })
            .where('id', '=', id)
            .where('email', from === null ? 'is' : '=', from)
            .where('status', '=', 'active')
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) === 0) return 'stale' as const;
          let others = trx
            .updateTable('sessions')
            .set({ revoked_at: now, revoked_reason: 'email_changed' })
            .where('user_id', '=', id)
            .where('revoked_at', 'is', null);
          if (keepSessionId) others = others.where('id', '!=', keepSessionId);
          await others.execute();
          for (const links of link?.voids ?? []) await voidLinks(trx, id, now, links);
          return 'changed' as const;
        });
      } catch (error) {
        if (isUniqueViolation(error, emailIndex)) return 'taken';
        throw error;
      }
    },

    async softDelete(id, now, from = ['active']) {
      return transact((trx) => applyDeletion(trx, id, now, from));
    },

    async findDeletedAt(id) {
      const row = await db
        .selectFrom('users')
        .select('deleted_at')
        .where('id', '=', id)
        .where('status', '=', 'deleted')
        .executeTakeFirst();
      return row?.deleted_at ?? null;
    },

    async restore(id, now, deletedSince) {
      const result = await db
        .updateTable('users')
        // `status` before `deleted_from`: MySQL assigns left to right, each seeing the ones before it.
        .set((eb) => ({
          status: eb.fn.coalesce('deleted_from', eb.val('active')),
          deleted_from: null,
          deleted_at: null,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('status', '=', 'deleted')
        .where('deleted_at', '>=', deletedSince)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async hardDelete(id) {
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async purge(id) {
      const result = await db
        .deleteFrom('users')
        .where('id', '=', id)
        .where('status', '=', 'deleted')
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async releaseUnverifiedEmail(id, email, now) {
      return transact(async (trx) => {
        const released = await trx
          .updateTable('users')
          .set({ email: null, updated_at: now })
          .where('id', '=', id)
          .where('email', '=', email)
          .where('email_verified', '=', booleanValue(kind, false))
          .executeTakeFirst();
        if (Number(released.numUpdatedRows) === 0) return false;
        await trx
          .updateTable('sessions')
          .set({ revoked_at: now, revoked_reason: 'email_released' })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        return true;
      });
    },

    async purgeDeleted(before, limit) {
      return transact(async (trx) => {
        let query = trx
          .selectFrom('users')
          .select('id')
          .where('status', '=', 'deleted')
          .where('deleted_at', '<', before)
          .orderBy('deleted_at')
          .limit(limit);
        // Concurrent purges (several processes) take disjoint batches instead of waiting on
        // each other's rows; SQLite's write transaction already serialises them.
        if (kind !== 'sqlite') query = query.forUpdate().skipLocked();
        const due = await query.execute();
        if (due.length === 0) return [];
        const ids = due.map((r) => r.id);
        // Re-checked in the delete: a user restored meanwhile is not purged.
        if (kind === 'mysql') {
          // No DELETE … RETURNING on MySQL. The locking read above checked the status on the
          // committed rows and holds them, so nothing restores them before this delete.
          // One id per statement: a DELETE with an IN list may scan, and would wait for the rows
          // SKIP LOCKED passed over (mysql-writes.ts).
          for (const id of ids) {
            await trx.deleteFrom('users').where('id', '=', id).where('status', '=', 'deleted').execute();
          }
          return ids as UserId[];
        }
        const gone = await trx
          .deleteFrom('users')
          .where('id', 'in', ids)
          .where('status', '=', 'deleted')
          .returning('id')
          .execute();
        return gone.map((r) => r.id as UserId);
      });
    },
  };
}

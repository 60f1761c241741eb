/**
 * PatStore on Kysely. Creating within the cap is one transaction that first locks the user's row
 * (FOR UPDATE on PostgreSQL and MySQL; SQLite's `begin immediate` already serialises writers), then counts
 * and inserts: concurrent creations for one user take turns, so the cap holds.
 */
import type { Selectable } from 'kysely';
import type { PersonalAccessToken } from '../../core/apps.js';
import type { AppId, PatId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type { PatStore } from '../ports/pat-store.js';
import { readList } from './app-rows.js';
import type { StoreContext } from './context.js';
import { JOINED_USER_COLUMNS, joinedUser } from './rows.js';
import type { PersonalAccessTokensTable } from './schema.js';

function toPat(row: Selectable<PersonalAccessTokensTable>): PersonalAccessToken {
  const at = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: row.id as PatId,
    userId: row.user_id as UserId,
    appId: row.app_id as AppId,
    name: row.name,
    scopes: readList(row.scopes),
    createdAt: Number(row.created_at),
    expiresAt: at(row.expires_at),
    lastUsedAt: at(row.last_used_at),
    revokedAt: at(row.revoked_at),
  };
}

export function kyselyPatStore({ db, kind, transact }: StoreContext): PatStore {
  return {
    async createWithinCap(token, secretHash, cap, now) {
      return transact(async (trx) => {
        if (kind !== 'sqlite') {
          await trx.selectFrom('users').select('id').where('id', '=', token.userId).forUpdate().execute();
        }
        const live = await trx
          .selectFrom('personal_access_tokens')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', token.userId)
          .where('revoked_at', 'is', null)
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
          .executeTakeFirst();
        if (Number(live?.n ?? 0) >= cap) return false;
        await trx
          .insertInto('personal_access_tokens')
          .values({
            id: token.id,
            user_id: token.userId,
            app_id: token.appId,
            name: token.name,
            scopes: JSON.stringify(token.scopes),
            secret_hash: secretHash,
            created_at: token.createdAt,
            expires_at: token.expiresAt,
            last_used_at: token.lastUsedAt,
            revoked_at: token.revokedAt,
          })
          .execute();
        return true;
      });
    },

    async find(id) {
      const row = await db
        .selectFrom('personal_access_tokens as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .selectAll('p')
        .select(JOINED_USER_COLUMNS)
        .where('p.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        token: toPat(row),
        secretHash: row.secret_hash as TokenHash,
        user: joinedUser(row.user_id, row),
      };
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('personal_access_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toPat);
    },

    async revoke(userId, id, now) {
      const result = await db
        .updateTable('personal_access_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async revokeAllForUser(userId, now) {
      const result = await db
        .updateTable('personal_access_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async touch(id, now, minIntervalMs) {
      await db
        .updateTable('personal_access_tokens')
        .set({ last_used_at: now })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - minIntervalMs)]))
        .execute();
    },
  };
}

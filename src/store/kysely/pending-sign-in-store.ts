/** PendingSignInStore on Kysely: conditional UPDATEs on `consumed_at` decide who completes one. */
import { DEFAULT_APP_ID } from '../../core/apps.js';
import type { AppId, CredentialId, PendingSignInId, UserId } from '../../core/ids.js';
import type { PendingSignIn, PendingSignInStore } from '../ports/pending-sign-in-store.js';
import type { StoreContext } from './context.js';
import { readAmr } from './rows.js';
import type { PendingSignInsTable } from './schema.js';

function toPending(row: PendingSignInsTable): PendingSignIn {
  return {
    id: row.id as PendingSignInId,
    userId: row.user_id as UserId,
    credentialId: row.credential_id as CredentialId | null,
    amr: readAmr(row.amr),
    sessionTtl: row.session_ttl === null ? null : Number(row.session_ttl),
    ip: row.ip,
    userAgent: row.user_agent,
    failures: Number(row.failures),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
    appId: (row.app_id ?? DEFAULT_APP_ID) as AppId,
  };
}

export function kyselyPendingSignInStore(ctx: StoreContext): PendingSignInStore {
  const { db, kind, transact } = ctx;
  return {
    async create(pending, tokenHash) {
      await db
        .insertInto('pending_sign_ins')
        .values({
          id: pending.id,
          token_hash: tokenHash,
          user_id: pending.userId,
          credential_id: pending.credentialId,
          amr: pending.amr.join(','),
          session_ttl: pending.sessionTtl,
          ip: pending.ip,
          user_agent: pending.userAgent,
          failures: pending.failures,
          app_id: pending.appId,
          created_at: pending.createdAt,
          expires_at: pending.expiresAt,
          consumed_at: pending.consumedAt,
        })
        .execute();
    },

    async findLive(tokenHash, now) {
      const row = await db
        .selectFrom('pending_sign_ins')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? toPending(row) : null;
    },

    async consume(id, now) {
      const result = await db
        .updateTable('pending_sign_ins')
        .set({ consumed_at: now })
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async recordFailure(id) {
      if (kind === 'mysql') {
        // No UPDATE … RETURNING on MySQL: the update locks the row, so the read after it in the
        // same transaction sees this failure counted, and no other.
        return transact(async (trx) => {
          await trx
            .updateTable('pending_sign_ins')
            .set((eb) => ({ failures: eb('failures', '+', 1) }))
            .where('id', '=', id)
            .execute();
          const row = await trx
            .selectFrom('pending_sign_ins')
            .select('failures')
            .where('id', '=', id)
            .executeTakeFirst();
          return Number(row?.failures ?? 0);
        });
      }
      const row = await db
        .updateTable('pending_sign_ins')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('id', '=', id)
        .returning('failures')
        .executeTakeFirst();
      return Number(row?.failures ?? 0);
    },

    async voidAllForUser(userId, now) {
      const result = await db
        .updateTable('pending_sign_ins')
        .set({ consumed_at: now })
        .where('user_id', '=', userId)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/**
 * InvitationStore on Kysely. Accepting is one conditional UPDATE on `accepted_at`: on PostgreSQL
 * a concurrent update waits for the row and re-checks the condition on what the winner wrote, and
 * SQLite runs writers one at a time, so an invitation is accepted exactly once. MySQL locks the
 * row first and then changes it, to the same effect (mysql-writes.ts).
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Invitation } from '../../core/apps.js';
import type { AppId, InvitationId, UserId } from '../../core/ids.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import type { StoreContext } from './context.js';
import { updateReturning } from './mysql-writes.js';
import type { Database, InvitationsTable } from './schema.js';

function toInvitation(row: Selectable<InvitationsTable>): Invitation {
  const at = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: row.id as InvitationId,
    appId: row.app_id as AppId,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by as UserId | null,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    acceptedAt: at(row.accepted_at),
    acceptedBy: row.accepted_by as UserId | null,
    revokedAt: at(row.revoked_at),
  };
}

export function kyselyInvitationStore({ db, kind, transact }: StoreContext): InvitationStore {
  const findByToken = async (tokenHash: string) => {
    const row = await db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toInvitation(row) : null;
  };
  return {
    async create(invitation, tokenHash) {
      await db
        .insertInto('invitations')
        .values({
          id: invitation.id,
          app_id: invitation.appId,
          email: invitation.email,
          role: invitation.role,
          token_hash: tokenHash,
          invited_by: invitation.invitedBy,
          created_at: invitation.createdAt,
          expires_at: invitation.expiresAt,
          accepted_at: invitation.acceptedAt,
          accepted_by: invitation.acceptedBy,
          revoked_at: invitation.revokedAt,
        })
        .execute();
    },

    findByToken,

    async consume(tokenHash, userId, now) {
      const open = (eb: ExpressionBuilder<Database, 'invitations'>) =>
        eb.and([
          eb('token_hash', '=', tokenHash),
          eb('accepted_at', 'is', null),
          eb('revoked_at', 'is', null),
          eb('expires_at', '>', now),
        ]);
      const accept = { accepted_at: now, accepted_by: userId };
      const row =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (
              await transact((trx) => updateReturning(trx, 'invitations', { key: 'id', where: open }, accept))
            )[0]
          : await db.updateTable('invitations').set(accept).where(open).returningAll().executeTakeFirst();
      if (row) return { ok: true, invitation: toInvitation(row) };
      const current = await findByToken(tokenHash);
      if (!current) return { ok: false, reason: 'unknown' };
      if (current.revokedAt !== null) return { ok: false, reason: 'revoked' };
      if (current.acceptedAt !== null) return { ok: false, reason: 'used' };
      return { ok: false, reason: 'expired' };
    },

    async listOpen(appId, now) {
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('app_id', '=', appId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toInvitation);
    },

    async revoke(appId, id, now) {
      const result = await db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

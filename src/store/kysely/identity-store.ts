/** IdentityStore on Kysely. */
import type { IdentityId, UserId } from '../../core/ids.js';
import type { Identity, IdentityStore } from '../ports/identity-store.js';
import { booleanValue, type StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';
import { userRow } from './rows.js';
import type { IdentitiesTable } from './schema.js';

export function kyselyIdentityStore({ db, kind, names, transact }: StoreContext): IdentityStore {
  const subjectIndex = {
    index: names.index.identitiesSubject,
    table: names.table.identities,
    column: 'subject',
  };
  const emailIndex = { index: names.index.usersEmail, table: names.table.users, column: 'email' };
  const identityRow = (identity: Identity) => ({
    id: identity.id,
    user_id: identity.userId,
    provider: identity.provider,
    issuer: identity.issuer,
    subject: identity.subject,
    email: identity.email,
    email_verified: booleanValue(kind, identity.emailVerified),
    created_at: identity.createdAt,
    last_used_at: identity.lastUsedAt,
  });

  return {
    async createUser(user, identity) {
      try {
        await transact(async (trx) => {
          await trx.insertInto('users').values(userRow(user, kind)).execute();
          await trx.insertInto('identities').values(identityRow(identity)).execute();
        });
        return 'created';
      } catch (error) {
        if (isUniqueViolation(error, subjectIndex)) return 'identity_taken';
        if (isUniqueViolation(error, emailIndex)) return 'email_taken';
        throw error;
      }
    },

    async findBySubject(issuer, subject) {
      const row = await db
        .selectFrom('identities')
        .selectAll()
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row ? toIdentity(row) : null;
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('identities')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toIdentity);
    },

    async link(identity) {
      try {
        await db.insertInto('identities').values(identityRow(identity)).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error, subjectIndex)) return false;
        throw error;
      }
    },

    async touch(id, email, emailVerified, now) {
      const result = await db
        .updateTable('identities')
        .set({ email, email_verified: booleanValue(kind, emailVerified), last_used_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async unlink(userId, id) {
      const result = await db
        .deleteFrom('identities')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toIdentity(row: IdentitiesTable): Identity {
  return {
    id: row.id as IdentityId,
    userId: row.user_id as UserId,
    provider: row.provider,
    issuer: row.issuer,
    subject: row.subject,
    email: row.email,
    emailVerified: Boolean(row.email_verified),
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

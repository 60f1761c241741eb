/** CredentialStore on Kysely: password credentials and their one-winner rotation. */
import type { CredentialStore } from '../ports/credential-store.js';
import type { StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';
import { updateReturning } from './mysql-writes.js';
import { credentialRow, toCredential } from './rows.js';

export function kyselyCredentialStore(ctx: StoreContext): CredentialStore {
  const { db, kind, names, transact } = ctx;
  const onePassword = {
    index: names.index.credentialsOnePassword,
    table: names.table.credentials,
    column: 'user_id',
  };

  return {
    async findActivePassword(userId) {
      const row = await db
        .selectFrom('credentials')
        .selectAll()
        .where('user_id', '=', userId)
        .where('kind', '=', 'password')
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toCredential(row) : null;
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('credentials')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toCredential);
    },

    async addPassword(credential) {
      try {
        await db.insertInto('credentials').values(credentialRow(credential)).execute();
        return true;
      } catch (error) {
        // The partial unique index (one live password per user) decides between racing calls.
        if (isUniqueViolation(error, onePassword)) return false;
        throw error;
      }
    },

    async updatePasswordHash(id, hash) {
      await db
        .updateTable('credentials')
        .set({ secret_hash: hash })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async rotatePassword(oldId, next, now) {
      return transact(async (trx) => {
        // The conditional UPDATE is the arbiter: a concurrent rotation blocks on the row lock,
        // re-reads `revoked_at` after the winner commits and updates nothing.
        // MySQL: the locking read in `updateReturning` is the arbiter instead (mysql-writes.ts).
        const revoked =
          kind === 'mysql'
            ? (
                await updateReturning(
                  trx,
                  'credentials',
                  { key: 'id', where: (eb) => eb.and([eb('id', '=', oldId), eb('revoked_at', 'is', null)]) },
                  { revoked_at: now },
                )
              )[0]
            : await trx
                .updateTable('credentials')
                .set({ revoked_at: now })
                .where('id', '=', oldId)
                .where('revoked_at', 'is', null)
                .returning('user_id')
                .executeTakeFirst();
        if (revoked === undefined) return false;
        await trx.insertInto('credentials').values(credentialRow(next)).execute();
        await trx
          .updateTable('sessions')
          .set({ revoked_at: now, revoked_reason: 'credential_rotated' })
          .where('user_id', '=', revoked.user_id) // lets the user_id index narrow the scan
          .where('credential_id', '=', oldId)
          .where('revoked_at', 'is', null)
          .where('idle_expires_at', '>', now)
          .where('expires_at', '>', now)
          .execute();
        return true;
      });
    },
  };
}

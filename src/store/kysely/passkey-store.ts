/**
 * PasskeyStore on Kysely. The unique index on `credential_id` refuses a credential id registered
 * before (an insert that does nothing), and `recordUse` carries the signature-counter rule in its
 * WHERE clause, so the check and the write are one statement.
 */
import type { FactorId, UserId } from '../../core/ids.js';
import type { Passkey, PasskeyStore } from '../ports/passkey-store.js';
import { booleanValue, type StoreContext } from './context.js';
import { insertUnlessDuplicate } from './mysql-writes.js';
import type { PasskeysTable } from './schema.js';

function toPasskey(row: PasskeysTable): Passkey {
  return {
    id: row.id as FactorId,
    userId: row.user_id as UserId,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
    algorithm: Number(row.algorithm),
    counter: Number(row.counter),
    transports: row.transports === '' ? [] : row.transports.split(','),
    aaguid: row.aaguid,
    backupEligible: Boolean(row.backup_eligible),
    backedUp: Boolean(row.backed_up),
    name: row.name,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

export function kyselyPasskeyStore(ctx: StoreContext): PasskeyStore {
  const { db, kind, names } = ctx;
  return {
    async add(passkey) {
      const insert = db.insertInto('passkeys').values({
        id: passkey.id,
        user_id: passkey.userId,
        credential_id: passkey.credentialId,
        public_key: Buffer.from(passkey.publicKey).toString('base64url'),
        algorithm: passkey.algorithm,
        counter: passkey.counter,
        transports: passkey.transports.join(','),
        aaguid: passkey.aaguid,
        backup_eligible: booleanValue(kind, passkey.backupEligible),
        backed_up: booleanValue(kind, passkey.backedUp),
        name: passkey.name,
        created_at: passkey.createdAt,
        last_used_at: passkey.lastUsedAt,
      });
      if (kind === 'mysql') {
        // No ON CONFLICT on MySQL (mysql-writes.ts).
        return insertUnlessDuplicate(() => insert.execute(), {
          index: names.index.passkeysCredential,
          table: names.table.passkeys,
          column: 'credential_id',
        });
      }
      const inserted = await insert
        .onConflict((oc) => oc.column('credential_id').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async findByCredentialId(credentialId) {
      const row = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row ? toPasskey(row) : null;
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPasskey);
    },

    async countForUser(userId) {
      const row = await db
        .selectFrom('passkeys')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async rename(userId, id, name) {
      const result = await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async remove(userId, id) {
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async removeAll(userId) {
      const result = await db.deleteFrom('passkeys').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async recordUse(id, counter, backedUp, now) {
      const result = await db
        .updateTable('passkeys')
        .set({ counter, backed_up: booleanValue(kind, backedUp), last_used_at: now })
        .where('id', '=', id)
        .where((eb) => (counter === 0 ? eb('counter', '=', 0) : eb('counter', '<', counter)))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

/**
 * Second factors: how each session was authenticated (`amr`, `aal`, `authenticated_at`), the
 * sign-ins waiting for their second factor, authenticator-app (TOTP) factors and recovery codes.
 * Sessions from before keep working as password sessions at aal1.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function secondFactorsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  return {
    async up(db: Kysely<unknown>) {
      await addColumn(
        db,
        kind,
        db.schema
          .alterTable(t.sessions)
          .addColumn('amr', key(KEY_LENGTH.name), (c) => c.notNull().defaultTo('pwd')),
      );
      await addColumn(
        db,
        kind,
        db.schema.alterTable(t.sessions).addColumn('aal', 'integer', (c) => c.notNull().defaultTo(1)),
      );
      await addColumn(db, kind, db.schema.alterTable(t.sessions).addColumn('authenticated_at', 'bigint'));

      await db.schema
        .createTable(t.pending_sign_ins)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('token_hash', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('credential_id', text)
        .addColumn('amr', key(KEY_LENGTH.name), (c) => c.notNull())
        .addColumn('session_ttl', 'integer')
        .addColumn('ip', text)
        .addColumn('user_agent', text)
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('consumed_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.pendingSignInsToken).on(t.pending_sign_ins).column('token_hash').unique(),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.pendingSignInsUser).on(t.pending_sign_ins).column('user_id'),
      );

      await db.schema
        .createTable(t.totp_factors)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('sealed_secret', text, (c) => c.notNull())
        .addColumn('status', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('last_step', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('activated_at', 'bigint')
        .execute();
      // One authenticator app per account: enrolling again replaces a pending one.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.totpFactorsUser).on(t.totp_factors).column('user_id').unique(),
      );

      await db.schema
        .createTable(t.recovery_codes)
        .$call(tableOptions(kind))
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('code_hash', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema
          .createIndex(i.recoveryCodesHash)
          .on(t.recovery_codes)
          .columns(['user_id', 'code_hash'])
          .unique(),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.recovery_codes).execute();
      await db.schema.dropTable(t.totp_factors).execute();
      await db.schema.dropTable(t.pending_sign_ins).execute();
      for (const column of ['authenticated_at', 'aal', 'amr']) {
        await db.schema.alterTable(t.sessions).dropColumn(column).execute();
      }
    },
  };
}

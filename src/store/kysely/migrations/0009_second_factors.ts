/**
 * Second factors: how each session was authenticated (`amr`, `aal`, `authenticated_at`), the
 * sign-ins waiting for their second factor, authenticator-app (TOTP) factors and recovery codes.
 * Sessions from before keep working as password sessions at aal1.
 */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function secondFactorsMigration(names: TableNames): Migration {
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable(t.sessions)
        .addColumn('amr', 'text', (c) => c.notNull().defaultTo('pwd'))
        .execute();
      await db.schema
        .alterTable(t.sessions)
        .addColumn('aal', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable(t.sessions).addColumn('authenticated_at', 'bigint').execute();

      await db.schema
        .createTable(t.pending_sign_ins)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('credential_id', 'text')
        .addColumn('amr', 'text', (c) => c.notNull())
        .addColumn('session_ttl', 'integer')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('consumed_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.pendingSignInsToken)
        .on(t.pending_sign_ins)
        .column('token_hash')
        .unique()
        .execute();
      await db.schema.createIndex(i.pendingSignInsUser).on(t.pending_sign_ins).column('user_id').execute();

      await db.schema
        .createTable(t.totp_factors)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('sealed_secret', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_step', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('activated_at', 'bigint')
        .execute();
      // One authenticator app per account: enrolling again replaces a pending one.
      await db.schema.createIndex(i.totpFactorsUser).on(t.totp_factors).column('user_id').unique().execute();

      await db.schema
        .createTable(t.recovery_codes)
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.recoveryCodesHash)
        .on(t.recovery_codes)
        .columns(['user_id', 'code_hash'])
        .unique()
        .execute();
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

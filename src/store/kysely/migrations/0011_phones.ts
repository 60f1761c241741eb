/**
 * Phones as a second factor: the verified number of each user (a row appears only once a code
 * sent to it came back) and the one-time codes sent by text message, stored as keyed digests,
 * each bound to a phone setup, a pending sign-in or a reauthenticating session.
 */
import type { Kysely, Migration } from 'kysely';
import type { TableNames } from '../tables.js';

export function phonesMigration(names: TableNames): Migration {
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.phone_factors)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('verified_at', 'bigint', (c) => c.notNull())
        .execute();
      // One phone per account: a second one is a change, done by removing the first.
      await db.schema
        .createIndex(i.phoneFactorsUser)
        .on(t.phone_factors)
        .column('user_id')
        .unique()
        .execute();

      await db.schema
        .createTable(t.sms_codes)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('bound_to', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.smsCodesBinding)
        .on(t.sms_codes)
        .columns(['user_id', 'purpose', 'bound_to', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.sms_codes).execute();
      await db.schema.dropTable(t.phone_factors).execute();
    },
  };
}

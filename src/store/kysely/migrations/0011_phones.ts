/**
 * Phones as a second factor: the verified number of each user (a row appears only once a code
 * sent to it came back) and the one-time codes sent by text message, stored as keyed digests,
 * each bound to a phone setup, a pending sign-in or a reauthenticating session.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function phonesMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.phone_factors)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('phone', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('verified_at', 'bigint', (c) => c.notNull())
        .execute();
      // One phone per account: a second one is a change, done by removing the first.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.phoneFactorsUser).on(t.phone_factors).column('user_id').unique(),
      );

      await db.schema
        .createTable(t.sms_codes)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('purpose', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('bound_to', key(KEY_LENGTH.id), (c) => c.notNull())
        .addColumn('phone', text, (c) => c.notNull())
        .addColumn('code_hash', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema
          .createIndex(i.smsCodesBinding)
          .on(t.sms_codes)
          .columns(['user_id', 'purpose', 'bound_to', 'created_at']),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.sms_codes).execute();
      await db.schema.dropTable(t.phone_factors).execute();
    },
  };
}

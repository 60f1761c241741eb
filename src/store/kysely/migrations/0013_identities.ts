/**
 * Linked identities: an account at an outside identity provider (an OpenID Connect provider, a
 * Firebase project, GitHub…), keyed by the issuer and the subject it names — never by email.
 * One (issuer, subject) belongs to at most one user.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function identitiesMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text, boolean: booleanType } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.identities)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.users}.id`).onDelete('cascade'),
        )
        .addColumn('provider', text, (c) => c.notNull())
        .addColumn('issuer', key(KEY_LENGTH.issuer), (c) => c.notNull())
        .addColumn('subject', key(KEY_LENGTH.name), (c) => c.notNull())
        .addColumn('email', text)
        .addColumn('email_verified', booleanType, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.identitiesSubject).on(t.identities).columns(['issuer', 'subject']).unique(),
      );
      await createIndex(db, kind, db.schema.createIndex(i.identitiesUser).on(t.identities).column('user_id'));
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.identities).execute();
    },
  };
}

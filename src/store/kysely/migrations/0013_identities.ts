/**
 * Linked identities: an account at an outside identity provider (an OpenID Connect provider, a
 * Firebase project, GitHub…), keyed by the issuer and the subject it names — never by email.
 * One (issuer, subject) belongs to at most one user.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';

export function identitiesMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  const i = names.index;
  const booleanType = kind === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.identities)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('email_verified', booleanType, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.identitiesSubject)
        .on(t.identities)
        .columns(['issuer', 'subject'])
        .unique()
        .execute();
      await db.schema.createIndex(i.identitiesUser).on(t.identities).column('user_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.identities).execute();
    },
  };
}

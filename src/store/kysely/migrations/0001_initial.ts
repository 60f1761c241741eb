/** The first schema: users, password credentials, sessions with refresh tokens, signing keys. */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';

export function initialMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  // SQLite has no boolean type; 0/1 integers are its convention.
  const booleanType = kind === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.users)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_verified', booleanType, (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // A named unique index (not an inline constraint) so both drivers report the same name.
      await db.schema.createIndex(names.index.usersEmail).on(t.users).column('email').unique().execute();

      await db.schema
        .createTable(t.credentials)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('replaces', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(names.index.credentialsUserId)
        .on(t.credentials)
        .column('user_id')
        .execute();

      await db.schema
        .createTable(t.sessions)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('credential_id', 'text', (c) => c.references(`${t.credentials}.id`).onDelete('set null'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('idle_expires_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_reason', 'text')
        .execute();
      await db.schema.createIndex(names.index.sessionsUserId).on(t.sessions).column('user_id').execute();

      await db.schema
        .createTable(t.refresh_tokens)
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references(`${t.sessions}.id`).onDelete('cascade'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('spent_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(names.index.refreshTokensSessionId)
        .on(t.refresh_tokens)
        .column('session_id')
        .execute();

      await db.schema
        .createTable(t.signing_keys)
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('sealed_private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('retired_at', 'bigint')
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const name of [t.signing_keys, t.refresh_tokens, t.sessions, t.credentials, t.users]) {
        await db.schema.dropTable(name).execute();
      }
    },
  };
}

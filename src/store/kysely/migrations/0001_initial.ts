/** The first schema: users, password credentials, sessions with refresh tokens, signing keys. */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function initialMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  const { key, text, boolean: booleanType } = columnTypes(kind);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.users)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('email', key(KEY_LENGTH.email), (c) => c.notNull())
        .addColumn('email_verified', booleanType, (c) => c.notNull())
        .addColumn('name', text)
        .addColumn('status', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // A named unique index (not an inline constraint) so both drivers report the same name.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.usersEmail).on(t.users).column('email').unique(),
      );

      await db.schema
        .createTable(t.credentials)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.users}.id`).onDelete('cascade'),
        )
        .addColumn('kind', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('secret_hash', text, (c) => c.notNull())
        .addColumn('replaces', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.credentialsUserId).on(t.credentials).column('user_id'),
      );

      await db.schema
        .createTable(t.sessions)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.users}.id`).onDelete('cascade'),
        )
        .addColumn('credential_id', key(KEY_LENGTH.id), (c) =>
          c.references(`${t.credentials}.id`).onDelete('set null'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('idle_expires_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('ip', text)
        .addColumn('user_agent', text)
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_reason', text)
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.sessionsUserId).on(t.sessions).column('user_id'),
      );

      await db.schema
        .createTable(t.refresh_tokens)
        .$call(tableOptions(kind))
        .addColumn('token_hash', key(KEY_LENGTH.hash), (c) => c.primaryKey())
        .addColumn('session_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.sessions}.id`).onDelete('cascade'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('spent_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(names.index.refreshTokensSessionId).on(t.refresh_tokens).column('session_id'),
      );

      await db.schema
        .createTable(t.signing_keys)
        .$call(tableOptions(kind))
        .addColumn('kid', key(KEY_LENGTH.hash), (c) => c.primaryKey())
        .addColumn('alg', text, (c) => c.notNull())
        .addColumn('public_jwk', text, (c) => c.notNull())
        .addColumn('sealed_private_key', text, (c) => c.notNull())
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

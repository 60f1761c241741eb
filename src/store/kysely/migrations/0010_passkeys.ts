/**
 * Passkeys: the WebAuthn credentials of users (a credential id registered at most once across
 * all users, enforced by a unique index) and the challenges of WebAuthn ceremonies, kept as
 * digests, each bound to its purpose and to the session or pending sign-in it was issued for.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function passkeysMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text, credentialId, boolean: booleanType } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.passkeys)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('credential_id', credentialId, (c) => c.notNull())
        .addColumn('public_key', text, (c) => c.notNull())
        .addColumn('algorithm', 'integer', (c) => c.notNull())
        // WebAuthn counters are unsigned 32-bit: past PostgreSQL's `integer`.
        .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('transports', key(KEY_LENGTH.name), (c) => c.notNull().defaultTo(''))
        .addColumn('aaguid', text, (c) => c.notNull())
        .addColumn('backup_eligible', booleanType, (c) => c.notNull())
        .addColumn('backed_up', booleanType, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      // A credential id belongs to one user only, whoever registers it second.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.passkeysCredential).on(t.passkeys).column('credential_id').unique(),
      );
      await createIndex(db, kind, db.schema.createIndex(i.passkeysUser).on(t.passkeys).column('user_id'));

      await db.schema
        .createTable(t.webauthn_challenges)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('digest', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('purpose', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) => c.references(userRef).onDelete('cascade'))
        .addColumn('bound_to', key(KEY_LENGTH.id))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.webauthnChallengesDigest).on(t.webauthn_challenges).column('digest').unique(),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.webauthnChallengesExpiry).on(t.webauthn_challenges).column('expires_at'),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.webauthn_challenges).execute();
      await db.schema.dropTable(t.passkeys).execute();
    },
  };
}

/**
 * Passkeys: the WebAuthn credentials of users (a credential id registered at most once across
 * all users, enforced by a unique index) and the challenges of WebAuthn ceremonies, kept as
 * digests, each bound to its purpose and to the session or pending sign-in it was issued for.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';

export function passkeysMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  const i = names.index;
  const userRef = `${t.users}.id`;
  // SQLite has no boolean type; 0/1 integers are its convention.
  const booleanType = kind === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.passkeys)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(userRef).onDelete('cascade'))
        .addColumn('credential_id', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'integer', (c) => c.notNull())
        // WebAuthn counters are unsigned 32-bit: past PostgreSQL's `integer`.
        .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('aaguid', 'text', (c) => c.notNull())
        .addColumn('backup_eligible', booleanType, (c) => c.notNull())
        .addColumn('backed_up', booleanType, (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      // A credential id belongs to one user only, whoever registers it second.
      await db.schema
        .createIndex(i.passkeysCredential)
        .on(t.passkeys)
        .column('credential_id')
        .unique()
        .execute();
      await db.schema.createIndex(i.passkeysUser).on(t.passkeys).column('user_id').execute();

      await db.schema
        .createTable(t.webauthn_challenges)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references(userRef).onDelete('cascade'))
        .addColumn('bound_to', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.webauthnChallengesDigest)
        .on(t.webauthn_challenges)
        .column('digest')
        .unique()
        .execute();
      await db.schema
        .createIndex(i.webauthnChallengesExpiry)
        .on(t.webauthn_challenges)
        .column('expires_at')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.webauthn_challenges).execute();
      await db.schema.dropTable(t.passkeys).execute();
    },
  };
}

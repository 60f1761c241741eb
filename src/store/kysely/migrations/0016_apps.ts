/**
 * Apps sharing one user base: the registry, memberships (roles, plan and direct permissions per
 * app), roles with their permissions, invitations and personal access tokens. Sessions and the
 * sign-ins waiting on a second step (a second factor, a provider, a mailed link) record their app.
 * The default app is made here, with its built-in roles, and every existing account becomes a
 * member of it, so an installation that never names an app works as before.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { BUILT_IN_ROLES, DEFAULT_APP_ID, DEFAULT_PLANS } from '../../../core/apps.js';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';
import { seedApp, seedRoles } from './seed-rows.js';

export function appsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text, boolean: booleanType } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.apps)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('status', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('secret_hash', text)
        .addColumn('sign_in_methods', text)
        .addColumn('redirect_urls', text, (c) => c.notNull())
        .addColumn('cors_origins', text, (c) => c.notNull())
        .addColumn('audience', key(KEY_LENGTH.audience))
        .addColumn('default_role', text, (c) => c.notNull())
        .addColumn('default_plan', text, (c) => c.notNull())
        .addColumn('sign_up', text, (c) => c.notNull())
        .addColumn('plans', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.appsAudience).on(t.apps).column('audience').unique(),
      );

      await db.schema
        .createTable(t.roles)
        .$call(tableOptions(kind))
        .addColumn('app_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.apps}.id`).onDelete('cascade'),
        )
        .addColumn('name', key(KEY_LENGTH.word), (c) => c.notNull())
        .addColumn('description', text)
        .addColumn('permissions', text, (c) => c.notNull())
        .addColumn('built_in', booleanType, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${t.roles}_pkey`, ['app_id', 'name'])
        .execute();

      await db.schema
        .createTable(t.memberships)
        .$call(tableOptions(kind))
        .addColumn('app_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.apps}.id`).onDelete('cascade'),
        )
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.users}.id`).onDelete('cascade'),
        )
        .addColumn('roles', text, (c) => c.notNull())
        .addColumn('plan', text, (c) => c.notNull())
        .addColumn('permissions', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${t.memberships}_pkey`, ['app_id', 'user_id'])
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.membershipsUser).on(t.memberships).column('user_id'),
      );

      await db.schema
        .createTable(t.invitations)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('app_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.apps}.id`).onDelete('cascade'),
        )
        .addColumn('email', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('token_hash', key(KEY_LENGTH.hash), (c) => c.notNull())
        .addColumn('invited_by', key(KEY_LENGTH.id), (c) =>
          c.references(`${t.users}.id`).onDelete('set null'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint')
        .addColumn('accepted_by', key(KEY_LENGTH.id), (c) =>
          c.references(`${t.users}.id`).onDelete('set null'),
        )
        .addColumn('revoked_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.invitationsToken).on(t.invitations).column('token_hash').unique(),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.invitationsApp).on(t.invitations).columns(['app_id', 'created_at']),
      );

      await db.schema
        .createTable(t.personal_access_tokens)
        .$call(tableOptions(kind))
        .addColumn('id', key(KEY_LENGTH.id), (c) => c.primaryKey())
        .addColumn('user_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.users}.id`).onDelete('cascade'),
        )
        .addColumn('app_id', key(KEY_LENGTH.id), (c) =>
          c.notNull().references(`${t.apps}.id`).onDelete('cascade'),
        )
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('scopes', text, (c) => c.notNull())
        .addColumn('secret_hash', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.personalAccessTokensUser).on(t.personal_access_tokens).column('user_id'),
      );

      // No foreign key on these: SQLite cannot add a REFERENCES column with a non-null default,
      // and apps are disabled, never deleted.
      await addColumn(
        db,
        kind,
        db.schema
          .alterTable(t.sessions)
          .addColumn('app_id', key(KEY_LENGTH.id), (c) => c.notNull().defaultTo(DEFAULT_APP_ID)),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.sessionsApp).on(t.sessions).columns(['app_id', 'user_id']),
      );
      for (const table of [t.pending_sign_ins, t.oauth_flows, t.email_sign_ins]) {
        await addColumn(db, kind, db.schema.alterTable(table).addColumn('app_id', key(KEY_LENGTH.id)));
      }

      const now = Date.now();
      const defaultApp = {
        id: DEFAULT_APP_ID,
        name: 'Default',
        audience: null,
        defaultRole: 'member',
        signUp: 'open',
        plans: DEFAULT_PLANS,
      } as const;
      await seedApp(db, t.apps, defaultApp, now, kind);
      await seedRoles(db, t.roles, kind, DEFAULT_APP_ID, BUILT_IN_ROLES, now);
      await sql`
        insert into ${sql.table(t.memberships)} (app_id, user_id, roles, plan, permissions, created_at, updated_at)
        select ${DEFAULT_APP_ID}, id, '["member"]', ${DEFAULT_PLANS[0]!.name}, '[]', created_at, ${now}
        from ${sql.table(t.users)}
        ${kind === 'mysql' ? sql`on duplicate key update app_id = app_id` : sql``}
      `.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const table of [t.pending_sign_ins, t.oauth_flows, t.email_sign_ins]) {
        await db.schema.alterTable(table).dropColumn('app_id').execute();
      }
      await db.schema.dropIndex(i.sessionsApp).execute();
      await db.schema.alterTable(t.sessions).dropColumn('app_id').execute();
      await db.schema.dropTable(t.personal_access_tokens).execute();
      await db.schema.dropTable(t.invitations).execute();
      await db.schema.dropTable(t.memberships).execute();
      await db.schema.dropTable(t.roles).execute();
      await db.schema.dropTable(t.apps).execute();
    },
  };
}

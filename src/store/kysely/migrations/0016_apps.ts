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
import { seedApp, seedRoles } from './seed-rows.js';

export function appsMigration(names: TableNames, kind: StoreKind): Migration {
  const t = names.table;
  const i = names.index;
  const booleanType = kind === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.apps)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text')
        .addColumn('sign_in_methods', 'text')
        .addColumn('redirect_urls', 'text', (c) => c.notNull())
        .addColumn('cors_origins', 'text', (c) => c.notNull())
        .addColumn('audience', 'text')
        .addColumn('default_role', 'text', (c) => c.notNull())
        .addColumn('default_plan', 'text', (c) => c.notNull())
        .addColumn('sign_up', 'text', (c) => c.notNull())
        .addColumn('plans', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex(i.appsAudience).on(t.apps).column('audience').unique().execute();

      await db.schema
        .createTable(t.roles)
        .addColumn('app_id', 'text', (c) => c.notNull().references(`${t.apps}.id`).onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('built_in', booleanType, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${t.roles}_pkey`, ['app_id', 'name'])
        .execute();

      await db.schema
        .createTable(t.memberships)
        .addColumn('app_id', 'text', (c) => c.notNull().references(`${t.apps}.id`).onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${t.memberships}_pkey`, ['app_id', 'user_id'])
        .execute();
      await db.schema.createIndex(i.membershipsUser).on(t.memberships).column('user_id').execute();

      await db.schema
        .createTable(t.invitations)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('app_id', 'text', (c) => c.notNull().references(`${t.apps}.id`).onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text', (c) => c.references(`${t.users}.id`).onDelete('set null'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint')
        .addColumn('accepted_by', 'text', (c) => c.references(`${t.users}.id`).onDelete('set null'))
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.invitationsToken)
        .on(t.invitations)
        .column('token_hash')
        .unique()
        .execute();
      await db.schema
        .createIndex(i.invitationsApp)
        .on(t.invitations)
        .columns(['app_id', 'created_at'])
        .execute();

      await db.schema
        .createTable(t.personal_access_tokens)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references(`${t.users}.id`).onDelete('cascade'))
        .addColumn('app_id', 'text', (c) => c.notNull().references(`${t.apps}.id`).onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex(i.personalAccessTokensUser)
        .on(t.personal_access_tokens)
        .column('user_id')
        .execute();

      // No foreign key on these: SQLite cannot add a REFERENCES column with a non-null default,
      // and apps are disabled, never deleted.
      await db.schema
        .alterTable(t.sessions)
        .addColumn('app_id', 'text', (c) => c.notNull().defaultTo(DEFAULT_APP_ID))
        .execute();
      await db.schema.createIndex(i.sessionsApp).on(t.sessions).columns(['app_id', 'user_id']).execute();
      for (const table of [t.pending_sign_ins, t.oauth_flows, t.email_sign_ins]) {
        await db.schema.alterTable(table).addColumn('app_id', 'text').execute();
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
      await seedApp(db, t.apps, defaultApp, now);
      await seedRoles(db, t.roles, kind, DEFAULT_APP_ID, BUILT_IN_ROLES, now);
      await sql`
        insert into ${sql.table(t.memberships)} (app_id, user_id, roles, plan, permissions, created_at, updated_at)
        select ${DEFAULT_APP_ID}, id, '["member"]', ${DEFAULT_PLANS[0]!.name}, '[]', created_at, ${now}
        from ${sql.table(t.users)}
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

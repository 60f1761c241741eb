/**
 * The rows migrations seed: a built-in app (the default app, the console) and its built-in roles,
 * in the columns those migrations' tables have. Old migrations call these, so a change here
 * changes what they wrote: add a parameter, never change what an existing call writes.
 */
import { type Kysely, sql } from 'kysely';
import { DEFAULT_PLANS, type Plan, type Role } from '../../../core/apps.js';
import type { AppId } from '../../../core/ids.js';
import type { StoreKind } from '../context.js';

/** What differs between the built-in apps; the rest is an active app with no secret, URLs or origins. */
export interface SeededApp {
  readonly id: AppId;
  readonly name: string;
  readonly audience: string | null;
  readonly defaultRole: string;
  readonly signUp: 'open' | 'invite_only';
  readonly plans: readonly Plan[];
}

/** Inserts `app` into the apps table `table`, on the first of the default plans. */
export async function seedApp(
  db: Kysely<unknown>,
  table: string,
  app: SeededApp,
  now: number,
  kind?: StoreKind,
): Promise<void> {
  if (kind === 'mysql' && (await seeded(db, table, { id: app.id }))) return;
  await db
    .insertInto(table as never)
    .values({
      id: app.id,
      name: app.name,
      status: 'active',
      secret_hash: null,
      sign_in_methods: null,
      redirect_urls: '[]',
      cors_origins: '[]',
      audience: app.audience,
      default_role: app.defaultRole,
      default_plan: DEFAULT_PLANS[0]!.name,
      sign_up: app.signUp,
      plans: JSON.stringify(app.plans),
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
}

/** Inserts `roles` into the roles table `table` as the built-in roles of `appId`. */
export async function seedRoles(
  db: Kysely<unknown>,
  table: string,
  kind: StoreKind,
  appId: AppId,
  roles: ReadonlyArray<Pick<Role, 'name' | 'description' | 'permissions'>>,
  now: number,
): Promise<void> {
  for (const role of roles) {
    if (kind === 'mysql' && (await seeded(db, table, { app_id: appId, name: role.name }))) continue;
    await db
      .insertInto(table as never)
      .values({
        app_id: appId,
        name: role.name,
        description: role.description,
        permissions: JSON.stringify(role.permissions),
        built_in: kind === 'postgres' ? true : 1,
        created_at: now,
      } as never)
      .execute();
  }
}

/**
 * Whether `table` has the row `key` names. MySQL only: its migrations are not transactions, so
 * one re-run after a crash part-way finds some of its seeds already there.
 */
async function seeded(db: Kysely<unknown>, table: string, key: Record<string, string>): Promise<boolean> {
  let query = db.selectFrom(table as never).select(sql.lit(1).as('found'));
  for (const [column, value] of Object.entries(key))
    query = query.where(column as never, '=', value as never);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * RoleHolderStore on Kysely. Each guarded change is one transaction that first takes the app's
 * row (FOR NO KEY UPDATE on PostgreSQL, which memberships' foreign keys do not wait for; SQLite's
 * `begin immediate` already runs writers one at a time), then looks for another active holder
 * of the role on committed data, then changes the membership as `MembershipStore.update` does.
 */
import type { Kysely } from 'kysely';
import { GatehouseError } from '../../core/errors.js';
import type { RoleHolderStore } from '../ports/role-holder-store.js';
import { toMembership } from './app-rows.js';
import type { StoreContext } from './context.js';
import type { Database } from './schema.js';

export function kyselyRoleHolderStore({ kind, transact }: StoreContext): RoleHolderStore {
  async function lockApp(trx: Kysely<Database>, appId: string): Promise<void> {
    if (kind === 'postgres') {
      await trx.selectFrom('apps').select('id').where('id', '=', appId).forNoKeyUpdate().execute();
    }
  }

  async function readMembership(trx: Kysely<Database>, appId: string, userId: string) {
    let read = trx
      .selectFrom('memberships')
      .selectAll()
      .where('app_id', '=', appId)
      .where('user_id', '=', userId);
    if (kind === 'postgres') read = read.forUpdate();
    const row = await read.executeTakeFirst();
    return row ? toMembership(row) : null;
  }

  /**
   * Whether `userId` is the app's only active member holding `role`. Taking the role from a
   * member who is not active (suspended, say) leaves the active holders as they were.
   */
  async function isLastActiveHolder(
    trx: Kysely<Database>,
    appId: string,
    userId: string,
    role: string,
  ): Promise<boolean> {
    const user = await trx.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst();
    if (user?.status !== 'active') return false;
    // Role names are limited to [a-z0-9_-], so the quoted name cannot match across elements.
    const others = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.user_id')
      .where('memberships.app_id', '=', appId)
      .where('memberships.user_id', '!=', userId)
      .where('memberships.roles', 'like', `%${JSON.stringify(role)}%`)
      .where('users.status', '=', 'active')
      .limit(1)
      .executeTakeFirst();
    return others === undefined;
  }

  /** New roles must exist in the app (as `MembershipStore.update` checks), else ROLE_NOT_FOUND. */
  async function checkRoles(trx: Kysely<Database>, appId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    let roles = trx
      .selectFrom('roles')
      .select('name')
      .where('app_id', '=', appId)
      .where('name', 'in', [...names]);
    if (kind === 'postgres') roles = roles.forShare();
    const found = await roles.execute();
    if (found.length !== new Set(names).size)
      throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  }

  return {
    update(appId, userId, role, change, now) {
      return transact(async (trx) => {
        await lockApp(trx, appId);
        const before = await readMembership(trx, appId, userId);
        if (!before) return null;
        const changes = change(before);
        const losesRole =
          before.roles.includes(role) && changes.roles !== undefined && !changes.roles.includes(role);
        if (losesRole && (await isLastActiveHolder(trx, appId, userId, role))) return 'last_holder' as const;
        await checkRoles(
          trx,
          appId,
          (changes.roles ?? []).filter((r) => !before.roles.includes(r)),
        );
        const set: Record<string, string | number> = { updated_at: now };
        if (changes.roles) set.roles = JSON.stringify(changes.roles);
        if (changes.plan !== undefined) set.plan = changes.plan;
        if (changes.permissions) set.permissions = JSON.stringify(changes.permissions);
        const updated = await trx
          .updateTable('memberships')
          .set(set)
          .where('app_id', '=', appId)
          .where('user_id', '=', userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before, after: toMembership(updated) };
      });
    },

    remove(appId, userId, role) {
      return transact(async (trx) => {
        await lockApp(trx, appId);
        const current = await readMembership(trx, appId, userId);
        if (!current) return false;
        if (current.roles.includes(role) && (await isLastActiveHolder(trx, appId, userId, role))) {
          return 'last_holder' as const;
        }
        await trx
          .deleteFrom('memberships')
          .where('app_id', '=', appId)
          .where('user_id', '=', userId)
          .execute();
        return true;
      });
    },
  };
}

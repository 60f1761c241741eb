/**
 * RoleStore on Kysely. Deleting a role locks its row (FOR UPDATE on PostgreSQL; SQLite runs
 * writers one at a time) before counting who holds it, and a grant takes FOR SHARE on the role it
 * adds (see membership-store.ts): a grant and a deletion never both succeed.
 */
import type { Kysely } from 'kysely';
import type { RoleStore } from '../ports/role-store.js';
import { toRole } from './app-rows.js';
import { booleanValue, type StoreContext } from './context.js';
import { insertUnlessDuplicate } from './mysql-writes.js';
import type { Database } from './schema.js';

export function kyselyRoleStore({ db, kind, names, transact }: StoreContext): RoleStore {
  const find = async (appId: string, name: string, executor: Kysely<Database> = db) => {
    const row = await executor
      .selectFrom('roles')
      .selectAll()
      .where('app_id', '=', appId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toRole(row) : null;
  };
  return {
    async create(role) {
      const insert = db.insertInto('roles').values({
        app_id: role.appId,
        name: role.name,
        description: role.description,
        permissions: JSON.stringify(role.permissions),
        built_in: booleanValue(kind, role.builtIn),
        created_at: role.createdAt,
      });
      if (kind === 'mysql') {
        // No ON CONFLICT on MySQL (mysql-writes.ts); the key is the primary key (app_id, name).
        return insertUnlessDuplicate(() => insert.execute(), {
          index: 'PRIMARY',
          table: names.table.roles,
          column: 'name',
        });
      }
      const result = await insert
        .onConflict((oc) => oc.columns(['app_id', 'name']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    find,

    async list(appId) {
      const rows = await db
        .selectFrom('roles')
        .selectAll()
        .where('app_id', '=', appId)
        .orderBy('name')
        .execute();
      return rows.map(toRole);
    },

    async findMany(appId, roleNames) {
      if (roleNames.length === 0) return [];
      const rows = await db
        .selectFrom('roles')
        .selectAll()
        .where('app_id', '=', appId)
        .where('name', 'in', [...roleNames])
        .execute();
      return rows.map(toRole);
    },

    async update(appId, name, changes) {
      const set: Record<string, string | null> = {};
      if (changes.permissions) set.permissions = JSON.stringify(changes.permissions);
      if (changes.description !== undefined) set.description = changes.description;
      if (Object.keys(set).length === 0) return find(appId, name);
      if (kind === 'mysql') {
        // No UPDATE … RETURNING on MySQL; the key is (app_id, name), so the read-back is by both.
        return transact(async (trx) => {
          const updated = await trx
            .updateTable('roles')
            .set(set)
            .where('app_id', '=', appId)
            .where('name', '=', name)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) return null;
          return find(appId, name, trx);
        });
      }
      const row = await db
        .updateTable('roles')
        .set(set)
        .where('app_id', '=', appId)
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirst();
      return row ? toRole(row) : null;
    },

    async deleteUnused(appId, name) {
      return transact(async (trx) => {
        let read = trx.selectFrom('roles').selectAll().where('app_id', '=', appId).where('name', '=', name);
        if (kind !== 'sqlite') read = read.forUpdate();
        const row = await read.executeTakeFirst();
        if (!row) return 'not_found' as const;
        if (toRole(row).builtIn) return 'built_in' as const;
        // Role names are limited to [a-z0-9_-]: the quoted name matches whole elements only.
        const holders = await trx
          .selectFrom('memberships')
          .select('user_id')
          .where('app_id', '=', appId)
          .where('roles', 'like', `%${JSON.stringify(name)}%`)
          .limit(1)
          .execute();
        if (holders.length > 0) return 'in_use' as const;
        await trx.deleteFrom('roles').where('app_id', '=', appId).where('name', '=', name).execute();
        return 'deleted' as const;
      });
    },
  };
}

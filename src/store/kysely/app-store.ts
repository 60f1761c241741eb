/** AppStore on Kysely. */
import type { AppStore } from '../ports/app-store.js';
import { appRow, toApp } from './app-rows.js';
import { booleanValue, type StoreContext } from './context.js';
import { updateReturning } from './mysql-writes.js';

export function kyselyAppStore({ db, kind, transact }: StoreContext): AppStore {
  return {
    async create(app, builtInRoles) {
      await transact(async (trx) => {
        await trx.insertInto('apps').values(appRow(app)).execute();
        for (const role of builtInRoles) {
          await trx
            .insertInto('roles')
            .values({
              app_id: app.id,
              name: role.name,
              description: role.description,
              permissions: JSON.stringify(role.permissions),
              built_in: booleanValue(kind, true),
              created_at: app.createdAt,
            })
            .execute();
        }
      });
    },

    async find(id) {
      const row = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toApp(row) : null;
    },

    async list() {
      const rows = await db.selectFrom('apps').selectAll().orderBy('id').execute();
      return rows.map(toApp);
    },

    async update(id, changes, now) {
      const current = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) return null;
      const next = appRow({ ...toApp(current), ...changes, updatedAt: now });
      const { id: _id, created_at: _created, ...columns } = next;
      const row =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (
              await transact((trx) =>
                updateReturning(trx, 'apps', { key: 'id', where: (eb) => eb('id', '=', id) }, columns),
              )
            )[0]
          : await db.updateTable('apps').set(columns).where('id', '=', id).returningAll().executeTakeFirst();
      return row ? toApp(row) : null;
    },
  };
}

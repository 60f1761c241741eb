/**
 * MembershipStore on Kysely. `ensure` is an insert that ignores a conflict on the primary key,
 * then a read: concurrent first sign-ins make one row. Changes at the console app take their
 * turn and check its last active admin in the transaction that makes them (`kept-holders.ts`).
 */
import { type Kysely, sql } from 'kysely';
import { GatehouseError } from '../../core/errors.js';
import { CONSOLE_ADMIN, lastAdmin } from '../ports/kept-holder.js';
import type { MembershipStore } from '../ports/membership-store.js';
import { membershipRow, toMembership } from './app-rows.js';
import type { StoreContext } from './context.js';
import { isLastActiveHolder, takeTurn } from './kept-holders.js';
import { insertUnlessDuplicate } from './mysql-writes.js';
import type { Database } from './schema.js';

export function kyselyMembershipStore({ db, kind, names, transact }: StoreContext): MembershipStore {
  /**
   * Every role in `names` must exist in the app: checked under FOR SHARE on PostgreSQL, which a
   * role deletion's FOR UPDATE waits for (SQLite runs writers one at a time). Else ROLE_NOT_FOUND.
   */
  async function lockRoles(trx: Kysely<Database>, appId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    let roles = trx
      .selectFrom('roles')
      .select('name')
      .where('app_id', '=', appId)
      .where('name', 'in', [...names]);
    if (kind === 'postgres') roles = roles.forShare();
    // MariaDB has no FOR SHARE; LOCK IN SHARE MODE is the spelling MariaDB and MySQL 8 share.
    if (kind === 'mysql') roles = roles.modifyEnd(sql`lock in share mode`);
    const found = await roles.execute();
    if (found.length !== new Set(names).size)
      throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  }

  const find = async (appId: string, userId: string) => {
    const row = await db
      .selectFrom('memberships')
      .selectAll()
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toMembership(row) : null;
  };

  return {
    find,

    async ensure(membership) {
      const created = await transact(async (trx) => {
        await lockRoles(trx, membership.appId, membership.roles);
        const insert = trx.insertInto('memberships').values(membershipRow(membership));
        if (kind === 'mysql') {
          // No ON CONFLICT on MySQL (mysql-writes.ts); the key is the primary key (app_id, user_id).
          return insertUnlessDuplicate(() => insert.execute(), {
            index: 'PRIMARY',
            table: names.table.memberships,
            column: 'user_id',
          });
        }
        const inserted = await insert
          .onConflict((oc) => oc.columns(['app_id', 'user_id']).doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
      });
      const current = await find(membership.appId, membership.userId);
      // The row can only be missing here if the user was purged in between.
      return { membership: current ?? membership, created: created && current !== null };
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('memberships')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('app_id')
        .execute();
      return rows.map(toMembership);
    },

    async listForApp(appId, options = {}) {
      let query = db.selectFrom('memberships').selectAll().where('app_id', '=', appId);
      if (options.afterUserId) query = query.where('user_id', '>', options.afterUserId);
      const rows = await query
        .orderBy('user_id')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map(toMembership);
    },

    async update(appId, userId, change, now) {
      const guarded = appId === CONSOLE_ADMIN.appId;
      return transact(async (trx) => {
        if (guarded) await takeTurn(trx, kind, appId);
        let read = trx
          .selectFrom('memberships')
          .selectAll()
          .where('app_id', '=', appId)
          .where('user_id', '=', userId);
        if (kind !== 'sqlite') read = read.forUpdate();
        const row = await read.executeTakeFirst();
        if (!row) return null;
        const before = toMembership(row);
        const changes = change(before);
        const { role } = CONSOLE_ADMIN;
        const losesRole =
          guarded &&
          before.roles.includes(role) &&
          changes.roles !== undefined &&
          !changes.roles.includes(role);
        if (losesRole && (await isLastActiveHolder(trx, CONSOLE_ADMIN, userId))) throw lastAdmin();
        await lockRoles(
          trx,
          appId,
          (changes.roles ?? []).filter((r) => !before.roles.includes(r)),
        );
        const set: Record<string, string | number> = { updated_at: now };
        if (changes.roles) set.roles = JSON.stringify(changes.roles);
        if (changes.plan !== undefined) set.plan = changes.plan;
        if (changes.permissions) set.permissions = JSON.stringify(changes.permissions);
        const write = trx
          .updateTable('memberships')
          .set(set)
          .where('app_id', '=', appId)
          .where('user_id', '=', userId);
        // No UPDATE … RETURNING on MySQL; the row is locked above, so the read-back is what was written.
        const updated =
          kind === 'mysql'
            ? await write
                .execute()
                .then(() =>
                  trx
                    .selectFrom('memberships')
                    .selectAll()
                    .where('app_id', '=', appId)
                    .where('user_id', '=', userId)
                    .executeTakeFirstOrThrow(),
                )
            : await write.returningAll().executeTakeFirstOrThrow();
        return { before, after: toMembership(updated) };
      });
    },

    async remove(appId, userId) {
      const removal = (trx: Kysely<Database>) =>
        trx
          .deleteFrom('memberships')
          .where('app_id', '=', appId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
      if (appId !== CONSOLE_ADMIN.appId) return Number((await removal(db)).numDeletedRows) > 0;
      return transact(async (trx) => {
        await takeTurn(trx, kind, appId);
        if (await isLastActiveHolder(trx, CONSOLE_ADMIN, userId)) throw lastAdmin();
        return Number((await removal(trx)).numDeletedRows) > 0;
      });
    },

    async countWithRole(appId, role) {
      // Role names are limited to [a-z0-9_-], so the quoted name cannot match across elements.
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', appId)
        .where('roles', 'like', `%${JSON.stringify(role)}%`)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

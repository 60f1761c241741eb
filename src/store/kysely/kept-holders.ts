/**
 * The guard that keeps an app an active member holding a role (the console's last admin),
 * shared by the membership store's console changes and the user store's `takeOut`. A guarded
 * change first takes its turn (`takeTurn`), then asks `isLastActiveHolder` on committed data,
 * then changes, all in one transaction.
 */
import type { Kysely } from 'kysely';
import type { KeptHolder } from '../ports/kept-holder.js';
import type { StoreKind } from './context.js';
import type { Database } from './schema.js';

/**
 * Makes guarded changes of one app run one at a time, so each sees every one that committed
 * before it. PostgreSQL: FOR NO KEY UPDATE on the app's row, which memberships' foreign keys do
 * not wait for, so unguarded work at the app goes on; MySQL: FOR UPDATE on it; SQLite's
 * `begin immediate` already runs writers one at a time.
 */
export async function takeTurn(trx: Kysely<Database>, kind: StoreKind, appId: string): Promise<void> {
  if (kind === 'postgres') {
    await trx.selectFrom('apps').select('id').where('id', '=', appId).forNoKeyUpdate().execute();
  }
  // MySQL has no FOR NO KEY UPDATE: FOR UPDATE also holds off inserts of memberships at the app
  // (their foreign key check takes a shared lock on it) until this short transaction ends.
  if (kind === 'mysql') {
    await trx.selectFrom('apps').select('id').where('id', '=', appId).forUpdate().execute();
  }
}

/**
 * Whether `userId` is active, holds `keep.role` at `keep.appId`, and is the only active member
 * there who does: a member who is not active (suspended, say) protects nothing, so taking the
 * role from them, or them out, leaves the active holders as they were.
 */
export async function isLastActiveHolder(
  trx: Kysely<Database>,
  keep: KeptHolder,
  userId: string,
): Promise<boolean> {
  const own = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.roles', 'users.status'])
    .where('memberships.app_id', '=', keep.appId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (own?.status !== 'active' || !(JSON.parse(own.roles) as string[]).includes(keep.role)) return false;
  // Role names are limited to [a-z0-9_-], so the quoted name cannot match across elements.
  const other = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.user_id')
    .where('memberships.app_id', '=', keep.appId)
    .where('memberships.user_id', '!=', userId)
    .where('memberships.roles', 'like', `%${JSON.stringify(keep.role)}%`)
    .where('users.status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return other === undefined;
}

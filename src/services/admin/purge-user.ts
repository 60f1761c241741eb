/**
 * Operators: erases a deleted user now, instead of when housekeeping would at the end of
 * `deletedRetentionDays`: the account and everything that belongs to it go; the audit log keeps
 * its records. Erasing is always the second of two decisions — a user who is not deleted first
 * is 409 `USER_NOT_DELETED` — and an operator cannot purge themselves (409 `CANNOT_ACT_ON_SELF`).
 * An unknown (or already erased) user is 404 `NOT_FOUND`.
 *
 * The store erases only while the user is still deleted, in the statement that erases, so a
 * restore racing a purge has one outcome: restored and there (the purge is 409), or erased and
 * gone (the restore is 404) — never a restore answered and the account gone.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { refuseSelf } from './lock-out.js';

/** A user restored and deleted again between our statements makes the purge miss; retry this often. */
const ATTEMPTS = 3;

/**
 * @example
 * await gatehouse.deleteUser('usr_…');
 * await gatehouse.purgeUser('usr_…'); // { id, purged: true }
 */
export async function purgeUser(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<{ id: string; purged: true }> {
  refuseSelf(userId, 'purge');
  const id = await checkUserInScope(ctx, scope, userId);
  // Of concurrent purges one erases the row; the others find nothing left to erase.
  for (let attempt = 1; !(await ctx.store.users.purge(id)); attempt++) {
    const user = await ctx.store.users.findById(id);
    if (!user) throw new GatehouseError('NOT_FOUND', 'No such user');
    // Deleted again right after a restore that made ours miss: erase it after all.
    if (user.status === 'deleted' && attempt < ATTEMPTS) continue;
    throw new GatehouseError(
      'USER_NOT_DELETED',
      `Only a deleted user can be purged; this one is ${user.status}: delete it first`,
    );
  }
  await ctx.events.emit({ type: 'user.purged', userId: id, data: { by: 'operator' } });
  return { id, purged: true };
}

/**
 * Operators only: brings back an account its owner soft-deleted, while it is still within
 * `deletedRetentionDays`. Sessions stay ended; the owner signs in again with their password.
 * The account comes back with the status it was deleted from, so a suspended or revoked user
 * stays so; the operation answers that status.
 */
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

/** How long a soft-deleted account stays restorable (`deletedRetentionDays`), in ms. */
export const retentionMs = (ctx: ServiceContext) => ctx.settings.deletedRetentionDays * 24 * 3_600_000;

/**
 * Returns the status the account came back with.
 *
 * @example
 * const status = await gatehouse.restoreUser('usr_…'); // 'active', or 'suspended' if deleted so
 */
export async function restoreUser(ctx: ServiceContext, userId: string): Promise<UserStatus> {
  const now = ctx.clock.now();
  const since = now - retentionMs(ctx);
  const restored = isValidId(userId, 'usr') && (await ctx.store.users.restore(userId, now, since));
  if (!restored) throw new GatehouseError('NOT_FOUND', 'No deleted user with this id can be restored');
  await ctx.events.emit({ type: 'user.restored', userId });
  // One row read: the status as it is now, which a change landing in between would have moved.
  const back = await ctx.store.users.findById(userId);
  if (!back) throw new GatehouseError('NOT_FOUND', 'No such user');
  return back.status;
}

/**
 * Erases accounts soft-deleted more than `deletedRetentionDays` ago, in batches; returns how
 * many. The server runs it every hour; it is safe to run from several processes at once.
 */
export async function purgeDeletedUsers(ctx: ServiceContext, batch = 100): Promise<number> {
  const before = ctx.clock.now() - retentionMs(ctx);
  let purged = 0;
  for (;;) {
    const ids = await ctx.store.users.purgeDeleted(before, batch);
    for (const id of ids) await ctx.events.emit({ type: 'user.purged', userId: id });
    purged += ids.length;
    if (ids.length < batch) return purged;
  }
}

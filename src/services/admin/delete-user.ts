/**
 * Operators: deletes a user softly, as the owner's own deletion does with `accountDeletion:
 * 'soft'` — whatever that setting says, since erasing is a separate, later decision (`purgeUser`).
 * Every session ends, mailed links and personal access tokens die, sign-in fails as for an
 * unknown address, the address stays reserved, and the owner gets the deletion notice. The user
 * can be restored (`restoreUser`) for `deletedRetentionDays`, then housekeeping erases it.
 *
 * A suspended or revoked user is deleted too (the usual end of a revoked spammer: delete, then
 * purge); a restore gives back the status the user had, so deleting never lifts a suspension or
 * a revocation. Deleting a deleted user changes nothing (`changed: false`), also when two
 * deletions race. An operator cannot delete themselves (409 `CANNOT_ACT_ON_SELF`), nor anyone
 * the console's last active admin (409 `LAST_ADMIN`, checked with the deletion in one
 * transaction).
 */
import type { User, UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { retentionMs } from '../accounts/restore-user.js';
import type { ServiceContext } from '../context.js';
import { notifyAccountDeleted } from '../notices/notices.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { CONSOLE_ADMIN, lastAdmin, refuseSelf } from './lock-out.js';

export interface UserDeletion {
  readonly id: string;
  readonly status: 'deleted';
  /** False when the user was already deleted. */
  readonly changed: boolean;
  /** ISO 8601: until when `restoreUser` can bring the user back. */
  readonly restorableUntil: string;
}

/** Every status but `deleted`: an operator deletes whoever is not deleted yet. */
const DELETABLE: readonly UserStatus[] = ['active', 'suspended', 'revoked'];

/** A status moving back and forth under us makes the deletion miss; look again this often. */
const ATTEMPTS = 3;

/**
 * @example
 * const { restorableUntil } = await gatehouse.deleteUser('usr_…');
 */
export async function deleteUser(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<UserDeletion> {
  refuseSelf(userId, 'delete');
  const id = await checkUserInScope(ctx, scope, userId);
  for (let attempt = 1; ; attempt++) {
    const user = await ctx.store.users.findById(id);
    if (!user) throw new GatehouseError('NOT_FOUND', 'No such user');
    if (user.status !== 'deleted') {
      const now = ctx.clock.now();
      const outcome = await ctx.store.users.takeOut(id, 'deleted', now, DELETABLE, CONSOLE_ADMIN);
      if (outcome === 'last_holder') throw lastAdmin();
      if (outcome === 'changed') return settle(ctx, user, now);
    }
    // Deleted already — by another request, maybe, landing just before ours.
    const deletedAt = await ctx.store.users.findDeletedAt(id);
    if (deletedAt !== null) {
      const until = new Date(deletedAt + retentionMs(ctx)).toISOString();
      return { id, status: 'deleted', changed: false, restorableUntil: until };
    }
    // Restored (or erased) between our reads: look again.
    if (attempt >= ATTEMPTS) {
      throw new GatehouseError('USER_NOT_ACTIVE', 'The user’s status kept changing meanwhile; try again');
    }
  }
}

/** What follows a deletion that landed: dead links and tokens, the event, the owner's notice. */
async function settle(ctx: ServiceContext, user: User, now: number): Promise<UserDeletion> {
  const until = now + retentionMs(ctx);
  await ctx.store.verificationTokens.voidAll(user.id, now);
  await ctx.store.pats.revokeAllForUser(user.id, now);
  await ctx.events.emit({
    type: 'user.deleted',
    userId: user.id,
    data: { mode: 'soft', restorableUntil: new Date(until).toISOString(), by: 'operator' },
  });
  await notifyAccountDeleted(ctx, user, until);
  return { id: user.id, status: 'deleted', changed: true, restorableUntil: new Date(until).toISOString() };
}

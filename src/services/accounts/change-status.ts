/**
 * Suspending ends a user's sessions and keeps their credentials (reversible with `reactivate`);
 * revoking also revokes every credential, personal access tokens included. Both take effect for
 * access tokens at once (a PAT of a user who is not active is refused by its check), and both
 * void a pending address change.
 *
 * Each change applies only from the statuses it makes sense from, checked by the store in the
 * statement that makes it, so no change lands on a status that changed meanwhile: revoked is
 * final (suspending or reactivating one is 409 `USER_REVOKED`), a deleted user is 404
 * `NOT_FOUND` (restore it first) and is never revived, and asking for the status the user
 * already has changes nothing and emits nothing — also when two such requests race: one changes
 * the user, the other finds it done.
 */
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId, type UserId } from '../../core/ids.js';
import type { KeptHolder } from '../../store/ports/kept-holder.js';
import type { ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';

/** The statuses set by these operations (deletion has its own). */
export type SettableStatus = Extract<UserStatus, 'active' | 'suspended' | 'revoked'>;

/** `unchanged`: the user already had the status; `last_holder`: refused by `keep`. */
export type StatusOutcome = 'changed' | 'unchanged' | 'last_holder';

/** What each status is reached from: never from `deleted`, and from `revoked` nothing is. */
const FROM: Record<SettableStatus, readonly UserStatus[]> = {
  active: ['suspended'],
  suspended: ['active'],
  revoked: ['active', 'suspended'],
};

const EVENT = { active: 'user.reactivated', suspended: 'user.suspended', revoked: 'user.revoked' } as const;

/** A status moving back and forth under us makes the guarded change miss; look again this often. */
const ATTEMPTS = 3;

/**
 * Moves a user to `status` from the statuses it is reached from, with its consequences and its
 * event. With `keep`, taking out the last active holder of that role is refused (`last_holder`,
 * nothing changed), under the store's lock.
 */
export async function changeUserStatus(
  ctx: ServiceContext,
  userId: string,
  status: SettableStatus,
  keep?: KeptHolder,
): Promise<StatusOutcome> {
  if (!isValidId(userId, 'usr')) throw new GatehouseError('NOT_FOUND', 'No such user');
  const users = ctx.store.users;
  for (let attempt = 1; ; attempt++) {
    const now = ctx.clock.now();
    const outcome =
      status === 'active' || !keep
        ? (await users.changeStatus(userId, status, now, FROM[status]))
          ? 'changed'
          : 'stale'
        : await users.takeOut(userId, status, now, FROM[status], keep);
    if (outcome === 'last_holder') return outcome;
    if (outcome === 'changed') {
      await settle(ctx, userId, status, now);
      return 'changed';
    }
    // Not changed: say why, from the status the user has now.
    const current = (await users.findById(userId))?.status;
    if (current === undefined || current === 'deleted') {
      throw new GatehouseError('NOT_FOUND', 'No such user');
    }
    if (current === status) return 'unchanged';
    if (current === 'revoked') {
      const verb = status === 'active' ? 'reactivated' : 'suspended';
      throw new GatehouseError('USER_REVOKED', `The user is revoked, which is final: they cannot be ${verb}`);
    }
    if (attempt >= ATTEMPTS) {
      throw new GatehouseError('USER_NOT_ACTIVE', 'The user’s status kept changing meanwhile; try again');
    }
  }
}

/** What follows a change that landed: tokens and pending changes that must die, the event. */
async function settle(ctx: ServiceContext, userId: UserId, status: SettableStatus, now: number) {
  if (status !== 'active') await voidPendingEmailChange(ctx, userId, now);
  // Suspension keeps them (reactivation brings them back); revocation ends them for good.
  if (status === 'revoked') await ctx.store.pats.revokeAllForUser(userId, now);
  await ctx.events.emit({ type: EVENT[status], userId });
}

export const suspendUser = async (ctx: ServiceContext, userId: string): Promise<void> => {
  await changeUserStatus(ctx, userId, 'suspended');
};
export const revokeUser = async (ctx: ServiceContext, userId: string): Promise<void> => {
  await changeUserStatus(ctx, userId, 'revoked');
};
export const reactivateUser = async (ctx: ServiceContext, userId: string): Promise<void> => {
  await changeUserStatus(ctx, userId, 'active');
};

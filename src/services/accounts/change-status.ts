/**
 * Suspending ends a user's sessions and keeps their credentials (reversible with `reactivate`);
 * revoking also revokes every credential, personal access tokens included. Both take effect for
 * access tokens at once (a PAT of a user who is not active is refused by its check), and both
 * void a pending address change.
 */
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId, type UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';

async function changeStatus(ctx: ServiceContext, userId: string, status: UserStatus): Promise<void> {
  const now = ctx.clock.now();
  const changed = isValidId(userId, 'usr') && (await ctx.store.users.changeStatus(userId, status, now));
  if (!changed) throw new GatehouseError('NOT_FOUND', 'No such user');
  if (status !== 'active') await voidPendingEmailChange(ctx, userId as UserId, now);
  // Suspension keeps them (reactivation brings them back); revocation ends them for good.
  if (status === 'revoked') await ctx.store.pats.revokeAllForUser(userId as UserId, now);
  const type =
    status === 'active' ? 'user.reactivated' : status === 'suspended' ? 'user.suspended' : 'user.revoked';
  await ctx.events.emit({ type, userId: userId as UserId });
}

export const suspendUser = (ctx: ServiceContext, userId: string) => changeStatus(ctx, userId, 'suspended');
export const revokeUser = (ctx: ServiceContext, userId: string) => changeStatus(ctx, userId, 'revoked');
export const reactivateUser = (ctx: ServiceContext, userId: string) => changeStatus(ctx, userId, 'active');

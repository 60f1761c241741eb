/**
 * Recovery wins over a pending address change: a password reset or change, "sign out
 * everywhere", a suspension and an undo each void the link that would confirm it, so a
 * confirmation link an attacker requested stops working once the owner takes action.
 */
import type { UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

export function voidPendingEmailChange(ctx: ServiceContext, userId: UserId, now: number): Promise<number> {
  return ctx.store.verificationTokens.voidAll(userId, now, 'change_email');
}

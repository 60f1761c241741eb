/**
 * Recovery wins over a pending address change: a password reset or change, "sign out
 * everywhere", a suspension and an undo each void the link that would confirm it, so a
 * confirmation link an attacker requested stops working once the owner takes action.
 */
import type { UserId } from '../../core/ids.js';
import type { TokenPurpose } from '../../store/ports/verification-token-store.js';
import type { ServiceContext } from '../context.js';

/** The link that would confirm a pending change. */
export const PENDING_CHANGE_PURPOSE: TokenPurpose = 'change_email';

export function voidPendingEmailChange(ctx: ServiceContext, userId: UserId, now: number): Promise<number> {
  return ctx.store.verificationTokens.voidAll(userId, now, PENDING_CHANGE_PURPOSE);
}

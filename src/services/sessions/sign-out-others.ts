/**
 * "Sign out my other devices": every live session of the user ends except `keep`, and a pending
 * address change is voided — the same suspicion of a takeover as signing out everywhere, so a
 * confirmation link the intruder requested dies with their session. The sessions end in one
 * statement (the user's, all but `keep`); two concurrent calls both succeed, each counting the
 * sessions it ended, and neither touches the caller's.
 */
import type { SessionId, UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';

/** Returns how many sessions this call ended. */
export async function signOutOthers(
  ctx: ServiceContext,
  userId: UserId,
  keep: SessionId,
  now: number,
): Promise<number> {
  const ended = await ctx.store.sessions.revokeAllForUser(userId, now, 'sign_out_others', keep);
  await voidPendingEmailChange(ctx, userId, now);
  await ctx.events.emit({
    type: 'session.revoked',
    userId,
    sessionId: keep,
    data: { reason: 'sign_out_others', sessions: ended },
  });
  return ended;
}

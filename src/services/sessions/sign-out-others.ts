/**
 * "Sign out my other devices": every live session of the user ends except `keep`, and a pending
 * address change is voided — the same suspicion of a takeover as signing out everywhere, so a
 * confirmation link the intruder requested dies with their session. Sessions end one by one
 * (each with the user's id, so only theirs is touched); two concurrent calls both succeed, each
 * counting the sessions it ended, and neither touches the caller's.
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
  const live = await ctx.store.sessions.listLive(userId, now);
  let ended = 0;
  for (const other of live) {
    if (other.id === keep) continue;
    if (await ctx.store.sessions.revoke(other.id, now, 'sign_out_others', userId)) ended += 1;
  }
  await voidPendingEmailChange(ctx, userId, now);
  await ctx.events.emit({
    type: 'session.revoked',
    userId,
    sessionId: keep,
    data: { reason: 'sign_out_others', sessions: ended },
  });
  return ended;
}

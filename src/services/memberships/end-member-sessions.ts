/**
 * Ends a member's sessions at one app (their sessions at other apps go on): what an operator asks
 * for with `{endSessions: true}` so a change of roles, plan or permissions applies at once rather
 * than at the next refresh, and what removing a member always does. Emits `session.revoked`
 * with `reason: membership_changed`.
 */
import type { AppId, UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

/** How many sessions ended. */
export async function endMemberSessions(
  ctx: ServiceContext,
  appId: AppId,
  userId: UserId,
  now: number,
): Promise<number> {
  const ended = await ctx.store.sessions.revokeAllInApp(appId, userId, now, 'membership_changed');
  await ctx.events.emit({
    type: 'session.revoked',
    userId,
    data: { reason: 'membership_changed', appId, sessions: ended },
  });
  return ended;
}

/**
 * Operators: ends every live session of a user — at once: access tokens are refused by the
 * session check on their next use, and refresh tokens no longer refresh. A tenant admin ends the
 * sessions at their app only; the user's sessions elsewhere go on. Emits `session.revoked` with
 * `reason: revoked_by_operator` and how many ended (also when none were live: the request is
 * audited either way).
 *
 * @example
 * const { ended } = await gatehouse.endUserSessions('usr_…');
 */
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { findAccessTarget } from './access-target.js';

export async function endUserSessions(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<{ ended: number }> {
  const user = await findAccessTarget(ctx, scope, userId);
  const now = ctx.clock.now();
  const reason = 'revoked_by_operator';
  const ended = scope?.appId
    ? await ctx.store.sessions.revokeAllInApp(scope.appId, user.id, now, reason)
    : await ctx.store.sessions.revokeAllForUser(user.id, now, reason);
  await ctx.events.emit({
    type: 'session.revoked',
    userId: user.id,
    data: { reason, sessions: ended, ...(scope?.appId ? { appId: scope.appId } : {}) },
  });
  return { ended };
}

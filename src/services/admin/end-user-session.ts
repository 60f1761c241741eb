/**
 * Operators: ends one live session of a user, at once (see end-user-sessions.ts). An id that is
 * not a live session of this user — unknown, ended, another user's, or for a tenant admin one
 * at another app — is the same 404 `NOT_FOUND`, so ids cannot be probed.
 *
 * @example
 * await gatehouse.endUserSession('usr_…', 'ses_…');
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { findAccessTarget, inReach } from './access-target.js';

export async function endUserSession(
  ctx: ServiceContext,
  userId: string,
  sessionId: string,
  scope?: OperatorScope,
): Promise<void> {
  const user = await findAccessTarget(ctx, scope, userId);
  const noSuchSession = () => new GatehouseError('NOT_FOUND', 'No such session');
  if (!isValidId(sessionId, 'ses')) throw noSuchSession();
  if (scope?.appId) {
    const found = await ctx.store.sessions.findWithUser(sessionId);
    if (!found || !inReach(scope, found.session.appId)) throw noSuchSession();
  }
  const reason = 'revoked_by_operator';
  // Scoped to the user, so another user's session id ends nothing and answers 404.
  if (!(await ctx.store.sessions.revoke(sessionId, ctx.clock.now(), reason, user.id))) throw noSuchSession();
  await ctx.events.emit({ type: 'session.revoked', userId: user.id, sessionId, data: { reason } });
}

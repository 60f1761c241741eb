/** Ends one of the caller's own sessions. Another user's session id is reported as not found. */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { getSession } from './get-session.js';

export async function revokeSession(
  ctx: ServiceContext,
  accessToken: string,
  sessionId: string,
): Promise<void> {
  const { user } = await getSession(ctx, accessToken);
  const revoked =
    isValidId(sessionId, 'ses') &&
    (await ctx.store.sessions.revoke(sessionId, ctx.clock.now(), 'revoked_by_user', user.id));
  if (!revoked) throw new GatehouseError('NOT_FOUND', 'No such session');
  await ctx.events.emit({
    type: 'session.revoked',
    userId: user.id,
    sessionId,
    data: { reason: 'revoked_by_user' },
  });
}

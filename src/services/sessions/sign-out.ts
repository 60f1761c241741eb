/** Signs out: the caller's session ends, so its access and refresh tokens stop working at once. */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { getSession } from './get-session.js';

export async function signOut(ctx: ServiceContext, accessToken: string): Promise<void> {
  const { session, user } = await getSession(ctx, accessToken);
  const revoked = await ctx.store.sessions.revoke(session.id, ctx.clock.now(), 'sign_out', user.id);
  if (!revoked) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  await ctx.events.emit({
    type: 'session.revoked',
    userId: user.id,
    sessionId: session.id,
    data: { reason: 'sign_out' },
  });
}

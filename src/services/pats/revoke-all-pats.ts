/** The signed-in user revokes every personal access token they hold; returns how many. */
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';

export async function revokeAllPats(
  ctx: ServiceContext,
  accessToken: string,
  client: ClientInfo = {},
): Promise<{ revoked: number }> {
  const { user, session } = await getSession(ctx, accessToken);
  const revoked = await ctx.store.pats.revokeAllForUser(user.id, ctx.clock.now());
  if (revoked > 0) {
    await ctx.events.emit({
      type: 'pat.revoked',
      userId: user.id,
      sessionId: session.id,
      client,
      data: { all: true, count: revoked },
    });
  }
  return { revoked };
}

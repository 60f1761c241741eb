/**
 * The signed-in user revokes one of their personal access tokens. Another user's token, an
 * unknown id and one already revoked get the same 404, so ids cannot be probed (AZ-02).
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';

export async function revokePat(
  ctx: ServiceContext,
  accessToken: string,
  patId: string,
  client: ClientInfo = {},
): Promise<void> {
  const { user, session } = await getSession(ctx, accessToken);
  const revoked = isValidId(patId, 'pat') && (await ctx.store.pats.revoke(user.id, patId, ctx.clock.now()));
  if (!revoked) throw new GatehouseError('NOT_FOUND', 'No such token');
  await ctx.events.emit({
    type: 'pat.revoked',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { patId },
  });
}

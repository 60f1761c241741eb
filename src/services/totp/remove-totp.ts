/** Removes the signed-in user's authenticator app (recent sign-in required), with a notice. */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { factorRemoved } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';

export async function removeTotp(
  ctx: ServiceContext,
  accessToken: string,
  client: ClientInfo = {},
): Promise<void> {
  const { user } = await recentSession(ctx, accessToken);
  const factor = await ctx.store.totp.find(user.id);
  if (!factor || !(await ctx.store.totp.remove(user.id))) {
    throw new GatehouseError('NOT_FOUND', 'No authenticator app is set up');
  }
  // A pending (never activated) secret protected nothing: no notice for it.
  if (factor.status === 'active') await factorRemoved(ctx, user, 'totp', client);
}

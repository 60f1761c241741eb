/** Removes the signed-in user's phone, the SMS factor (recent sign-in required), with a notice. */
import { GatehouseError } from '../../core/errors.js';
import { maskPhone } from '../../core/phone.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { factorRemoved } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';

export async function removePhone(
  ctx: ServiceContext,
  accessToken: string,
  client: ClientInfo = {},
): Promise<void> {
  const { user, session } = await recentSession(ctx, accessToken);
  const factor = await ctx.store.phones.find(user.id);
  if (!factor || !(await ctx.store.phones.remove(user.id))) {
    throw new GatehouseError('NOT_FOUND', 'No phone is set up');
  }
  // Codes already sent to it must not outlive it.
  await ctx.store.smsCodes.removeAll(user.id);
  await ctx.events.emit({
    type: 'phone.removed',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { phone: maskPhone(factor.phone) },
  });
  await factorRemoved(ctx, user, 'sms', client);
}

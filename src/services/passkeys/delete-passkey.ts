/** Removes one of the signed-in user's passkeys (recent sign-in required), with a notice. */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { factorRemoved } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';

export async function deletePasskey(
  ctx: ServiceContext,
  accessToken: string,
  passkeyId: string,
  client: ClientInfo = {},
): Promise<void> {
  const { user } = await recentSession(ctx, accessToken);
  // Another user's passkey is as unknown here as one that never existed.
  if (!isValidId(passkeyId, 'mfa') || !(await ctx.store.passkeys.remove(user.id, passkeyId))) {
    throw new GatehouseError('NOT_FOUND', 'No such passkey');
  }
  await factorRemoved(ctx, user, 'passkey', client);
}
